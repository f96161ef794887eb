import type { DataSource, EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { currentCorrelationId, currentEventMeta } from '../http/request-context';

export const OUTBOX_CHANNEL = 'tmk_outbox';

const INSERT = `INSERT INTO messaging.outbox (id, type, version, aggregate_id, occurred_at, correlation_id, payload, meta)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::jsonb[],
                       $8::jsonb[])`;

/** Column arrays for INSERT; correlation id and who/where default to the current request's. */
function columns(events: readonly IntegrationEvent[]): unknown[] {
  const fallbackCorrelation = currentCorrelationId();
  const fallbackMeta = currentEventMeta();
  return [
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => e.version),
    events.map((e) => e.aggregateId),
    events.map((e) => e.occurredAt),
    events.map((e) => e.correlationId ?? fallbackCorrelation),
    events.map((e) => JSON.stringify(e.payload)),
    events.map((e) => {
      const meta = e.meta ?? fallbackMeta;
      return meta ? JSON.stringify(meta) : null;
    }),
  ];
}

/**
 * Appends integration events to the outbox inside the caller's transaction. The NOTIFY is transactional
 * too: the relay is woken only when the change commits, and a rollback leaves neither rows nor wake-up.
 */
export async function appendToOutbox(em: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!em.queryRunner?.isTransactionActive) {
    throw new Error('appendToOutbox must run inside a transaction with the state change it announces');
  }
  await em.query(INSERT, columns(events));
  await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}

/**
 * Appends events on their own, outside any business transaction, in one statement (one round trip): the
 * insert and the relay's wake-up commit together. For records of something that already happened and has
 * no other state change, e.g. an audited read.
 */
export async function appendToOutboxNow(db: DataSource, events: readonly IntegrationEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `WITH ins AS (${INSERT} RETURNING 1)
     SELECT pg_notify($9, '') FROM (SELECT count(*) AS n FROM ins) c WHERE c.n > 0`,
    [...columns(events), OUTBOX_CHANNEL],
  );
}
