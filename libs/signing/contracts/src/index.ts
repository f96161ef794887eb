import { defineIntegrationEvent, type EventOf } from '@tmk/shared-kernel';

/**
 * The signing context's published language. Other contexts hand documents over by their own events (e.g.
 * consultations.ConclusionSubmitted) and learn the outcome from these.
 */

/** A document's signature was verified and accepted: the document is legally significant now. */
export const DocumentSignedV1 = defineIntegrationEvent<{
  readonly documentId: string;
  /** What was signed: 'consultation-conclusion' (subjectId = the request id). */
  readonly subjectType: string;
  readonly subjectId: string;
  readonly signerId: string;
  readonly signedAt: string;
  readonly documentSha256: string;
}>()('signing.DocumentSigned', 1);
export type DocumentSignedV1 = EventOf<typeof DocumentSignedV1>;
