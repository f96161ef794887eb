import type { VerificationResult } from './verification-result';

/** What is verified: the stored document's bytes and the detached signature the signer sent for them. */
export interface DetachedSignatureInput {
  readonly document: Uint8Array;
  /** CMS SignedData as DER, base64 or PEM (as bytes or text). */
  readonly signature: Uint8Array | string;
  /** When the signature reached us: the reference for the signingTime window and for revocation. */
  readonly receivedAt: Date;
  /** The SNILS the signer must have (the consultant's); omitted: any signer. */
  readonly expectedSignerSnils?: string | null;
}

/**
 * The port: verifies a detached signature against the configured trust store and CRLs. Never throws for bad
 * input — unreadable signatures are `MALFORMED`.
 */
export interface SignatureVerifier {
  verify(input: DetachedSignatureInput): Promise<VerificationResult>;
}

export const SIGNATURE_VERIFIER = Symbol('SignatureVerifier');
