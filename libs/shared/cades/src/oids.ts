/**
 * Object identifiers of CMS, CAdES and the algorithms the signing code knows (RFC 5652, RFC 5035, RFC 8017,
 * RFC 5480, RFC 7091/7836 for GOST R 34.10/34.11-2012). Shared by the builder here and the server's verifier.
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  gost2012_256: '1.2.643.7.1.1.1.1',
  gost2012_512: '1.2.643.7.1.1.1.2',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  gost2012_256WithStreebog: '1.2.643.7.1.1.3.2',
  gost2012_512WithStreebog: '1.2.643.7.1.1.3.3',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  mgf1: '1.2.840.113549.1.1.8',
} as const;

export type DigestName = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'STREEBOG-256' | 'STREEBOG-512';

export const DIGEST_OIDS: Readonly<Record<DigestName, string>> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
  'STREEBOG-256': OID.streebog256,
  'STREEBOG-512': OID.streebog512,
};
