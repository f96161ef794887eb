import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { exactBuffer } from './bytes';
import { ecdsaRawToDer } from './ecdsa';
import { DIGEST_OIDS, OID } from './oids';

/**
 * Builds a detached CMS SignedData, CAdES-BES (RFC 5652, RFC 5126/ETSI EN 319 122-1 BES): signed attributes
 * contentType, signingTime, messageDigest and signingCertificateV2, in DER (sorted) order. RSA PKCS #1 v1.5
 * and ECDSA keys through WebCrypto (`globalThis.crypto.subtle`) — nothing Node-specific: the browser's
 * software token (`importSoftwareToken`, `@tmk/web-signing`) signs with it. GOST signatures in production
 * come from the CryptoPro plug-in, not from here.
 */

export type CadesHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** WebCrypto's CryptoKey, named through the global so that Node's and the DOM's typings both fit. */
export type SigningKey = Parameters<typeof globalThis.crypto.subtle.sign>[1];

export interface DetachedCadesInput {
  readonly document: Uint8Array;
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /**
   * RSASSA-PKCS1-v1_5 or ECDSA private key matching the certificate. An RSA key's own hash (fixed when it was
   * imported) must be `hash`.
   */
  readonly privateKey: SigningKey;
  readonly hash?: CadesHash;
  /** Defaults to now. */
  readonly signingTime?: Date;
  /** Further certificates to carry (the issuing CA's), DER. */
  readonly extraCertificates?: readonly Uint8Array[];
}

const SIGNATURE_OIDS: Readonly<Record<'RSA' | 'ECDSA', Readonly<Record<CadesHash, string>>>> = {
  RSA: { 'SHA-256': OID.sha256WithRsa, 'SHA-384': OID.sha384WithRsa, 'SHA-512': OID.sha512WithRsa },
  ECDSA: { 'SHA-256': OID.ecdsaWithSha256, 'SHA-384': OID.ecdsaWithSha384, 'SHA-512': OID.ecdsaWithSha512 },
};

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(exactBuffer(der));
  if (asn.offset === -1) throw new Error('Not a DER certificate');
  return new pkijs.Certificate({ schema: asn.result });
}

/** DER order of a SET OF: by encoding, the shorter one padded with zeros (X.690 §11.6). */
function derSetOrder(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** UTCTime for 1950–2049 as RFC 5652 §11.3 demands, GeneralizedTime otherwise; whole seconds. */
function signingTimeValue(time: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const t = new Date(Math.floor(time.getTime() / 1000) * 1000);
  const year = t.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate: t })
    : new asn1js.GeneralizedTime({ valueDate: t });
}

/** ESSCertIDv2 of the signer certificate (hash algorithm omitted when it is the DEFAULT, SHA-256). */
function signingCertificateV2(
  hash: CadesHash,
  certHash: ArrayBuffer,
  cert: pkijs.Certificate,
): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] }),
        ],
      }),
      new asn1js.Integer({ valueHex: exactBuffer(cert.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [
      ...(hash === 'SHA-256'
        ? []
        : [new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[hash] }).toSchema()]),
      new asn1js.OctetString({ valueHex: certHash }),
      issuerSerial,
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

export async function buildDetachedCadesBes(input: DetachedCadesInput): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const hash = input.hash ?? 'SHA-256';
  const keyAlgorithm = input.privateKey.algorithm.name;
  const family = keyAlgorithm === 'ECDSA' ? 'ECDSA' : keyAlgorithm === 'RSASSA-PKCS1-v1_5' ? 'RSA' : null;
  if (!family) throw new Error(`Unsupported key algorithm ${keyAlgorithm}`);
  const keyHash = (input.privateKey.algorithm as { hash?: { name?: string } }).hash?.name;
  if (family === 'RSA' && keyHash !== hash) {
    // WebCrypto signs with the RSA key's hash whatever we declare: refuse rather than make a bad signature.
    throw new Error(`The RSA key was imported for ${keyHash ?? 'no hash'}, not ${hash}`);
  }
  const cert = parseCertificate(input.certificate);

  const messageDigest = await subtle.digest(hash, exactBuffer(input.document));
  const certHash = await subtle.digest(hash, exactBuffer(input.certificate));
  const attributes = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.signingTime,
      values: [signingTimeValue(input.signingTime ?? new Date())],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: messageDigest })],
    }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [signingCertificateV2(hash, certHash, cert)],
    }),
  ]
    .map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }))
    .sort((a, b) => derSetOrder(a.der, b.der))
    .map((x) => x.attribute);
  const signedAttrsDer = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER();

  const rawSignature = new Uint8Array(
    family === 'ECDSA'
      ? await subtle.sign({ name: 'ECDSA', hash }, input.privateKey, signedAttrsDer)
      : await subtle.sign('RSASSA-PKCS1-v1_5', input.privateKey, signedAttrsDer),
  );
  const signature = family === 'ECDSA' ? ecdsaRawToDer(rawSignature) : rawSignature;

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[hash] }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: SIGNATURE_OIDS[family][hash],
      ...(family === 'RSA' ? { algorithmParams: new asn1js.Null() } : {}),
    }),
    signature: new asn1js.OctetString({ valueHex: exactBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[hash] })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [cert, ...(input.extraCertificates ?? []).map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
