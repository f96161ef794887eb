import type { Readable } from 'node:stream';
import type { Actor } from '@tmk/shared-kernel';
import type { ConsultationRequest, FileKind, RequestRelation } from '@tmk/consultations-domain';

/**
 * Where the bytes of attachments live: a local folder by default, S3/MinIO in production. Keys are opaque
 * (`<requestId>/<attachmentId>`), never derived from a user's file name.
 */
export interface FileStorage {
  /**
   * Stores everything `content` yields under `key`, all or nothing: when `content` errors (a rejected
   * upload) or storing fails, the promise rejects and no object — not even a partial one — remains.
   */
  put(key: string, content: Readable): Promise<void>;
  /** The object's bytes; rejects with a 404 DomainError when there is no such object. */
  get(key: string): Promise<Readable>;
  /** Removes the object; no error when it does not exist. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}
export const FILE_STORAGE = Symbol('FileStorage');

export interface AttachmentRecord {
  readonly id: string;
  readonly requestId: string;
  /** The chat message the file was sent with, once it is (null: not yet). */
  readonly messageId: string | null;
  readonly fileName: string;
  readonly mediaType: string;
  readonly kind: FileKind;
  readonly sizeBytes: number;
  /** SHA-256 of the content, lowercase hex. */
  readonly sha256: string;
  readonly storageKey: string;
  readonly uploadedBy: string;
  readonly uploadedAt: Date;
}

export interface AttachmentStore {
  /** Bytes of all files of a request. */
  totalBytes(requestId: string): Promise<number>;
  /**
   * Inserts the row unless the request's files would then exceed `maxTotalBytes` (returns false). Checked
   * and inserted under a per-request lock, so concurrent uploads cannot pass the limit together.
   */
  insertWithinQuota(record: AttachmentRecord, maxTotalBytes: number): Promise<boolean>;
  list(requestId: string): Promise<AttachmentRecord[]>;
  find(requestId: string, attachmentId: string): Promise<AttachmentRecord | null>;
}
export const ATTACHMENT_STORE = Symbol('AttachmentStore');

export interface AttachmentLimits {
  /** Largest single file. */
  readonly maxFileBytes: number;
  /** All files of one request together. */
  readonly maxRequestBytes: number;
}
export const ATTACHMENT_LIMITS = Symbol('AttachmentLimits');

/**
 * Loads a request the actor is related to (404 otherwise). `RequestService.load` fulfils it:
 * `{ provide: ATTACHMENT_REQUEST_ACCESS, useExisting: RequestService }`.
 */
export interface AttachmentRequestAccess {
  load(
    actor: Actor,
    requestId: string,
  ): Promise<{ readonly request: ConsultationRequest; readonly relations: ReadonlySet<RequestRelation> }>;
}
export const ATTACHMENT_REQUEST_ACCESS = Symbol('AttachmentRequestAccess');
