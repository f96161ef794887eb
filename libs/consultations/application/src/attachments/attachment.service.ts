import { Inject, Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import { CLOCK, DomainError, newId, type Actor, type Clock } from '@tmk/shared-kernel';
import {
  FILE_KINDS,
  MEDIA_TYPES,
  type FileKind,
  type RequestRelation,
  type RequestStatus,
} from '@tmk/consultations-domain';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_REQUEST_ACCESS,
  ATTACHMENT_STORE,
  FILE_STORAGE,
  type AttachmentLimits,
  type AttachmentRecord,
  type AttachmentRequestAccess,
  type AttachmentStore,
  type FileStorage,
} from './ports';
import { UploadInspector, fileEmpty, fileTooLarge, fileTypeNotAllowed } from './upload-inspector';

/** The accepted kinds and their media types, for the api layer (which does not see the domain). */
export const ATTACHMENT_KINDS: readonly FileKind[] = FILE_KINDS;
export const ATTACHMENT_MEDIA_TYPES: Readonly<Record<FileKind, string>> = MEDIA_TYPES;
export type AttachmentKind = FileKind;

/** An attachment as participants see it (the storage key stays inside). */
export interface AttachmentView {
  readonly id: string;
  readonly requestId: string;
  readonly messageId: string | null;
  readonly fileName: string;
  readonly mediaType: string;
  readonly kind: FileKind;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly uploadedAt: Date;
}

/** What a read returns besides the data: whose medical data it is (for the audit record). */
export interface AttachmentList {
  readonly patientId: string;
  readonly items: readonly AttachmentView[];
}

export interface OpenedAttachment {
  readonly patientId: string;
  readonly attachment: AttachmentView;
  readonly content: Readable;
}

const UPLOADERS: readonly RequestRelation[] = [
  'REQUESTER',
  'CONSULTANT',
  'DISPATCHER',
  'CONSILIUM',
  'INTEGRATOR',
];
const FINISHED: readonly RequestStatus[] = ['CLOSED', 'REJECTED', 'CANCELLED'];
const MAX_NAME_LENGTH = 255;

const view = (r: AttachmentRecord): AttachmentView => ({
  id: r.id,
  requestId: r.requestId,
  messageId: r.messageId,
  fileName: r.fileName,
  mediaType: r.mediaType,
  kind: r.kind,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  uploadedBy: r.uploadedBy,
  uploadedAt: r.uploadedAt,
});

const quotaExceeded = (maxBytes: number, usedBytes: number): DomainError =>
  new DomainError(
    'CONSULTATIONS.ATTACHMENTS_QUOTA_EXCEEDED',
    'payload_too_large',
    `The files of a request may take at most ${maxBytes} bytes together (${usedBytes} taken)`,
    [],
    { maxBytes, usedBytes },
  );

interface Prepared {
  readonly name: string;
  readonly uploadedBy: string;
  /** Bytes this upload may take: the file limit, or less when the request's room is smaller. */
  readonly limit: number;
  readonly tooLarge: () => DomainError;
}

/** Control, format (bidi overrides) and separator characters a file name must not carry. */
const unwanted = (c: string): boolean => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c);

/**
 * The name to show and offer on download: the last path component (old browsers send C:\fakepath\…), NFC,
 * without control or bidi characters, at most 255 characters (the extension kept). It says nothing about
 * the type, which comes from the content.
 */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').normalize('NFC');
  const name = [...base]
    .filter((c) => !unwanted(c))
    .join('')
    .trim();
  if (name === '' || name === '.' || name === '..') {
    throw DomainError.validation('CONSULTATIONS.FILE_NAME_REQUIRED', 'The file needs a name', [
      { field: 'file', code: 'NAME_REQUIRED', message: 'send the file with its name' },
    ]);
  }
  const chars = [...name];
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
  return [...chars.slice(0, MAX_NAME_LENGTH - extension.length), ...extension].join('');
}

