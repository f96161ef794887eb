import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import GostDigest from 'gost-crypto/lib/gostDigest';
import { PDFDocument } from 'pdf-lib';
import { exactBuffer } from '@tmk/shared-cades';
import { CmsVerifier, digest, renderConclusionPdf, stampSignedPdf } from '@tmk/signing-infrastructure';
import type { SignerReport } from '@tmk/signing-domain';
// Test support reused on purpose (the PKI the verifier's specs build, the sample conclusion of the PDF specs):
// `npm run build:server` compiles libs' testing folders into dist/server too.
import { OpenSslPki, type FixtureAlgorithm } from '@tmk/signing-infrastructure/testing';
import { SAMPLE_CONCLUSION } from '../../libs/signing/infrastructure/src/pdf/testing/sample-conclusion';

/**
 * Signing benchmark (issue 5 «Bench»), no database:
 *  1. `CmsVerifier.verify` of a detached CAdES-BES signature over a 2 MiB PDF (GOST R 34.10-2012 256 with
 *     Streebog-256 as the main case; GOST 2012-512 and ECDSA P-256 briefly), one verifier constructed once
 *     with the trust store and CRLs, so certificate and CRL checks are cached after the warm-up, as they are
 *     in the api — what remains per call is parsing, Streebog over the 2 MiB (ours, streebog.ts; gost-crypto's,
 *     used before, is timed next to it) and one signature check. The
 *     baseline in the same run: `openssl cms -verify` (with the GOST engine, CRLs checked with -crl_check_all) spawned per
 *     verification, process start included.
 *  2. `renderConclusionPdf` of the three-page sample conclusion, warm, next to pdf-lib `load`+`save` of the
 *     same bytes (the cheapest full pass over the PDF), and `stampSignedPdf` of it (one stamp, two files
 *     embedded).
 * The 2 MiB document is the rendered conclusion with 2 MiB of pseudo-random bytes embedded as an attachment
 * (a valid PDF; the digest does not care about the structure, only the length).
 */
const VERIFY_RUNS = Number(process.env['BENCH_SIGNING_VERIFY'] ?? 50);
const VERIFY_WARMUP = 5;
const OPENSSL_RUNS = Number(process.env['BENCH_SIGNING_OPENSSL'] ?? 30);
const BRIEF_VERIFY_RUNS = 15;
const BRIEF_OPENSSL_RUNS = 10;
const RENDER_RUNS = Number(process.env['BENCH_SIGNING_RENDER'] ?? 100);
const RENDER_WARMUP = 10;
const STAMP_RUNS = 50;
const STAMP_WARMUP = 5;
const DOCUMENT_BYTES = 2 * 1024 * 1024;
const TARGET_VERIFY_P50_MS = 100;
const TARGET_RENDER_P95_MS = 150;

