// `npm run migrate`: builds the server if needed and applies pending migrations to DATABASE_URL.
import { buildServer } from './lib/build.mjs';
import { serverEntry } from './lib/node.mjs';
import { ensureDependencies, fail, run, SetupError } from './lib/util.mjs';

try {
  if (!process.env.DATABASE_URL)
    throw new SetupError(
      'DATABASE_URL is not set. `npm start` sets it up for you; to migrate another database, set it.',
    );
  ensureDependencies();
  buildServer();
  run(process.execPath, serverEntry('apps/api/src/migrate.js'));
} catch (e) {
  fail(e);
}
