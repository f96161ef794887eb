import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config';
import { messagingMigrations } from '../messaging/migrations';
import { messagingEntities } from '../messaging/entities';

type EntityList = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;

export interface PersistenceParts {
  /** TypeORM entities of every context this process hosts. */
  readonly entities: readonly (new (...args: never[]) => unknown)[];
  /** Migration classes of every context, in any order (TypeORM orders them by their timestamp suffix). */
  readonly migrations: readonly (new (...args: never[]) => unknown)[];
}

/**
 * One database, one schema per context; the schema is created by each context's first migration.
 * `synchronize` is never used: the migrations are the schema.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  parts: PersistenceParts,
  applicationName = 'tmk',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: [...messagingEntities, ...parts.entities] as EntityList,
    migrations: [
      ...messagingMigrations,
      ...parts.migrations,
    ] as EntityList as DataSourceOptions['migrations'],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // TypeORM's query logger prints parameters, i.e. personal data: errors reach the problem filter instead.
    logging: false,
    applicationName,
    extra: { max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000 },
  };
}
