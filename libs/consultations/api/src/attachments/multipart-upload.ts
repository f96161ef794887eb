import busboy from 'busboy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { DomainError } from '@tmk/shared-kernel';
import { fileTooLarge } from '@tmk/consultations-application';

export interface IncomingFile {
  readonly fileName: string;
  /**
   * The file's bytes as they arrive. It ends only once the whole multipart body has been read and found
   * well-formed (exactly one file), and fails otherwise — so a consumer that stores it on `end` never
   * keeps an upload the request as a whole is refused for.
   */
  readonly content: Readable;
}

/** Room for the multipart envelope (boundaries, part headers, a few small fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const badForm = (code: string, message: string): DomainError =>
  DomainError.validation(`CONSULTATIONS.${code}`, message, [{ field: 'file', code, message }]);

/**
 * Reads a `multipart/form-data` request with exactly one file in the field `file`, streamed (busboy): the
 * promise resolves as soon as the file part begins. File names are decoded as UTF-8 (what browsers send).
 * Requests whose Content-Length already exceeds the limit are refused before any byte is read.
 */
export function receiveOneFile(req: IncomingMessage, maxFileBytes: number): Promise<IncomingFile> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return Promise.reject(
      badForm('MULTIPART_REQUIRED', 'Send the file as multipart/form-data in the field "file"'),
    );
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxFileBytes + ENVELOPE_BYTES) {
    return Promise.reject(fileTooLarge(maxFileBytes));
  }
  return new Promise<IncomingFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One byte over the limit reaches the consumer, which then refuses the file with a clear error.
        limits: { files: 1, fileSize: maxFileBytes + 1, fields: 10, fieldSize: 1024, parts: 12 },
      });
    } catch {
      reject(badForm('MULTIPART_INVALID', 'The multipart/form-data body cannot be read'));
      return;
    }
    const content = new PassThrough();
    // The consumer may attach only later; the error stays on the stream (`errored`) for it to see.
    content.on('error', () => undefined);
    let started = false;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      if (started) content.destroy(error);
      else reject(error);
    };

    parser.on('file', (field, file, info) => {
      if (field !== 'file' || started) {
        file.resume();
        fail(badForm('ONE_FILE_PER_UPLOAD', 'Send one file per request, in the field "file"'));
        return;
      }
      started = true;
      file.on('error', (e: Error) => fail(e));
      file.pipe(content, { end: false });
      // Browsers (and fetch) escape a double quote in the name as %22 (WHATWG multipart/form-data encoding).
      resolve({ fileName: (info.filename ?? '').replace(/%22/g, '"'), content });
    });
    parser.on('filesLimit', () =>
      fail(badForm('ONE_FILE_PER_UPLOAD', 'Send one file per request, in the field "file"')),
    );
    parser.on('partsLimit', () => fail(badForm('MULTIPART_INVALID', 'Too many parts in the form')));
    parser.on('fieldsLimit', () => fail(badForm('MULTIPART_INVALID', 'Too many fields in the form')));
    parser.on('error', () =>
      fail(badForm('MULTIPART_INVALID', 'The multipart/form-data body cannot be read')),
    );
    parser.on('close', () => {
      if (!started) fail(badForm('FILE_REQUIRED', 'Send the file in the field "file"'));
      else if (!settled) {
        settled = true;
        content.end();
      }
    });
    req.on('close', () => {
      if (!req.complete) fail(new Error('The client aborted the upload'));
    });
    req.pipe(parser);
  });
}

/**
 * After a refused upload: stop reading the body and close the connection once the answer is sent, rather
 * than receive the rest of a file nobody will keep.
 */
export function abandonUpload(req: IncomingMessage, res: ServerResponse): void {
  req.unpipe();
  if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
}

export { attachmentDisposition } from '@tmk/shared-infrastructure';
