// `npm run bench`: benchmarks on real PostgreSQL and Redis (the `tmk_bench` database), printing numbers and
// ratios against a baseline measured in the same run: the event backbone, the deadline timers' re-arming
// after a Redis flush, then patient search on 1,000,000 seeded patients, then the audit trail (ingestion,
// verification, audited read latency). The database is kept between runs so the patient seed (about a
// minute) happens once; TMK_BENCH_FRESH=1 drops and re-creates it first. The audit trail's append-only
// chain gets its own database, `tmk_bench_audit`, re-created every run so that each run writes and
// verifies the same chain from scratch. The consultant inbox benchmark (1,000,000 and 10,000 requests) keeps
// its own two databases, `tmk_bench_inbox1m` and `tmk_bench_inbox10k`, seeded once. The signing benchmark
// (signature verification against OpenSSL with the GOST engine, PDF rendering and stamping) needs neither
// database nor Redis and runs first. TMK_BENCH_ONLY=inbox (or a comma-separated list of signing, backbone,
// timers, inbox, patients, audit) runs only those; PostgreSQL and Redis are started only when one of the
// others is selected.
import { buildServer } from './lib/build.mjs';
import { serverEntry } from './lib/node.mjs';
import { ensurePostgres, ensureRedis, recreateDatabase } from './lib/services.mjs';
import { migrate, opsToken } from './lib/stack.mjs';
import { ensureDependencies, fail, log, run, stopAll, stopOnSignals } from './lib/util.mjs';

stopOnSignals();
try {
  ensureDependencies();
  const only = process.env.TMK_BENCH_ONLY?.split(',').map((name) => name.trim());
  const wanted = (name) => !only || only.includes(name);
  buildServer();
  if (wanted('signing')) {
    log('benchmark: signing (verification vs openssl, PDF render and stamp; no database)');
    run(process.execPath, serverEntry('tools/bench/signing.bench.js'), { env: { LOG_LEVEL: 'warn' } });
  }
  if (!['backbone', 'timers', 'inbox', 'patients', 'audit'].some(wanted)) {
    await stopAll();
    process.exit(0);
  }
  const DATABASE_URL = await ensurePostgres({ database: 'tmk_bench' });
  if (process.env.TMK_BENCH_FRESH === '1') await recreateDatabase(DATABASE_URL);
  const REDIS_URL = await ensureRedis({
    port: Number(process.env.TMK_BENCH_REDIS_PORT ?? 63819),
    persist: false,
  });
  const env = { DATABASE_URL, REDIS_URL, LOG_LEVEL: 'warn' };
  migrate(env, { seedDemo: true });
  if (wanted('backbone')) {
    log('benchmark: event backbone');
    run(process.execPath, serverEntry('tools/bench/backbone.bench.js'), { env });
  }
  if (wanted('timers')) {
    log('benchmark: deadline timers (re-arm after a Redis flush)');
    run(process.execPath, serverEntry('tools/bench/sla-timers.bench.js'), { env });
  }
  if (wanted('inbox')) {
    log('benchmark: consultant inbox (its own databases; starts its own api processes)');
    run(process.execPath, serverEntry('tools/bench/consultations-inbox.bench.js'), { env });
  }
  if (wanted('patients')) {
    log('benchmark: patient search (starts its own api process)');
    run(process.execPath, serverEntry('tools/bench/patient-search.bench.js'), {
      env: { ...env, OPS_TOKEN: opsToken() },
    });
  }
  if (wanted('audit')) {
    log('benchmark: audit trail (starts its own worker and api processes)');
    const auditUrl = new URL(DATABASE_URL);
    auditUrl.pathname = '/tmk_bench_audit';
    const AUDIT_DATABASE_URL = auditUrl.toString();
    await recreateDatabase(AUDIT_DATABASE_URL);
    migrate({ ...env, DATABASE_URL: AUDIT_DATABASE_URL });
    run(process.execPath, serverEntry('tools/bench/audit.bench.js'), {
      env: { ...env, AUDIT_DATABASE_URL, OPS_TOKEN: opsToken() },
    });
  }
  await stopAll();
  process.exit(0);
} catch (e) {
  await stopAll();
  fail(e);
}
