import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions, type PersistenceParts } from './data-source-options';

/** Runs pending migrations (each in its own transaction) and returns the names of those applied. */
export async function runMigrations(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  parts: PersistenceParts,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, parts, 'tmk-migrate'));
  await dataSource.initialize();
  try {
    // Serialise concurrent migrators (two api instances starting at once).
    await dataSource.query('SELECT pg_advisory_lock(424242)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(424242)');
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
