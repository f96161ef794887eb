import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support: Debian's poppler-utils (`pdftotext`, `pdffonts`, `pdftoppm`) as the independent reader of
 * the PDFs we render. Used by specs only.
 */

export function exec(cmd: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), error: r.error };
}

const popplerPresent = () =>
  ['pdftotext', 'pdffonts', 'pdftoppm'].every(
    (tool) => exec('sh', ['-c', `command -v ${tool}`]).status === 0,
  );

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Makes sure poppler-utils is installed: installs it with apt-get when missing and we run as root. Throws
 * (the PDF tests then fail, loudly) when that is impossible.
 */
export function ensurePoppler(): void {
  if (popplerPresent()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = exec('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'The PDF tests need poppler-utils (pdftotext, pdffonts, pdftoppm): `sudo apt-get install -y poppler-utils`. ' +
        'It can be installed automatically only as root with apt-get.',
    );
  }
  // Parallel jest workers: one installs, the others wait for it.
  const lock = join(tmpdir(), 'tmk-poppler-install.lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; remove it if stale`);
      sleep(500);
      if (popplerPresent()) return;
    }
  }
  try {
    if (popplerPresent()) return;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      exec('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'poppler-utils'], { env });
    let r = install();
    if (r.status !== 0) {
      exec('apt-get', ['update', '-qq'], { env });
      r = install();
    }
    if (r.status !== 0 || !popplerPresent()) {
      throw new Error(`Installing poppler-utils failed:\n${r.stdout}${r.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
}
