// `npm start`: everything ТМК needs on one origin, http://localhost:3000. Ctrl-C stops all it started.
import { buildAll } from './lib/build.mjs';
import { ensurePostgres, ensureRedis, redact } from './lib/services.mjs';
import { auditSigningKeyFile, demoIdpSecret, migrate, opsToken, startStack } from './lib/stack.mjs';
import { ensureDependencies, fail, log, stopAll, stopOnSignals } from './lib/util.mjs';
import { ensureDemoPki } from './lib/demo-pki.mjs';

stopOnSignals();
try {
  ensureDependencies();
  const DATABASE_URL = await ensurePostgres({ database: 'tmk' });
  const REDIS_URL = await ensureRedis({ persist: true });
  buildAll();
  const port = Number(process.env.PORT ?? 3000);
  const env = {
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL,
    REDIS_URL,
    OPS_TOKEN: opsToken(),
    AUDIT_SIGNING_KEY_FILE: auditSigningKeyFile(),
    AUDIT_ANCHOR_DIR: process.env.AUDIT_ANCHOR_DIR ?? '.tmk/audit-anchors',
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
  };
  // Demo signing keys: the api trusts the demo CA unless another trust folder is configured.
  let pki = null;
  try {
    pki = ensureDemoPki();
  } catch (e) {
    log(`demo signing keys not made (${e instanceof Error ? e.message : e}); signing needs a trusted CA`);
  }
  env.SIGNING_TRUST_DIR = process.env.SIGNING_TRUST_DIR ?? pki?.trustDir;
  if (!env.SIGNING_TRUST_DIR) delete env.SIGNING_TRUST_DIR;
  log(`database ${redact(DATABASE_URL)}; migrating…`);
  migrate(env, { seedDemo: true });
  const { api, worker, idp, idpIssuer } = await startStack(env, {
    port,
    demoIdp: { port: Number(process.env.TMK_DEMO_IDP_PORT ?? 3001), clientSecret: demoIdpSecret() },
  });
  const base = `http://localhost:${port}`;
  const idpLine = idpIssuer
    ? `\n    Госуслуги (демо) ${idpIssuer}  (accounts smirnov, kuznetsova, ivanova)`
    : '';
  console.log(`
  ТМК is running.

    Doctor       ${base}/doctor/
    Patient      ${base}/patient/
    Coordinator  ${base}/coordinator/
    API docs     ${base}/api/docs        (OpenAPI JSON: ${base}/api/docs-json)
    Health       ${base}/health/ready${idpLine}

  Operator token (ops endpoints, Authorization: Bearer …): ${env.OPS_TOKEN}
  Demo logins (password for all: Demo-2026-pass; more in docs/api/demo-accounts.md):
    doctor       requesting doctor, Кыштовская ЦРБ          → ${base}/doctor/
    consultant   consultant, ГНОКБ (+ doctor at Искитимская ЦГБ)
    dispatcher   dispatcher, КТЦ НСО                         → ${base}/coordinator/
    admin        regional admin, Новосибирская область       → ${base}/coordinator/
    sysadmin     system admin, ФКТЦ
    Patients sign in with «Госуслуги (демо)» at ${base}/patient/ as smirnov / Demo-2026-pass.
${
  pki
    ? `  Demo signing keys (software token: «Подписать» → «Программный ключ»; password ${pki.tokens[0].password}):
${pki.tokens.map((t) => `    ${t.login.padEnd(15)} ${t.p12}`).join('\n')}
  Check a signed document (no login): ${base}/doctor/verify
`
    : ''
}
  Press Ctrl-C to stop everything.
`);
  const exited = await Promise.race(
    [api, worker, idp]
      .filter(Boolean)
      .map((c) => new Promise((r) => c.once('exit', (code) => r([c.name, code])))),
  );
  log(`${exited[0]} exited with ${exited[1]}; stopping the rest`);
  await stopAll();
  process.exit(1);
} catch (e) {
  await stopAll();
  fail(e);
}
