import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { DomainError } from '@tmk/shared-kernel';

const ENVELOPE_BYTES = 64 * 1024;

const badForm = (code: string, message: string, field = 'document'): DomainError =>
  DomainError.validation(`SIGNING.${code}`, message, [{ field, code, message }]);

const tooLarge = (maxBytes: number): DomainError =>
  new DomainError(
    'SIGNING.FILE_TOO_LARGE',
    'payload_too_large',
    `Files larger than ${maxBytes} bytes are refused`,
    [],
    {
      maxBytes,
    },
  );

/**
 * Reads a small `multipart/form-data` body into memory: files by field name (the public page's PDF and its
 * signatures). Every file and the whole body are bounded; anything else in the form is ignored.
 */
export function receiveFiles(
  req: IncomingMessage,
  limits: { readonly maxBytes: number; readonly maxFiles: number; readonly fields: readonly string[] },
): Promise<Map<string, Uint8Array[]>> {
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(badForm('MULTIPART_REQUIRED', 'Send the files as multipart/form-data'));
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes + ENVELOPE_BYTES) {
    return Promise.reject(tooLarge(limits.maxBytes));
  }
  return new Promise((resolve, reject) => {
    const files = new Map<string, Uint8Array[]>();
    let total = 0;
    let failed = false;
    const fail = (error: DomainError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: limits.maxFiles,
          fileSize: limits.maxBytes,
          fields: 16,
          parts: limits.maxFiles + 16,
        },
      });
    } catch {
      reject(badForm('MULTIPART_REQUIRED', 'Send the files as multipart/form-data'));
      return;
    }
    parser.on('file', (field, stream) => {
      if (!limits.fields.includes(field)) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > limits.maxBytes) fail(tooLarge(limits.maxBytes));
        else chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(limits.maxBytes)));
      stream.on('end', () => {
        const list = files.get(field) ?? [];
        list.push(new Uint8Array(Buffer.concat(chunks)));
        files.set(field, list);
      });
    });
    parser.on('filesLimit', () => fail(badForm('TOO_MANY_FILES', `At most ${limits.maxFiles} files`)));
    parser.on('error', () => fail(badForm('MALFORMED_FORM', 'The form could not be read')));
    parser.on('close', () => {
      if (!failed) resolve(files);
    });
    req.pipe(parser);
  });
}
