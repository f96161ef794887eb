import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, configSchema, runMigrations } from '@tmk/shared-infrastructure';
import { seedDemo, seedDictionaries } from '@tmk/identity-api';
import { persistence } from './persistence';

/**
 * `npm run migrate`: applies pending migrations of every context, then loads the dictionaries. With
 * `--seed-demo` it also loads the demo region, staff and patients (docs/api/demo-accounts.md); `npm start`
 * and `npm test` pass it. Needs DATABASE_URL only.
 */
async function main(): Promise<void> {
  const parsed = configSchema.pick({ DATABASE_URL: true, DATABASE_POOL_SIZE: true }).safeParse(process.env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const applied = await runMigrations({ ...parsed.data, DATABASE_POOL_SIZE: 2 }, persistence);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
  const db = await new DataSource({
    type: 'postgres',
    url: parsed.data.DATABASE_URL,
    extra: { max: 2 },
  }).initialize();
  try {
    if (process.argv.includes('--seed-demo')) {
      const { created } = await seedDemo(db);
      console.log(created ? 'demo data seeded' : 'demo data present');
    } else {
      await seedDictionaries(db);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`tmk-migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
