import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from '@tmk/identity-infrastructure';

/**
 * The real api as a child process for benchmarks, and a keep-alive HTTP client with one socket, so the
 * numbers contain one request at a time and no connection set-up. Shared by the benches.
 */
export const root = resolve(__dirname, '../../../..'); // dist/server/tools/bench → repository root

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Closes the shared keep-alive socket (at the end of a bench). */
export function closeClient(): void {
  agent.destroy();
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolveRequest, reject) => {
    const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolveRequest({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startApi(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '-r',
      join(root, 'tools/runtime/register-paths.cjs'),
      join(root, 'dist/server/apps/api/src/main.js'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://localhost:${port}`,
        LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
        DATABASE_POOL_SIZE: '10',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the api exited (${code ?? signal}) at start-up`))),
  );
  exited.catch(() => undefined);
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await request(`http://127.0.0.1:${port}`, 'GET', '/health/ready')).status === 200) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the api did not become ready within 60 s');
  })();
  await Promise.race([ready, exited]);
  return child;
}

export async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

export async function login(base: string): Promise<string> {
  const res = await request(
    base,
    'POST',
    '/api/v1/auth/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ login: 'doctor', password: DEMO_PASSWORD }),
  );
  if (res.status !== 200) throw new Error(`login as doctor failed: ${res.status} ${res.body}`);
  const cookies = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!);
  if (!cookies.some((c) => c.startsWith('tmk_session=')) || !cookies.some((c) => c.startsWith('tmk_csrf=')))
    throw new Error(`login set no tmk_session / tmk_csrf cookies: ${cookies.join(', ')}`);
  return cookies.join('; ');
}
