import { afterEach, describe, expect, it, jest } from '@jest/globals';
import createClient from 'openapi-fetch';
import { CSRF_HEADER, REQUEST_ID_HEADER, setCsrfToken } from './client';
import {
  consultationAttachmentsPath,
  isUploadCancelled,
  listConsultationAttachments,
  uploadConsultationAttachment,
} from './consultation-attachments';
import { ApiProblem } from './problem';
import type { paths } from './schema';

const attachment = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  messageId: null,
  fileName: 'ЭКГ.pdf',
  mediaType: 'application/pdf',
  kind: 'PDF',
  sizeBytes: 4,
  sha256: 'a'.repeat(64),
  uploadedAt: '2026-03-01T10:00:00.000Z',
  uploadedBy: '0193a1b2-0000-7000-8000-000000000002',
};

/** Just enough of XMLHttpRequest: records what was sent; the test answers with `respond`/`fail`. */
class FakeXhr {
  method = '';
  url = '';
  body: unknown = null;
  withCredentials = false;
  responseType = '';
  status = 0;
  statusText = '';
  responseText = '';
  readonly headers = new Map<string, string>();
  readonly responseHeaders = new Map<string, string>();
  readonly upload: {
    onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
  } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name) ?? null;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.onabort?.();
  }
  respond(status: number, body: unknown, statusText = ''): void {
    this.status = status;
    this.statusText = statusText;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function fake(): { xhr: FakeXhr; make: () => XMLHttpRequest } {
  const xhr = new FakeXhr();
  return { xhr, make: () => xhr as unknown as XMLHttpRequest };
}

describe('consultation attachments', () => {
  afterEach(() => setCsrfToken(null));

  it('consultationAttachmentsPath_withAndWithoutFile_buildsTheApiPaths', () => {
    expect(consultationAttachmentsPath('r1')).toBe('/api/v1/consultations/requests/r1/attachments');
    expect(consultationAttachmentsPath('r1', 'a/1')).toBe(
      '/api/v1/consultations/requests/r1/attachments/a%2F1',
    );
  });

  it('upload_whenAccepted_postsMultipartWithCsrfReportsProgressAndReturnsTheAttachment', async () => {
    setCsrfToken('csrf-1');
    const { xhr, make } = fake();
    const progress: [number, number][] = [];
    const pending = uploadConsultationAttachment('r1', new Blob(['%PDF']), 'ЭКГ.pdf', {
      xhr: make,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/consultations/requests/r1/attachments');
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.headers.get(CSRF_HEADER)).toBe('csrf-1');
    expect(xhr.headers.get(REQUEST_ID_HEADER)).toBeTruthy();
    expect(xhr.headers.has('Content-Type')).toBe(false); // the browser sets the multipart boundary
    expect(((xhr.body as FormData).get('file') as File).name).toBe('ЭКГ.pdf');
    xhr.upload.onprogress?.({ loaded: 2, total: 0, lengthComputable: false });
    xhr.upload.onprogress?.({ loaded: 300, total: 300, lengthComputable: true });
    xhr.respond(201, attachment);
    await expect(pending).resolves.toEqual(attachment);
    expect(progress).toEqual([
      [2, 4],
      [300, 300],
    ]);
  });

  it('upload_whenRefused_throwsTheProblemWithItsCodeAndExtensions', async () => {
    const { xhr, make } = fake();
    xhr.responseHeaders.set(REQUEST_ID_HEADER, 'req-9');
    const pending = uploadConsultationAttachment('r1', new Blob(['x']), 'x.pdf', { xhr: make });
    xhr.respond(413, {
      status: 413,
      code: 'CONSULTATIONS.FILE_TOO_LARGE',
      detail: 'too large',
      maxBytes: 10,
    });
    await expect(pending).rejects.toBeInstanceOf(ApiProblem);
    await expect(pending).rejects.toMatchObject({
      status: 413,
      code: 'CONSULTATIONS.FILE_TOO_LARGE',
      requestId: 'req-9',
      extensions: { maxBytes: 10 },
    });
  });

  it('upload_whenTheConnectionFails_throwsANetworkProblem', async () => {
    const { xhr, make } = fake();
    const pending = uploadConsultationAttachment('r1', new Blob(['x']), 'x.pdf', { xhr: make });
    xhr.onerror?.();
    await expect(pending).rejects.toMatchObject({ status: 0, code: 'NETWORK.UNREACHABLE' });
  });

  it('upload_whenCancelled_rejectsWithAnAbortError', async () => {
    const { make } = fake();
    const controller = new AbortController();
    const pending = uploadConsultationAttachment('r1', new Blob(['x']), 'x.pdf', {
      xhr: make,
      signal: controller.signal,
    });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isUploadCancelled(error)).toBe(true);
    expect(isUploadCancelled(new ApiProblem(0, 'NETWORK.UNREACHABLE', 'x'))).toBe(false);
  });

  it('list_readsTheFilesThroughTheTypedClient', async () => {
    const fetchMock = jest.fn((request: Request) => {
      expect(new URL(request.url).pathname).toBe('/api/v1/consultations/requests/r1/attachments');
      expect(request.headers.has(CSRF_HEADER)).toBe(false);
      return Promise.resolve(
        new Response(JSON.stringify([attachment]), { headers: { 'Content-Type': 'application/json' } }),
      );
    });
    const client = createClient<paths>({ baseUrl: 'http://localhost', fetch: fetchMock });
    await expect(listConsultationAttachments('r1', { client })).resolves.toEqual([attachment]);
  });

  it('list_whenRefused_throwsTheProblem', async () => {
    const client = createClient<paths>({
      baseUrl: 'http://localhost',
      fetch: () =>
        Promise.resolve(
          new Response(JSON.stringify({ status: 404, code: 'CONSULTATIONS.NOT_FOUND', detail: 'x' }), {
            status: 404,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
        ),
    });
    await expect(listConsultationAttachments('r1', { client })).rejects.toMatchObject({
      status: 404,
      code: 'CONSULTATIONS.NOT_FOUND',
    });
  });
});
