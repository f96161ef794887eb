import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { abandonUpload, attachmentDisposition, receiveOneFile } from './multipart-upload';

/** The multipart reader behind a plain HTTP server (no Nest, no services), fed by fetch's FormData. */
describe('multipart upload', () => {
  const maxFileBytes = 256 * 1024;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        try {
          const file = await receiveOneFile(req, maxFileBytes);
          const hash = createHash('sha256');
          let size = 0;
          for await (const chunk of file.content) {
            hash.update(chunk as Buffer);
            size += (chunk as Buffer).length;
          }
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ fileName: file.fileName, size, sha256: hash.digest('hex') }));
        } catch (e) {
          abandonUpload(req, res);
          res.statusCode = 400;
          res.end(JSON.stringify({ code: (e as { code?: string }).code ?? (e as Error).message }));
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const post = async (
    body: NonNullable<Parameters<typeof fetch>[1]>['body'],
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(url, { method: 'POST', body, headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('receiveOneFile_whenOneFileWithCyrillicName_streamsItsBytesAndName', async () => {
    const bytes = Buffer.alloc(100_000, 1);
    const form = new FormData();
    form.append('comment', 'ЭКГ в покое');
    form.append('file', new Blob([bytes]), 'ЭКГ «покой» 02.03.pdf');

    const { status, body } = await post(form);

    expect(status).toBe(200);
    expect(body).toEqual({
      fileName: 'ЭКГ «покой» 02.03.pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('receiveOneFile_whenTwoFiles_failsTheFileStream', async () => {
    const form = new FormData();
    form.append('file', new Blob(['first']), 'a.txt');
    form.append('file', new Blob(['second']), 'b.txt');

    const { status, body } = await post(form);

    expect(status).toBe(400);
    expect(body).toEqual({ code: 'CONSULTATIONS.ONE_FILE_PER_UPLOAD' });
  });

  it('receiveOneFile_whenFileInAnotherField_refuses', async () => {
    const form = new FormData();
    form.append('document', new Blob(['x']), 'a.txt');

    expect((await post(form)).body).toEqual({ code: 'CONSULTATIONS.ONE_FILE_PER_UPLOAD' });
  });

  it('receiveOneFile_whenNoFileOrNotMultipart_refuses', async () => {
    const form = new FormData();
    form.append('comment', 'no file');
    expect((await post(form)).body).toEqual({ code: 'CONSULTATIONS.FILE_REQUIRED' });
    expect((await post('{}', { 'content-type': 'application/json' })).body).toEqual({
      code: 'CONSULTATIONS.MULTIPART_REQUIRED',
    });
  });

  it('receiveOneFile_whenDeclaredLengthOverTheLimit_refusesBeforeReading', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(maxFileBytes + 100 * 1024)]), 'big.pdf');

    const { status, body } = await post(form);

    expect(status).toBe(400);
    expect(body).toEqual({ code: 'CONSULTATIONS.FILE_TOO_LARGE' });
  });

  it('attachmentDisposition_givesAsciiFallbackAndExactUtf8Name', () => {
    expect(attachmentDisposition('ЭКГ "1"; 100%.pdf')).toBe(
      `attachment; filename="___ _1__ 100_.pdf"; filename*=UTF-8''%D0%AD%D0%9A%D0%93%20%221%22%3B%20100%25.pdf`,
    );
    expect(attachmentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
