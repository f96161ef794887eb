// `npm test`: lint, type checks, unit tests, integration tests on real PostgreSQL and Redis, and the
// Playwright journeys in headless Chromium — with every service set up by this script on an isolated test
// database. `npm test -- unit int` runs only the named stages (lint, typecheck, unit, int, e2e).
import { buildAll } from './lib/build.mjs';
import { ensureChromium, ensurePostgres, ensureRedis, recreateDatabase, redact } from './lib/services.mjs';
import { auditSigningKeyFile, migrate, startStack } from './lib/stack.mjs';
import { checkSchema } from './lib/openapi.mjs';
import { ensureDependencies, fail, log, run, stopAll, stopOnSignals } from './lib/util.mjs';

const STAGES = ['lint', 'typecheck', 'unit', 'int', 'e2e'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((s) => !STAGES.includes(s));
const stages = new Set(wanted.length ? wanted : STAGES);
const timings = [];

async function stage(name, fn) {
  if (!stages.has(name)) return;
  const started = Date.now();
  log(`── ${name} ──`);
  await fn();
  timings.push([name, (Date.now() - started) / 1000]);
}

stopOnSignals();
const startedAt = Date.now();
try {
  if (unknown.length) throw new Error(`unknown stage(s) ${unknown.join(', ')}; stages: ${STAGES.join(', ')}`);
  ensureDependencies();
  const npx = (args, env, quiet = false) =>
    run('npx', args, { env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...env }, quiet });

  await stage('lint', () => {
    // The module-boundary rule reads Nx's project graph and silently skips itself when none is cached.
    npx(['nx', 'show', 'projects'], {}, true);
    npx(['eslint', '.', '--max-warnings=0']);
    run(process.execPath, ['tools/scripts/check-boundaries.mjs'], { env: { NX_DAEMON: 'false' } });
    run('npm', ['run', '-s', 'lint:cycles']);
    npx(['prettier', '--check', '--log-level', 'warn', '.']);
  });
  await stage('typecheck', () => {
    npx(['tsc', '-p', 'tsconfig.json', '--noEmit']);
    npx(['vue-tsc', '-p', 'tsconfig.web.json', '--noEmit']);
    npx(['tsc', '-p', 'apps/e2e/tsconfig.json', '--noEmit']);
  });
  await stage('unit', () => npx(['jest', '-c', 'jest.config.cjs', '--selectProjects', 'unit', '--ci']));

  if (stages.has('int') || stages.has('e2e')) {
    const TEST_DATABASE_URL = await ensurePostgres({
      database: process.env.TEST_DATABASE_NAME ?? 'tmk_test',
    });
    await recreateDatabase(TEST_DATABASE_URL);
    const TEST_REDIS_URL = await ensureRedis({
      port: Number(process.env.TMK_TEST_REDIS_PORT ?? 63809),
      persist: false,
      db: 1,
    });
    log(`test database ${redact(TEST_DATABASE_URL)}, redis ${TEST_REDIS_URL}`);
    buildAll();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      OPS_TOKEN: 'e2e-ops-token-0123456789abcdef',
      AUDIT_SIGNING_KEY_FILE: auditSigningKeyFile(),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      QUEUE_PREFIX: 'tmk-e2e',
      EVENT_BACKOFF_MS: '200',
    };
    migrate(env, { seedDemo: true });
    if (stages.has('int')) checkSchema(env);

    await stage('int', () =>
      npx(['jest', '-c', 'jest.config.cjs', '--selectProjects', 'integration', '--runInBand', '--ci'], {
        TEST_DATABASE_URL,
        TEST_REDIS_URL,
      }),
    );
    await stage('e2e', async () => {
      const chromium = ensureChromium();
      const port = Number(process.env.TMK_TEST_PORT ?? 3999);
      // «Госуслуги (демо)» on its own port; its redirect URI follows the api's port (startStack).
      await startStack(env, {
        port,
        demoIdp: {
          port: Number(process.env.TMK_TEST_IDP_PORT ?? 3998),
          clientSecret: 'e2e-demo-idp-client-secret-0123456789',
        },
      });
      npx(['playwright', 'test', '-c', 'apps/e2e/playwright.config.ts'], {
        E2E_BASE_URL: `http://localhost:${port}`,
        CHROMIUM_PATH: chromium,
        OPS_TOKEN: env.OPS_TOKEN,
        DATABASE_URL: env.DATABASE_URL,
      });
    });
  }
  await stopAll();
  const total = (Date.now() - startedAt) / 1000;
  log(`all green in ${total.toFixed(0)} s (${timings.map(([n, s]) => `${n} ${s.toFixed(0)} s`).join(', ')})`);
  process.exit(0);
} catch (e) {
  await stopAll();
  fail(e);
}
