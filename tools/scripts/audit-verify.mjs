// `npm run audit:verify`: re-computes the audit hash chain of DATABASE_URL and reports the first broken
// record (exit code 1), or how many records it checked and how fast (exit code 0). Without DATABASE_URL it
// checks the local database of `npm start`.
import { buildServer } from './lib/build.mjs';
import { serverEntry } from './lib/node.mjs';
import { ensurePostgres } from './lib/services.mjs';
import { ensureDependencies, fail, run, stopAll } from './lib/util.mjs';

try {
  ensureDependencies();
  const DATABASE_URL = process.env.DATABASE_URL ?? (await ensurePostgres({ database: 'tmk' }));
  buildServer();
  run(process.execPath, serverEntry('apps/api/src/audit-verify.js'), { env: { DATABASE_URL } });
  await stopAll();
} catch (e) {
  await stopAll();
  fail(e);
}
