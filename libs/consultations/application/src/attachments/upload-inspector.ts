import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '@tmk/shared-kernel';
import {
  FILE_HEAD_BYTES,
  FILE_KINDS,
  FILE_TAIL_BYTES,
  detectFileType,
  sniffFileHead,
  type DetectedFileType,
} from '@tmk/consultations-domain';

export const fileTooLarge = (maxBytes: number): DomainError =>
  new DomainError(
    'CONSULTATIONS.FILE_TOO_LARGE',
    'payload_too_large',
    `The file is larger than ${maxBytes} bytes`,
    [{ field: 'file', code: 'TOO_LARGE', message: `at most ${maxBytes} bytes` }],
    { maxBytes },
  );

export const fileTypeNotAllowed = (): DomainError =>
  new DomainError(
    'CONSULTATIONS.FILE_TYPE_NOT_ALLOWED',
    'validation',
    `This kind of file is not accepted (by its content, not its name): send ${FILE_KINDS.join(', ')}`,
    [{ field: 'file', code: 'TYPE_NOT_ALLOWED', message: `accepted: ${FILE_KINDS.join(', ')}` }],
    { allowed: FILE_KINDS },
  );

export const fileEmpty = (): DomainError =>
  DomainError.validation('CONSULTATIONS.FILE_EMPTY', 'The file is empty', [
    { field: 'file', code: 'EMPTY', message: 'the file has no content' },
  ]);

export interface InspectedFile {
  readonly sizeBytes: number;
  readonly sha256: string;
  /** null: refused (or empty). */
  readonly type: DetectedFileType | null;
}

/**
 * Passes an upload through unchanged while counting, hashing (SHA-256) and keeping only the first and last
 * bytes the classifier needs (≤ 8 KiB + 1 MiB, however large the file). Fails the stream as soon as the
 * size passes `maxBytes` or the first bytes rule out every accepted type, so a rejected upload is cut short.
 */
export class UploadInspector extends Transform {
  private size = 0;
  private readonly hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private headChecked = false;
  private tail: Buffer[] = [];
  private tailLength = 0;
  private outcome: InspectedFile | null = null;
  /** The DomainError the inspector failed the stream with, if any. */
  failure: DomainError | null = null;

  /** `tooLarge`: the error once more than `maxBytes` arrive (default: the file size limit). */
  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => DomainError = () => fileTooLarge(maxBytes),
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(this.fail(this.tooLarge()));
    this.hash.update(chunk);
    if (this.head.length < FILE_HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, FILE_HEAD_BYTES - this.head.length)]);
    }
    if (!this.headChecked && this.head.length >= FILE_HEAD_BYTES) {
      this.headChecked = true;
      if (sniffFileHead(this.head, false) === null) return done(this.fail(fileTypeNotAllowed()));
    }
    this.keepTail(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const tail = Buffer.concat(this.tail);
    this.outcome = {
      sizeBytes: this.size,
      sha256: this.hash.digest('hex'),
      type: detectFileType({
        head: this.head,
        tail: tail.subarray(Math.max(0, tail.length - FILE_TAIL_BYTES)),
        size: this.size,
      }),
    };
    done();
  }

  /** What was seen; only after the stream ended without error. */
  result(): InspectedFile {
    if (!this.outcome) throw new Error('The upload was not read to its end');
    return this.outcome;
  }

  private fail(error: DomainError): DomainError {
    this.failure = error;
    return error;
  }

  private keepTail(chunk: Buffer): void {
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    // Drop whole chunks from the front while the rest still covers the tail window.
    while (this.tail.length > 1 && this.tailLength - (this.tail[0]?.length ?? 0) >= FILE_TAIL_BYTES) {
      this.tailLength -= this.tail.shift()?.length ?? 0;
    }
    // One huge chunk: keep a copy of its end only, so the window never pins more than it needs.
    if (this.tail.length === 1 && this.tailLength > 2 * FILE_TAIL_BYTES) {
      this.tail = [Buffer.from(chunk.subarray(chunk.length - FILE_TAIL_BYTES))];
      this.tailLength = FILE_TAIL_BYTES;
    }
  }
}
