import type { DataSource, EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { appendToOutbox } from '@tmk/shared-infrastructure';

/** Runs `work` and appends `events` to the outbox in one transaction. */
export async function inTransaction<T>(
  dataSource: DataSource,
  events: readonly IntegrationEvent[],
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (em) => {
    const result = await work(em);
    await appendToOutbox(em, events);
    return result;
  });
}

/** The constraint a PostgreSQL unique violation (23505) hit, if that is what `error` is. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  if (code !== '23505') return null;
  return e.driverError?.constraint ?? e.constraint ?? 'unknown';
}

export function iso(date: Date | string): string {
  return typeof date === 'string' ? date : date.toISOString().slice(0, 10);
}
