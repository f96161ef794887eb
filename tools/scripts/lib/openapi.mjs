// The SPAs' API types come from the api's OpenAPI document: export it, run openapi-typescript, and either
// write the result (`npm run api:generate`) or fail when the committed file is stale (`npm test`).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { serverEntry } from './node.mjs';
import { SetupError, ensureDir, root, run } from './util.mjs';

export const SCHEMA_FILE = 'libs/web/api-client/src/schema.d.ts';

export function generateSchema(env) {
  const dir = ensureDir(join(root, 'dist', 'openapi'));
  const json = join(dir, 'openapi.json');
  const dts = join(dir, 'schema.d.ts');
  run(process.execPath, [...serverEntry('apps/api/src/export-openapi.js'), json], {
    env: { ...env, LOG_LEVEL: 'silent' },
  });
  run('npx', ['openapi-typescript', json, '-o', dts, '--alphabetize'], { quiet: true });
  return readFileSync(dts, 'utf8');
}

export function checkSchema(env) {
  const generated = generateSchema(env);
  const committed = existsSync(join(root, SCHEMA_FILE)) ? readFileSync(join(root, SCHEMA_FILE), 'utf8') : '';
  if (generated !== committed) {
    throw new SetupError(
      `${SCHEMA_FILE} does not match the api's OpenAPI document. Run \`npm run api:generate\` and commit the result.`,
    );
  }
}

export function writeSchema(env) {
  writeFileSync(join(root, SCHEMA_FILE), generateSchema(env));
}
