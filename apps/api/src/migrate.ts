import 'reflect-metadata';
import { ConfigError, configSchema, runMigrations } from '@tmk/shared-infrastructure';
import { persistence } from './persistence';

/** `npm run migrate`: applies pending migrations of every context. Needs DATABASE_URL only. */
async function main(): Promise<void> {
  const parsed = configSchema.pick({ DATABASE_URL: true, DATABASE_POOL_SIZE: true }).safeParse(process.env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const applied = await runMigrations({ ...parsed.data, DATABASE_POOL_SIZE: 2 }, persistence);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(`tmk-migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
