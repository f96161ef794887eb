import type { VerificationResult } from '../verification/verification-result';

/**
 * A document held for signing: the exact bytes that were rendered once and are never re-rendered (the
 * signed object), their SHA-256, and the signatures given for them (domain notes §5).
 */

/** What a document is about: 'consultation-conclusion' (subjectId = the request id). */
export const SUBJECT_TYPES = ['consultation-conclusion'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * Who signs: the conclusion's author (makes it legally significant), a consilium member (adds their
 * signature), the organisation (ЭП МО, by an authorised person).
 */
export const SIGNER_ROLES = ['AUTHOR', 'CONSILIUM', 'ORGANISATION'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export type DocumentStatus = 'PREPARED' | 'SIGNED';

export interface StoredDocument {
  readonly id: string;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** Whose medical data the document holds (every read of it is audited). */
  readonly patientId: string;
  /** A human title, e.g. «Заключение по запросу 54-2026-000001». */
  readonly title: string;
  readonly fileName: string;
  readonly mediaType: 'application/pdf';
  readonly sizeBytes: number;
  /** SHA-256 of the bytes, lowercase hex. */
  readonly sha256: string;
  /** IANA zone the document's dates are printed in (and its stamps). */
  readonly timeZone: string;
  readonly preparedAt: Date;
  readonly status: DocumentStatus;
  /** When the author's signature was accepted. */
  readonly signedAt: Date | null;
}

/** One signature given for a document: accepted or not, with the verifier's full report. */
export interface SignatureRecord {
  readonly id: string;
  readonly documentId: string;
  readonly signerId: string;
  readonly role: SignerRole;
  readonly valid: boolean;
  readonly report: VerificationResult;
  readonly receivedAt: Date;
  /** SHA-256 of the CMS bytes, lowercase hex (the same bytes sent twice are one attempt). */
  readonly cmsSha256: string;
}

/** Why a signature cannot even be verified for this document (checked before verification). */
export type SigningRefusal = 'NOT_A_SIGNER' | 'ALREADY_SIGNED' | 'AUTHOR_FIRST';

/**
 * Whether `signerId` in `role` may submit a signature for the document now: a signer signs once (a valid
 * signature stands; a rejected one may be retried), and others sign after the author.
 */
export function signingRefusal(
  document: Pick<StoredDocument, 'status'>,
  signatures: readonly Pick<SignatureRecord, 'signerId' | 'valid'>[],
  signerId: string,
  role: SignerRole | null,
): SigningRefusal | null {
  if (role === null) return 'NOT_A_SIGNER';
  if (signatures.some((s) => s.valid && s.signerId === signerId)) return 'ALREADY_SIGNED';
  if (role !== 'AUTHOR' && document.status !== 'SIGNED') return 'AUTHOR_FIRST';
  return null;
}

/** The document becomes legally significant with the author's accepted signature. */
export const signsTheDocument = (role: SignerRole, result: Pick<VerificationResult, 'valid'>): boolean =>
  role === 'AUTHOR' && result.valid;
