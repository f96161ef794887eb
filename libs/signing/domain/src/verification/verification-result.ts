/**
 * The outcome of verifying a detached CMS SignedData / CAdES-BES signature over a stored document: the
 * verdict, every reason against it, and what each signer's certificate says (the "full report" of the domain
 * notes §5; legally binding verification still belongs to certified tools).
 */

/**
 * Why a signature is not accepted. Stable forever: stored in verification reports and shown to people.
 * The order is the order reasons are reported in.
 */
export const REASON_CODES = [
  /** Not a CMS SignedData (or not one we can read): bad DER, base64 or PEM, no signer, no certificate. */
  'MALFORMED',
  /** The signed messageDigest differs from the digest of the stored document. */
  'DIGEST_MISMATCH',
  /** The signature value does not verify under the signer certificate's public key. */
  'BAD_SIGNATURE',
  /** No chain from the signer certificate to a certificate of the configured trust store. */
  'UNTRUSTED_CHAIN',
  /** A certificate of the chain was expired (or not yet valid) at signing time. */
  'CERT_EXPIRED',
  /** A certificate of the chain is listed in its issuer's CRL. */
  'CERT_REVOKED',
  /** Revocation could not be checked: no CRL of the issuer, or only an outdated one. */
  'REVOCATION_UNKNOWN',
  /** The signer certificate allows neither digitalSignature nor nonRepudiation. */
  'KEY_USAGE',
  /** The signer certificate's SNILS differs from the expected signer's (or it carries none). */
  'WRONG_SIGNER',
  /** signingTime is missing, in the future, or further back than the window allows from receipt. */
  'SIGNING_TIME_OUT_OF_WINDOW',
  /**
   * A CAdES-BES signed attribute is absent (contentType, messageDigest, signingTime, signingCertificateV2) or
   * wrong (contentType differs from the content's type, signingCertificateV2 names another certificate).
   */
  'MISSING_ATTRIBUTES',
  /** A digest, signature or key algorithm (or curve) we do not verify. */
  'UNSUPPORTED_ALGORITHM',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const isReasonCode = (value: unknown): value is ReasonCode =>
  typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);

/** An algorithm as the signature names it, with a human name (`'unknown'` when we do not know the OID). */
export interface AlgorithmRef {
  readonly oid: string;
  readonly name: string;
}

/**
 * A certificate's subject or issuer name: the attributes a Russian qualified certificate carries, plus the
 * whole name as text (`CN=…, O=…, SNILS=…`, in the certificate's order).
 */
export interface CertificateName {
  readonly text: string;
  readonly commonName: string | null;
  /** Surname (2.5.4.4). */
  readonly surname: string | null;
  /** Given name and patronymic (2.5.4.42). */
  readonly givenName: string | null;
  readonly organization: string | null;
  /** СНИЛС, 1.2.643.100.3: 11 digits. */
  readonly snils: string | null;
  /** ОГРН, 1.2.643.100.1 (or ОГРНИП, 1.2.643.100.5). */
  readonly ogrn: string | null;
  /** ИНН of a person (1.2.643.3.131.1.1). */
  readonly inn: string | null;
  /** ИНН of a legal entity (1.2.643.100.4). */
  readonly innLe: string | null;
}

export interface SignerReport {
  readonly subject: CertificateName;
  readonly issuer: CertificateName;
  /** The certificate's serial number, upper-case hex without sign padding. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The signed signingTime attribute; null when absent. */
  readonly signingTime: Date | null;
  readonly digestAlgorithm: AlgorithmRef;
  readonly signatureAlgorithm: AlgorithmRef;
  /** Subject names from the signer certificate up to the trusted one; only the signer's when untrusted. */
  readonly chain: readonly string[];
  /** The reasons that concern this signer (the result's reasons are the union over all signers). */
  readonly reasons: readonly ReasonCode[];
}

export interface VerificationResult {
  readonly valid: boolean;
  readonly reasons: readonly ReasonCode[];
  readonly signers: readonly SignerReport[];
}
