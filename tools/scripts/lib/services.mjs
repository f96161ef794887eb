// Obtains PostgreSQL, Redis and Chromium for `npm start` / `npm test`: the ones named by DATABASE_URL /
// REDIS_URL / CHROMIUM_PATH when set, otherwise private instances under .tmk/ on non-default ports,
// installing the Debian packages first when they are missing (root only; otherwise a clear message).
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  SetupError,
  aptInstall,
  ensureDir,
  isRoot,
  log,
  onCleanup,
  portOpen,
  root,
  run,
  startProcess,
  stateDir,
  waitFor,
  which,
} from './util.mjs';

export const PG_PORT = Number(process.env.TMK_PG_PORT ?? 54329);
export const REDIS_PORT = Number(process.env.TMK_REDIS_PORT ?? 63799);

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const initdb = which('initdb');
  return initdb ? join(initdb, '..') : null;
}

/** Runs a PostgreSQL binary as the `postgres` OS user when we are root (the server refuses to run as root). */
function asPgUser(bin, args, options = {}) {
  if (isRoot()) return run('runuser', ['-u', 'postgres', '--', bin, ...args], options);
  return run(bin, args, options);
}

function pgDataRoot() {
  const inProject = join(stateDir, 'pg');
  if (!isRoot()) return inProject;
  ensureDir(inProject);
  // The postgres user must be able to reach the folder (a project under /root is not reachable).
  const reachable = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', stateDir]).status === 0;
  if (reachable) return inProject;
  const fallback = `/var/tmp/tmk-pg-${Buffer.from(root).toString('hex').slice(-16)}`;
  return fallback;
}

/**
 * Ensures a reachable PostgreSQL and the named database; returns its URL.
 * DATABASE_URL set: uses that server (creates `database` on it when it differs from the URL's own).
 */
export async function ensurePostgres({ database }) {
  const pg = await import('pg').then((m) => m.default ?? m);
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    if (database && url.pathname.slice(1) !== database) {
      await createDatabase(pg, process.env.DATABASE_URL, database);
      url.pathname = `/${database}`;
    }
    return url.toString();
  }

  let bin = pgBinDir();
  if (!bin) {
    aptInstall(['postgresql'], 'A local PostgreSQL');
    bin = pgBinDir();
    if (!bin)
      throw new SetupError(
        'PostgreSQL was installed but its binaries were not found under /usr/lib/postgresql.',
      );
  }
  const dataRoot = ensureDir(pgDataRoot());
  const dataDir = join(dataRoot, 'data');
  const passwordFile = join(stateDir, 'pg-password');
  ensureDir(stateDir);
  if (!existsSync(passwordFile))
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const url = (db) => `postgres://tmk:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/${db}`;

  chmodSync(dataRoot, 0o700); // local connections are trusted: only the server's OS user may reach the socket
  if (isRoot()) chownSync(dataRoot, uidOf('postgres'), gidOf('postgres'));
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising a private PostgreSQL cluster in ${dataDir}`);
    const pwfile = join(dataRoot, '.pw');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (isRoot()) chownSync(pwfile, uidOf('postgres'), gidOf('postgres'));
    try {
      asPgUser(
        join(bin, 'initdb'),
        [
          '-D',
          dataDir,
          '-U',
          'tmk',
          `--pwfile=${pwfile}`,
          '--auth-host=scram-sha-256',
          '--auth-local=trust',
          '-E',
          'UTF8',
          '--locale=C.UTF-8',
        ],
        { quiet: true },
      );
    } finally {
      spawnSync('rm', ['-f', pwfile]);
    }
  }

  if (!(await portOpen(PG_PORT))) {
    log(`starting PostgreSQL on 127.0.0.1:${PG_PORT}`);
    asPgUser(
      join(bin, 'pg_ctl'),
      [
        '-D',
        dataDir,
        '-l',
        join(dataRoot, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${PG_PORT} -k ${dataRoot} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${process.env.TMK_PG_FSYNC ?? 'on'}`,
        'start',
      ],
      { quiet: true, hint: `See ${join(dataRoot, 'server.log')}.` },
    );
    onCleanup(() => {
      log('stopping PostgreSQL');
      asPgUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { quiet: true });
    });
  } else {
    log(`PostgreSQL already running on 127.0.0.1:${PG_PORT}; reusing it`);
  }
  await waitFor(() => canConnect(pg, url('postgres')), { what: 'PostgreSQL', timeoutMs: 30_000 });
  await createDatabase(pg, url('postgres'), database);
  return url(database);
}

function uidOf(user) {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user) {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

async function canConnect(pg, connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function createDatabase(pg, serverUrl, database) {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (e) {
    throw new SetupError(`Cannot connect to PostgreSQL at ${redact(serverUrl)}: ${e.message}`);
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
      log(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

/** Drops and re-creates a database (the isolated test database). */
export async function recreateDatabase(databaseUrl) {
  const pg = await import('pg').then((m) => m.default ?? m);
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export function redact(url) {
  return url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
}

/** Ensures a reachable Redis; returns its URL. */
export async function ensureRedis({ port = REDIS_PORT, persist = true, db = 0 } = {}) {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (!which('redis-server')) aptInstall(['redis-server'], 'A local Redis');
  const url = `redis://127.0.0.1:${port}/${db}`;
  if (await portOpen(port)) {
    log(`Redis already running on 127.0.0.1:${port}; reusing it`);
    return url;
  }
  const dir = ensureDir(join(stateDir, `redis-${port}`));
  log(`starting Redis on 127.0.0.1:${port}`);
  const child = startProcess(
    'redis',
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--protected-mode',
      'yes',
      '--save',
      '',
      '--appendonly',
      persist ? 'yes' : 'no',
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  child.on('exit', (code) => {
    if (code) console.error(`[tmk] redis-server exited with ${code}; see ${join(dir, 'redis.log')}`);
  });
  await waitFor(() => portOpen(port), { what: 'Redis', timeoutMs: 15_000 });
  return url;
}

/** Returns the path of a Chromium for Playwright, installing Debian's package when absent. */
export function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  );
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  aptInstall(['chromium'], 'The browser tests');
  if (!existsSync('/usr/bin/chromium'))
    throw new SetupError('chromium was installed but /usr/bin/chromium is missing.');
  return '/usr/bin/chromium';
}
