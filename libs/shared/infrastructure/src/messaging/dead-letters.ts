import type { DataSource } from 'typeorm';
import { DomainError, type IntegrationEvent } from '@tmk/shared-kernel';
import type { EventQueues } from './event-queues';

export interface DeadLetter {
  readonly id: string;
  readonly consumer: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: string;
  readonly retriedAt: string | null;
  readonly event: IntegrationEvent;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  event_id: string;
  event_type: string;
  error: string;
  attempts: number;
  failed_at: Date;
  retried_at: Date | null;
  event: IntegrationEvent;
}

/** Operators' view of events that exhausted their attempts, and a replay that goes through the inbox again. */
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EventQueues,
  ) {}

  async list(
    filter: { consumer?: string; includeRetried?: boolean; limit?: number } = {},
  ): Promise<DeadLetter[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT id, consumer, event_id, event_type, error, attempts, failed_at, retried_at, event
         FROM messaging.dead_letter
        WHERE ($1::text IS NULL OR consumer = $1) AND ($2::boolean OR retried_at IS NULL)
        ORDER BY failed_at DESC
        LIMIT $3`,
      [filter.consumer ?? null, filter.includeRetried ?? false, Math.min(filter.limit ?? 100, 1000)],
    );
    return rows.map(toDeadLetter);
  }

  /** Re-enqueues the event for its consumer only; a handler that already succeeded elsewhere is untouched. */
  async retry(id: string): Promise<DeadLetter> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE messaging.dead_letter SET retried_at = clock_timestamp()
          WHERE id = $1 AND retried_at IS NULL
          RETURNING id, consumer, event_id, event_type, error, attempts, failed_at, retried_at, event)
       SELECT * FROM claimed`,
      [id],
    );
    const row = rows[0];
    if (!row) {
      throw DomainError.notFound('MESSAGING.DEAD_LETTER_NOT_FOUND', `No pending dead letter with id ${id}`);
    }
    await this.queues.publish(row.consumer, [row.event], `:retry:${Date.now()}`);
    return toDeadLetter(row);
  }
}

function toDeadLetter(r: DeadLetterRow): DeadLetter {
  return {
    id: String(r.id),
    consumer: r.consumer,
    eventId: r.event_id,
    eventType: r.event_type,
    error: r.error,
    attempts: r.attempts,
    failedAt: r.failed_at.toISOString(),
    retriedAt: r.retried_at ? r.retried_at.toISOString() : null,
    event: r.event,
  };
}
