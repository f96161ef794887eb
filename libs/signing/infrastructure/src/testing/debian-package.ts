import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test support: runs a command synchronously, output as text (failures are in `status`, never thrown). */
export function exec(cmd: string, args: readonly string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), error: r.error };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Makes sure a Debian package the tests use as an independent reference is there: `present()` says whether it
 * works; when it does not and we run as root with apt-get, the package is installed (parallel jest workers:
 * one installs under a lock directory, the others wait). Throws — the tests then fail, loudly — when that is
 * impossible, with `hint` telling people what to install.
 */
export function ensureDebianPackage(name: string, present: () => boolean, hint: string): void {
  if (present()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = exec('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `${hint} (\`sudo apt-get install -y ${name}\`). It can be installed automatically only as root with apt-get.`,
    );
  }
  const lock = join(tmpdir(), `tmk-${name}-install.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; remove it if stale`);
      sleep(500);
      if (present()) return;
    }
  }
  try {
    if (present()) return;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => exec('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], { env });
    let r = install();
    if (r.status !== 0) {
      exec('apt-get', ['update', '-qq'], { env });
      r = install();
    }
    if (r.status !== 0 || !present()) throw new Error(`Installing ${name} failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}
