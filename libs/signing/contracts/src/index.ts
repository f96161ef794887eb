import { defineIntegrationEvent, type EventOf } from '@tmk/shared-kernel';

/**
 * The signing context's published language. Other contexts hand documents over by their own events (e.g.
 * consultations.ConclusionSubmitted) and learn the outcome from these.
 */

/**
 * A document was rendered for signing; its bytes (SHA-256 below) are the signed object from now on and are
 * never rendered again.
 */
export const DocumentPreparedV1 = defineIntegrationEvent<{
  readonly documentId: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly patientId: string;
  readonly preparedAt: string;
  readonly documentSha256: string;
  readonly sizeBytes: number;
}>()('signing.DocumentPrepared', 1);
export type DocumentPreparedV1 = EventOf<typeof DocumentPreparedV1>;

/** A document's signature was verified and accepted: the document is legally significant now. */
export const DocumentSignedV1 = defineIntegrationEvent<{
  readonly documentId: string;
  /** What was signed: 'consultation-conclusion' (subjectId = the request id). */
  readonly subjectType: string;
  readonly subjectId: string;
  readonly signerId: string;
  /** AUTHOR (the conclusion's author: makes it legally significant), CONSILIUM or ORGANISATION. */
  readonly signerRole?: string;
  readonly signedAt: string;
  readonly documentSha256: string;
}>()('signing.DocumentSigned', 1);
export type DocumentSignedV1 = EventOf<typeof DocumentSignedV1>;

/**
 * A submitted signature was verified and not accepted; the document stays unsigned. `reasons` are the
 * verifier's reason codes (stable strings such as 'DIGEST_MISMATCH', 'CERT_REVOKED', 'WRONG_SIGNER'; see
 * libs/signing/domain, REASON_CODES, and docs/adr/0014-signature-verification.md).
 */
export const SignatureRejectedV1 = defineIntegrationEvent<{
  readonly documentId: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly signerId: string;
  readonly rejectedAt: string;
  readonly reasons: readonly string[];
}>()('signing.SignatureRejected', 1);
export type SignatureRejectedV1 = EventOf<typeof SignatureRejectedV1>;
