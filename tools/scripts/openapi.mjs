// `npm run api:generate`: regenerates the SPAs' typed API schema from the api's OpenAPI document.
import { buildServer } from './lib/build.mjs';
import { SCHEMA_FILE, writeSchema } from './lib/openapi.mjs';
import { ensurePostgres, ensureRedis } from './lib/services.mjs';
import { ensureDependencies, fail, log, stopAll, stopOnSignals } from './lib/util.mjs';

stopOnSignals();
try {
  ensureDependencies();
  const DATABASE_URL = await ensurePostgres({ database: 'tmk' });
  const REDIS_URL = await ensureRedis({ persist: true });
  buildServer();
  writeSchema({ DATABASE_URL, REDIS_URL });
  log(`wrote ${SCHEMA_FILE}`);
  await stopAll();
  process.exit(0);
} catch (e) {
  await stopAll();
  fail(e);
}
