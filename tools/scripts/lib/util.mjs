// Small helpers shared by the start/test/bench scripts. Plain Node ESM: these run before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const stateDir = join(root, '.tmk');

const useColor = process.stdout.isTTY;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const log = (msg) => console.log(`${paint('36', '[tmk]')} ${msg}`);
export const warn = (msg) => console.warn(`${paint('33', '[tmk]')} ${msg}`);

export class SetupError extends Error {}

/** Exits with a clear message for set-up problems, a stack trace for anything else. */
export function fail(error) {
  if (error instanceof SetupError) {
    console.error(`\n${paint('31', '[tmk] cannot continue:')} ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
}

export function ensureDir(path) {
  mkdirSync(path, { recursive: true });
  return path;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Runs a command to completion, inheriting output; throws SetupError with `hint` when it fails. */
export function run(cmd, args, { hint, env, cwd = root, quiet = false } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    const output = quiet ? `\n${(r.stdout ?? '') + (r.stderr ?? '')}`.trimEnd() : '';
    throw new SetupError(
      `\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).${output}${hint ? `\n${hint}` : ''}`,
    );
  }
  return r.stdout ?? '';
}

let aptUpdated = false;
/** Installs Debian packages when running as root with apt; otherwise explains what to install. */
export function aptInstall(packages, why) {
  if (!isRoot() || !which('apt-get')) {
    throw new SetupError(
      `${why} needs ${packages.join(', ')}, which is not installed, and this script can install it only as root on Debian/Ubuntu.\n` +
        `Install it yourself (e.g. \`sudo apt-get install -y ${packages.join(' ')}\`) or point the matching variable at an existing server (see README.md, Configuration).`,
    );
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    run('apt-get', ['update', '-qq'], {
      env,
      quiet: true,
      hint: 'Check the network access to the Debian mirrors.',
    });
    aptUpdated = true;
  }
  log(`installing OS packages: ${packages.join(' ')} (${why})`);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, quiet: true });
}

export function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolveOpen) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 200, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new SetupError(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s.`);
}

/** Child processes started by a script; all of them (process groups) are stopped on exit or Ctrl-C. */
const children = new Set();
const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}

export function startProcess(name, cmd, args, { env, cwd = root, stdio = 'inherit' } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio, detached: true });
  child.name = name;
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export async function stopAll() {
  const waits = [...children].map(
    (child) =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', r);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          r();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
          r();
        }, 10_000).unref();
      }),
  );
  await Promise.all(waits);
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (e) {
      warn(`cleanup failed: ${e.message}`);
    }
  }
}

let stopping = false;
export function stopOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log('stopping everything this script started…');
      await stopAll();
      process.exit(130);
    });
  }
}

export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker)) return;
  log('installing npm dependencies (first run, about 2 minutes)…');
  // `npm ci` rejects a lock made on a platform whose optional binaries the registry lacks; install follows the lock.
  run('npm', ['install', '--no-audit', '--no-fund'], { hint: 'Check access to the npm registry.' });
}
