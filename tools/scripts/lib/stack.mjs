// Starts the api, the worker and the «Госуслуги (демо)» identity provider against given services and waits
// until they are ready.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
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

/**
 * The key that signs the daily audit anchors (ADR 0012), unless AUDIT_SIGNING_KEY_FILE is set: an Ed25519
 * key generated once into .tmk/. Production keeps it in a secret store and mounts the file.
 */
export function auditSigningKeyFile() {
  if (process.env.AUDIT_SIGNING_KEY_FILE) return process.env.AUDIT_SIGNING_KEY_FILE;
  const file = join(ensureDir(stateDir), 'audit-signing-key.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return file;
}

/** A stable local client secret between the api and «Госуслуги (демо)» (apps/demo-idp). */
export function demoIdpSecret() {
  const file = join(ensureDir(stateDir), 'demo-idp-client-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Starts the demo OpenID provider (ADR 0010) on `port` for an api at `publicUrl`, waits until it serves its
 * discovery document and returns the process and the api's OIDC_ESIA_DEMO_* variables. Skipped (null
 * process, no variables) when OIDC_ESIA_DEMO_ISSUER is set: the api then uses that provider.
 */
async function startDemoIdp({ port, clientSecret, publicUrl, stdio }) {
  if (process.env.OIDC_ESIA_DEMO_ISSUER) return { idp: null, oidcEnv: {} };
  if (await portOpen(port)) {
    throw new SetupError(
      `Port ${port} (the «Госуслуги (демо)» provider) is already in use. Stop what runs there or choose another port with TMK_DEMO_IDP_PORT=…`,
    );
  }
  const issuer = process.env.DEMO_IDP_ISSUER ?? `http://${new URL(publicUrl).hostname}:${port}`;
  const clientId = 'tmk';
  const idp = startProcess('demo-idp', process.execPath, serverEntry('apps/demo-idp/src/main.js'), {
    env: {
      DEMO_IDP_PORT: String(port),
      DEMO_IDP_ISSUER: issuer,
      DEMO_IDP_CLIENT_ID: clientId,
      DEMO_IDP_CLIENT_SECRET: clientSecret,
      DEMO_IDP_REDIRECT_URIS: `${publicUrl.replace(/\/+$/, '')}/api/v1/auth/oidc/esia-demo/callback`,
    },
    stdio,
  });
  await waitFor(
    async () => {
      if (idp.exitCode !== null)
        throw new SetupError(`the demo-idp process exited (${idp.exitCode}); its log is above.`);
      try {
        return (await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).ok;
      } catch {
        return false;
      }
    },
    { what: 'The «Госуслуги (демо)» provider', timeoutMs: 20_000, intervalMs: 200 },
  );
  return {
    idp,
    oidcEnv: {
      OIDC_ESIA_DEMO_ISSUER: issuer,
      OIDC_ESIA_DEMO_CLIENT_ID: clientId,
      OIDC_ESIA_DEMO_CLIENT_SECRET: clientSecret,
    },
  };
}

/** Applies migrations; `seedDemo` also loads the demo region, staff and patients (docs/api/demo-accounts.md). */
export function migrate(env, { seedDemo = false } = {}) {
  run(process.execPath, [...serverEntry('apps/api/src/migrate.js'), ...(seedDemo ? ['--seed-demo'] : [])], {
    env,
  });
}

/**
 * `demoIdp: { port, clientSecret }` also starts «Госуслуги (демо)» and points the api at it; the api's
 * PUBLIC_URL (its callback address) defaults to http://localhost:<port>.
 */
export async function startStack(env, { port, quiet = false, demoIdp = null }) {
  if (await portOpen(port)) {
    throw new SetupError(
      `Port ${port} is already in use. Stop what runs there or choose another port with PORT=…`,
    );
  }
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const { idp, oidcEnv } = demoIdp
    ? await startDemoIdp({ ...demoIdp, publicUrl, stdio })
    : { idp: null, oidcEnv: {} };
  const api = startProcess('api', process.execPath, serverEntry('apps/api/src/main.js'), {
    env: { ...env, PUBLIC_URL: publicUrl, PORT: String(port), ...oidcEnv },
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
  log(`api and worker are up on port ${port}${idp ? `, «Госуслуги (демо)» on ${demoIdp.port}` : ''}`);
  return { api, worker, idp, idpIssuer: oidcEnv.OIDC_ESIA_DEMO_ISSUER ?? null };
}
