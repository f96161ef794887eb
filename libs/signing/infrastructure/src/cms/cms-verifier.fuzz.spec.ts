import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REASON_CODES, type VerificationResult } from '@tmk/signing-domain';
import fc from 'fast-check';
import { CmsVerifier } from './cms-verifier';
import { OpenSslPki } from './testing/openssl-pki';

/**
 * The parser under random and mutated input: never throws, never hangs (each case is timed), and answers with
 * defined reasons only — MALFORMED for what cannot be read.
 */

const DOC = new TextEncoder().encode('%PDF-1.4\nfuzz\n%%EOF\n');
const MAX_CASE_MS = 5_000; // generous: a case takes milliseconds; this only catches a hang

describe('CmsVerifier fuzz', () => {
  let dir: string;
  let verifier: CmsVerifier;
  let valid: Uint8Array;
  let slowest = 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tmk-cms-fuzz-'));
    const pki = new OpenSslPki(dir, 'ecdsa-p256');
    const docPath = join(dir, 'doc.pdf');
    writeFileSync(docPath, DOC);
    valid = pki.sign(docPath, { signer: pki.signer, certfile: pki.issuing.cert });
    verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const check = async (signature: Uint8Array | string): Promise<VerificationResult> => {
    const started = performance.now();
    const result = await verifier.verify({
      document: DOC,
      signature,
      receivedAt: new Date(),
      expectedSignerSnils: null,
    });
    const took = performance.now() - started;
    slowest = Math.max(slowest, took);
    expect(took).toBeLessThan(MAX_CASE_MS);
    expect(result.valid).toBe(result.reasons.length === 0);
    for (const reason of result.reasons) expect(REASON_CODES).toContain(reason);
    return result;
  };

  it('verify_whenTheUnmutatedSignature_isValid', async () => {
    expect((await check(valid)).reasons).toEqual([]);
  });

  it('verify_whenRandomBytes_isMalformed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        expect((await check(bytes)).reasons).toEqual(['MALFORMED']);
      }),
      { numRuns: 300 },
    );
  });

  it('verify_whenRandomDerLikeBytesOrText_neverThrows', async () => {
    const derLike = fc
      .tuple(fc.uint8Array({ maxLength: 1024 }), fc.integer({ min: 0, max: 0x84 }))
      .map(([body, len]) => Uint8Array.from([0x30, len, ...body]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(derLike, fc.string(), fc.base64String()), async (input) => {
        expect((await check(input)).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('verify_whenValidDerMutated_neverThrowsAndAnswersWithDefinedReasons', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('overwrite' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let bytes = Uint8Array.from(valid);
        for (const m of mutations) {
          const at = m.at % bytes.length;
          switch (m.kind) {
            case 'flip':
              bytes[at]! ^= 1 << m.bit;
              break;
            case 'truncate':
              bytes = bytes.slice(0, at);
              break;
            case 'insert':
              bytes = Uint8Array.from([...bytes.slice(0, at), m.byte, ...bytes.slice(at)]);
              break;
            case 'delete':
              bytes = Uint8Array.from([...bytes.slice(0, at), ...bytes.slice(at + 1)]);
              break;
            case 'overwrite':
              bytes.set(m.bytes.slice(0, bytes.length - at), at);
              break;
          }
          if (bytes.length === 0) break;
        }
        await check(bytes);
      }),
      { numRuns: 200 },
    );
  });

  afterAll(() => {
    // Visible in the test output when run with --verbose; not asserted beyond MAX_CASE_MS.
    if (process.env['TMK_FUZZ_TIMING']) console.log(`slowest fuzz case: ${slowest.toFixed(1)} ms`);
  });
});
