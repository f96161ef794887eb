import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createApiClient } from './client';
import { ApiProblem } from './problem';
import {
  fetchOriginalDocument,
  signatureReasonsOf,
  signingDownloads,
  submitSignature,
  toBase64,
  verifySignedDocument,
} from './signing';

type FetchMock = jest.Mock<(request: Request) => Promise<Response>>;

const DOC = '0190a0b2-0000-7000-8000-0000000000d1';

describe('signing api', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: FetchMock;
  const client = () => createApiClient('http://localhost');

  beforeEach(() => {
    fetchMock = jest.fn<(request: Request) => Promise<Response>>();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('toBase64_whenLargeInput_encodesLikeNode', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });

  it('signatureReasonsOf_keepsKnownCodesOnly', () => {
    expect(signatureReasonsOf(['DIGEST_MISMATCH', 'SOMETHING', 3, 'CERT_REVOKED'])).toEqual([
      'DIGEST_MISMATCH',
      'CERT_REVOKED',
    ]);
    expect(signatureReasonsOf('DIGEST_MISMATCH')).toEqual([]);
  });

  it('signingDownloads_nameTheFilesOfADocument', () => {
    expect(signingDownloads.stamped(DOC)).toBe(`/api/v1/signing/documents/${DOC}/stamped`);
    expect(signingDownloads.signature(DOC, 'sig')).toBe(`/api/v1/signing/documents/${DOC}/signatures/sig`);
  });

  it('fetchOriginalDocument_returnsTheBytes', async () => {
    fetchMock.mockImplementation(() =>
      Promise.resolve(new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200 })),
    );
    const bytes = await fetchOriginalDocument(DOC, client());
    expect([...bytes]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(fetchMock.mock.calls[0]?.[0].url).toBe(
      `http://localhost/api/v1/signing/documents/${DOC}/original`,
    );
  });

  it('submitSignature_whenRejected_throwsTheProblemWithItsReasons', async () => {
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            code: 'SIGNING.SIGNATURE_REJECTED',
            status: 422,
            detail: 'not accepted',
            reasons: ['REVOCATION_UNKNOWN'],
          }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await submitSignature(DOC, new Uint8Array([0x30, 0x03]), client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(signatureReasonsOf((error as ApiProblem).extensions['reasons'])).toEqual(['REVOCATION_UNKNOWN']);
    const request = fetchMock.mock.calls[0]?.[0];
    expect(await request?.json()).toEqual({ signature: 'MAM=' });
  });

  it('verifySignedDocument_sendsTheDocumentAndEverySignatureAsMultipart', async () => {
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        new Response(JSON.stringify({ valid: true, signatures: [] }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    );
    await verifySignedDocument(
      new Blob(['%PDF-1.7']),
      'Заключение.pdf',
      [
        { file: new Blob([new Uint8Array([0x30])]), name: 'a.sig' },
        { file: new Blob([new Uint8Array([0x30])]), name: 'b.sig' },
      ],
      client(),
    );
    const request = fetchMock.mock.calls[0]?.[0];
    expect(request?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request?.formData();
    expect((form?.get('document') as File).name).toBe('Заключение.pdf');
    expect(form?.getAll('signature').map((f) => (f as File).name)).toEqual(['a.sig', 'b.sig']);
  });
});
