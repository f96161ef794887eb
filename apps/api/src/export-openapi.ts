import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@tmk/shared-infrastructure';
import { createApiApp } from './bootstrap';
import { buildOpenApiDocument } from './openapi';

/** Writes the OpenAPI document of the api to the path given as the first argument (used to type the SPAs' client). */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: export-openapi <output.json>');
  const app = await createApiApp(loadConfig(), { logger: false });
  await app.init();
  writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