/**
 * Files of a doctor–doctor request (scans, ECG, spirograms…): streamed into storage while hashed, counted
 * and typed by content; a rejected upload leaves neither a row nor an object. Reading is for participants.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger('Attachments');

  constructor(
    @Inject(ATTACHMENT_REQUEST_ACCESS) private readonly access: AttachmentRequestAccess,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(ATTACHMENT_LIMITS) private readonly limits: AttachmentLimits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stores one file. `content` is consumed (or destroyed, when refused before reading); it is never held
   * in memory as a whole.
   */
  async upload(
    actor: Actor,
    requestId: string,
    fileName: string,
    content: Readable,
  ): Promise<AttachmentView> {
    // Until the pipeline below takes over, an error of the upload (a client gone) must not go unhandled.
    const pending = (): void => undefined;
    content.on('error', pending);
    let prepared: Prepared;
    try {
      prepared = await this.prepare(actor, requestId, fileName);
    } catch (e) {
      content.destroy();
      throw e;
    }
    const id = newId();
    const key = `${requestId}/${id}`;
    const inspector = new UploadInspector(prepared.limit, prepared.tooLarge);
    pipeline(content, inspector, () => undefined); // errors reach storage.put through the inspector
    content.off('error', pending);
    try {
      await this.storage.put(key, inspector);
      const file = inspector.result();
      if (file.sizeBytes === 0) throw fileEmpty();
      if (!file.type) throw fileTypeNotAllowed();
      const record: AttachmentRecord = {
        id,
        requestId,
        messageId: null,
        fileName: prepared.name,
        mediaType: file.type.mediaType,
        kind: file.type.kind,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storageKey: key,
        uploadedBy: prepared.uploadedBy,
        uploadedAt: this.clock.now(),
      };
      if (!(await this.store.insertWithinQuota(record, this.limits.maxRequestBytes))) {
        throw quotaExceeded(this.limits.maxRequestBytes, await this.store.totalBytes(requestId));
      }
      return view(record);
    } catch (e) {
      inspector.destroy();
      await this.storage.delete(key).catch((error: unknown) => {
        // Keys are unique and unreferenced: a leftover is garbage, never someone else's file.
        this.logger.warn(`Could not delete the refused upload ${key}: ${String(error)}`);
      });
      throw inspector.failure ?? e;
    }
  }

  /**
   * Whether the actor may add a file to the request now (404 unrelated, 403 a watcher, 409 finished, 413
   * no room left): the HTTP edge asks before it reads a byte of the body.
   */
  async assertMayUpload(actor: Actor, requestId: string): Promise<void> {
    await this.admit(actor, requestId);
  }

  private async admit(actor: Actor, requestId: string) {
    const { request, relations } = await this.access.load(actor, requestId);
    if (!UPLOADERS.some((r) => relations.has(r))) {
      throw DomainError.forbidden('CONSULTATIONS.NOT_ALLOWED', 'You may not add files to this request');
    }
    const s = request.snapshot;
    if (FINISHED.includes(s.status)) {
      throw new DomainError(
        'CONSULTATIONS.ATTACHMENTS_CLOSED',
        'conflict',
        'Files are added while the request is open',
        [],
        { status: s.status },
      );
    }
    const used = await this.store.totalBytes(requestId);
    if (used >= this.limits.maxRequestBytes) throw quotaExceeded(this.limits.maxRequestBytes, used);
    return { snapshot: s, used };
  }

  private async prepare(actor: Actor, requestId: string, fileName: string): Promise<Prepared> {
    const { snapshot, used } = await this.admit(actor, requestId);
    const name = cleanFileName(fileName);
    const room = this.limits.maxRequestBytes - used;
    // An integrator (МИС) sends files on behalf of the requesting doctor of its clinic.
    const uploadedBy = actor.kind === 'staff' ? actor.userId : snapshot.requesterId;
    const { maxFileBytes, maxRequestBytes } = this.limits;
    return room < maxFileBytes
      ? { name, uploadedBy, limit: room, tooLarge: () => quotaExceeded(maxRequestBytes, used) }
      : { name, uploadedBy, limit: maxFileBytes, tooLarge: () => fileTooLarge(maxFileBytes) };
  }

  async list(actor: Actor, requestId: string): Promise<AttachmentList> {
    const { request } = await this.access.load(actor, requestId);
    const items = await this.store.list(requestId);
    return { patientId: request.snapshot.patientId, items: items.map(view) };
  }

  /** The file's description and its bytes as a stream (the caller sends it and closes it). */
  async open(actor: Actor, requestId: string, attachmentId: string): Promise<OpenedAttachment> {
    const { request } = await this.access.load(actor, requestId);
    const record = await this.store.find(requestId, attachmentId);
    if (!record)
      throw DomainError.notFound('CONSULTATIONS.ATTACHMENT_NOT_FOUND', 'No such file in this request');
    const content = await this.storage.get(record.storageKey);
    return { patientId: request.snapshot.patientId, attachment: view(record), content };
  }
}
