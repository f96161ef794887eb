/**
 * The signer port of the doctor's SPA: something that lists the user's signing certificates and makes a
 * detached CMS signature (CAdES-BES, DER) over a document's bytes. Two adapters: `CryptoProSigner` (the
 * production path, GOST R 34.10-2012 keys in the CryptoPro plug-in) and `SoftwareTokenSigner` (RSA/ECDSA
 * software keys for development and tests).
 */

export interface SignerCertificate {
  /** What `sign` takes: the certificate's SHA-1 thumbprint, upper-case hex (as CryptoPro names it). */
  readonly id: string;
  readonly commonName: string;
  /** СНИЛС, digits only; null when the certificate carries none. */
  readonly snils: string | null;
  readonly organization: string | null;
  /** Upper-case hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The issuing CA's common name (or its whole name when it has none). */
  readonly issuer?: string;
}

export interface DocumentSigner {
  readonly kind: 'cryptopro' | 'software';
  /** Whether this signer can work here (plug-in loaded, WebCrypto present); never throws. */
  available(): Promise<boolean>;
  certificates(): Promise<SignerCertificate[]>;
  /** A detached CMS SignedData (CAdES-BES), DER, over exactly these bytes. */
  sign(document: Uint8Array, certificateId: string): Promise<Uint8Array>;
}

export type DocumentSignerErrorCode = 'UNAVAILABLE' | 'UNKNOWN_CERTIFICATE' | 'CANCELLED' | 'FAILED';

/** A signer's failure with a stable code (the UI maps it to a message); `message` has the details. */
export class DocumentSignerError extends Error {
  override readonly name = 'DocumentSignerError';

  constructor(
    readonly code: DocumentSignerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** СНИЛС as digits only; null for an absent or digit-less value. */
export function snilsDigits(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length > 0 ? digits : null;
}