interface Stats {
  readonly name: string;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** p50 of this process's CPU time per run (user + system); null when the work is in a child process. */
  readonly cpuP50: number | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Timed {
  readonly wall: number[];
  readonly cpu: number[];
}

function summarise(name: string, { wall: times, cpu }: Timed, inChild = false): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    cpuP50: inChild
      ? null
      : percentile(
          [...cpu].sort((a, b) => a - b),
          50,
        ),
    name,
    runs: times.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

/**
 * Wall time and this process's CPU time per run. The machine may be shared: CPU time shows what a run costs
 * when the wall time is stretched by other processes.
 */
async function time(runs: number, warmup: number, fn: () => Promise<unknown> | unknown): Promise<Timed> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await fn();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const ms = (v: number) => v.toFixed(2).padStart(8);
const header = () =>
  console.log(
    `${'what'.padEnd(68)}  runs      p50      p95      p99      max     mean  cpu p50   (ms; cpu = this process)`,
  );
const row = (s: Stats) =>
  console.log(
    `${s.name.padEnd(68)} ${String(s.runs).padStart(5)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)} ${ms(s.mean)} ${
      s.cpuP50 === null ? '       -' : ms(s.cpuP50)
    }`,
  );

/** Deterministic pseudo-random bytes (SHA-256 in counter mode): incompressible, the same every run. */
function pseudoRandom(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let offset = 0, counter = 0; offset < length; counter++) {
    const block = createHash('sha256').update(`tmk-bench-${counter}`).digest();
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

/** The rendered conclusion with pseudo-random bytes attached so that the whole file is `size` bytes. */
async function documentOf(size: number): Promise<Uint8Array> {
  const base = await renderConclusionPdf(SAMPLE_CONCLUSION);
  let padding = size - base.length;
  for (let attempt = 0; attempt < 4; attempt++) {
    const doc = await PDFDocument.load(base, { updateMetadata: false });
    await doc.attach(pseudoRandom(padding), 'scan.bin', { mimeType: 'application/octet-stream' });
    const bytes = await doc.save({ useObjectStreams: false });
    if (bytes.length === size) return bytes;
    padding += size - bytes.length;
  }
  throw new Error(`could not make a ${size}-byte document`);
}

interface VerifyResult {
  readonly ours: Stats;
  readonly openssl: Stats;
  readonly report: SignerReport;
  readonly der: Uint8Array;
}

async function verifyBench(
  dir: string,
  algorithm: FixtureAlgorithm,
  label: string,
  document: Uint8Array,
  runs: { ours: number; openssl: number; warmup: number },
): Promise<VerifyResult> {
  const pki = new OpenSslPki(join(dir, algorithm), algorithm);
  const docPath = join(pki.dir, 'document.pdf');
  writeFileSync(docPath, document);
  const der = pki.sign(docPath, { signer: pki.signer });
  const sigPath = join(pki.dir, 'document.pdf.sig');
  writeFileSync(sigPath, der);
  // `openssl cms` has no -CRLfile: the CRLs go into the CAfile (its lookup loads certificates and CRLs).
  const caPath = join(pki.dir, 'trust-and-crls.pem');
  writeFileSync(caPath, pki.trustPem + pki.crlPems.join(''));

  const verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
  let report: SignerReport | undefined;
  const verify = async () => {
    const result = await verifier.verify({
      document,
      signature: der,
      receivedAt: new Date(),
      expectedSignerSnils: pki.snils,
    });
    if (!result.valid) throw new Error(`${label}: not valid: ${result.reasons.join(', ')}`);
    report = result.signers[0];
  };
  const ours = summarise(
    `${label}: CmsVerifier.verify (in process)`,
    await time(runs.ours, runs.warmup, verify),
  );

  const args = [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    sigPath,
    '-content',
    docPath,
    '-CAfile',
    caPath,
    '-crl_check_all',
    '-purpose',
    'any',
    '-out',
    '/dev/null',
    ...(algorithm.startsWith('gost') ? ['-engine', 'gost'] : []),
  ];
  const openssl = () => {
    const r = spawnSync('openssl', args, { env: pki.env, cwd: pki.dir, encoding: 'utf8' });
    if (r.status !== 0 || !/Verification successful/.test(r.stderr)) {
      throw new Error(`${label}: openssl cms -verify failed (${r.status}): ${r.stderr}`);
    }
  };
  const baseline = summarise(
    `${label}: openssl cms -verify (spawned, process start incl.)`,
    await time(runs.openssl, 2, openssl),
    true,
  );
  if (!report) throw new Error(`${label}: no signer report`);
  return { ours, openssl: baseline, report, der };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tmk-bench-signing-'));
  const loadStart = loadavg()[0] ?? 0;
  try {
    const document = await documentOf(DOCUMENT_BYTES);
    console.log(
      `\nSigning: detached CAdES-BES verification of a ${(document.length / 1024 / 1024).toFixed(1)} MiB PDF ` +
        `(the rendered sample conclusion with 2 MiB of pseudo-random bytes attached); one CmsVerifier with the ` +
        `trust store and CRLs, built once (certificate and CRL checks cached after the warm-up); openssl with the ` +
        `GOST engine, CRLs in the CAfile and -crl_check_all, spawned per verification (process start and engine load included)`,
    );
    const verdicts: string[] = [];
    header();
    const gost256 = await verifyBench(dir, 'gost256-tca', 'GOST 2012-256', document, {
      ours: VERIFY_RUNS,
      openssl: OPENSSL_RUNS,
      warmup: VERIFY_WARMUP,
    });
    const brief = [
      await verifyBench(dir, 'gost512', 'GOST 2012-512', document, {
        ours: BRIEF_VERIFY_RUNS,
        openssl: BRIEF_OPENSSL_RUNS,
        warmup: 3,
      }),
      await verifyBench(dir, 'ecdsa-p256', 'ECDSA P-256', document, {
        ours: BRIEF_VERIFY_RUNS,
        openssl: BRIEF_OPENSSL_RUNS,
        warmup: 3,
      }),
    ];
    for (const r of [gost256, ...brief]) {
      row(r.ours);
      row(r.openssl);
    }
    // Where the in-process time goes: the document's digest alone (the rest is parsing and one signature).
    // Streebog is ours (streebog.ts, what digest() uses); gost-crypto's, which digest() used before, runs next
    // to it in the same process for the ratio.
    const gostCrypto = (length: 256 | 512) => () =>
      new GostDigest({ name: 'GOST R 34.11', version: 2012, length }).digest(exactBuffer(document));
    const streebog256 = summarise(
      'of which: Streebog-256 of the 2 MiB alone (ours, streebog.ts)',
      await time(BRIEF_VERIFY_RUNS, 2, () => digest('STREEBOG-256', document)),
    );
    const gostCrypto256 = summarise(
      '          Streebog-256 of the 2 MiB alone (gost-crypto, before)',
      await time(BRIEF_VERIFY_RUNS, 2, gostCrypto(256)),
    );
    const streebog512 = summarise(
      'of which: Streebog-512 of the 2 MiB alone (ours, streebog.ts)',
      await time(BRIEF_VERIFY_RUNS, 2, () => digest('STREEBOG-512', document)),
    );
    const gostCrypto512 = summarise(
      '          Streebog-512 of the 2 MiB alone (gost-crypto, before)',
      await time(BRIEF_VERIFY_RUNS, 2, gostCrypto(512)),
    );
    const sha256 = summarise(
      'of which: SHA-256 of the 2 MiB alone (WebCrypto)',
      await time(BRIEF_VERIFY_RUNS, 2, () => digest('SHA-256', document)),
    );
    for (const d of [streebog256, gostCrypto256, streebog512, gostCrypto512, sha256]) row(d);
    for (const [label, ours, before] of [
      ['Streebog-256', streebog256, gostCrypto256],
      ['Streebog-512', streebog512, gostCrypto512],
    ] as const) {
      const cpu = (before.cpuP50 ?? NaN) / (ours.cpuP50 ?? NaN);
      console.log(
        `${label.padEnd(14)} gost-crypto / ours: p50 ×${(before.p50 / ours.p50).toFixed(2)}, cpu p50 ×${cpu.toFixed(2)}`,
      );
    }
    for (const r of [gost256, ...brief]) {
      console.log(
        `${r.ours.name.split(':')[0]!.padEnd(14)} ours / openssl: p50 ×${(r.ours.p50 / r.openssl.p50).toFixed(2)}, ` +
          `p99 ×${(r.ours.p99 / r.openssl.p99).toFixed(2)}`,
      );
    }
    verdicts.push(
      `GOST 2012-256 verify p50 ≤ ${TARGET_VERIFY_P50_MS} ms: ${
        gost256.ours.p50 <= TARGET_VERIFY_P50_MS ? 'PASS' : 'FAIL'
      } (p50 ${gost256.ours.p50.toFixed(2)} ms)`,
    );

    // ── PDF ──────────────────────────────────────────────────────────────────────────────────────────────
    const conclusion = await renderConclusionPdf(SAMPLE_CONCLUSION);
    const pages = (await PDFDocument.load(conclusion)).getPageCount();
    const render = summarise(
      `renderConclusionPdf (${pages} pages, ${(conclusion.length / 1024).toFixed(0)} KiB)`,
      await time(RENDER_RUNS, RENDER_WARMUP, () => renderConclusionPdf(SAMPLE_CONCLUSION)),
    );
    const reference = summarise(
      'pdf-lib PDFDocument.load + save of the same bytes (baseline)',
      await time(RENDER_RUNS, RENDER_WARMUP, async () =>
        (await PDFDocument.load(conclusion, { updateMetadata: false })).save({ useObjectStreams: false }),
      ),
    );
    const stampedAt = new Date();
    const stamp = summarise(
      'stampSignedPdf (one GOST stamp, original + .sig embedded)',
      await time(STAMP_RUNS, STAMP_WARMUP, () =>
        stampSignedPdf({
          original: conclusion,
          signatures: [{ der: gost256.der, signer: gost256.report, valid: true }],
          stampedAt,
          timeZone: 'Europe/Moscow',
          documentTitle: 'Заключение по запросу ТМК-2026-000123',
        }),
      ),
    );
    console.log(
      `\nPDF: ${RENDER_RUNS} renders after ${RENDER_WARMUP} warm-up, sequential; stamps ${STAMP_RUNS} after ${STAMP_WARMUP}`,
    );
    header();
    row(render);
    row(reference);
    row(stamp);
    console.log(
      `render / pdf-lib load+save: p50 ×${(render.p50 / reference.p50).toFixed(2)}, p95 ×${(
        render.p95 / reference.p95
      ).toFixed(2)}`,
    );
    verdicts.push(
      `render p95 ≤ ${TARGET_RENDER_P95_MS} ms: ${render.p95 <= TARGET_RENDER_P95_MS ? 'PASS' : 'FAIL'} ` +
        `(p95 ${render.p95.toFixed(2)} ms)`,
    );
    console.log(
      `load average ${loadStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(`verdict: ${verdicts.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
