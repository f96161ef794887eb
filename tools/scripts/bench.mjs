// `npm run bench`: benchmarks on real PostgreSQL and Redis (a fresh `tmk_bench` database), printing numbers
// and ratios against a baseline measured in the same run.
import { buildServer } from './lib/build.mjs';
import { serverEntry } from './lib/node.mjs';
import { ensurePostgres, ensureRedis, recreateDatabase } from './lib/services.mjs';
import { migrate } from './lib/stack.mjs';
import { ensureDependencies, fail, log, run, stopAll, stopOnSignals } from './lib/util.mjs';

stopOnSignals();
try {
  ensureDependencies();
  const DATABASE_URL = await ensurePostgres({ database: 'tmk_bench' });
  await recreateDatabase(DATABASE_URL);
  const REDIS_URL = await ensureRedis({
    port: Number(process.env.TMK_BENCH_REDIS_PORT ?? 63819),
    persist: false,
  });
  buildServer();
  const env = { DATABASE_URL, REDIS_URL, LOG_LEVEL: 'warn' };
  migrate(env);
  log('benchmark: event backbone');
  run(process.execPath, serverEntry('tools/bench/backbone.bench.js'), { env });
  await stopAll();
  process.exit(0);
} catch (e) {
  await stopAll();
  fail(e);
}
