// Starts the api and worker against given services and waits until the api is ready.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverEntry } from './node.mjs';
import { SetupError, ensureDir, log, portOpen, run, startProcess, stateDir, waitFor } from './util.mjs';

/** A stable local operator token (for the ops endpoints) unless OPS_TOKEN is set. */
export function opsToken() {
  if (process.env.OPS_TOKEN) return process.env.OPS_TOKEN;
  const file = join(ensureDir(stateDir), 'ops-token');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Applies migrations; `seedDemo` also loads the demo region, staff and patients (docs/api/demo-accounts.md). */
export function migrate(env, { seedDemo = false } = {}) {
  run(process.execPath, [...serverEntry('apps/api/src/migrate.js'), ...(seedDemo ? ['--seed-demo'] : [])], {
    env,
  });
}

export async function startStack(env, { port, quiet = false }) {
  if (await portOpen(port)) {
    throw new SetupError(
      `Port ${port} is already in use. Stop what runs there or choose another port with PORT=…`,
    );
  }
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  const api = startProcess('api', process.execPath, serverEntry('apps/api/src/main.js'), {
    env: { ...env, PORT: String(port) },
    stdio,
  });
  const worker = startProcess('worker', process.execPath, serverEntry('apps/worker/src/main.js'), {
    env,
    stdio,
  });
  const died = new Promise((_, reject) => {
    for (const child of [api, worker]) {
      child.once('exit', (code, signal) =>
        reject(
          new SetupError(
            `the ${child.name} process exited (${code ?? signal}) during start-up; its log is above.`,
          ),
        ),
      );
    }
  });
  died.catch(() => undefined);
  const ready = waitFor(
    async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health/ready`);
        return r.status === 200;
      } catch {
        return false;
      }
    },
    { what: 'The api (/health/ready)', timeoutMs: 60_000, intervalMs: 300 },
  );
  await Promise.race([ready, died]);
  log(`api and worker are up on port ${port}`);
  return { api, worker };
}
