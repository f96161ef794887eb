import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventMeta, IntegrationEvent } from '@tmk/shared-kernel';
import type { EventQueues } from './event-queues';
import type { EventSubscriptions } from './subscriptions';
import { OUTBOX_CHANNEL } from './outbox-writer';

export interface OutboxRelayOptions {
  readonly databaseUrl: string;
  readonly batchSize: number;
  /** Fallback poll period; NOTIFY wakes the relay at once on commit. */
  readonly pollMs: number;
  /** Test seam: runs after the events reached Redis and before the rows are marked published. */
  readonly afterPublish?: (events: readonly IntegrationEvent[]) => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

interface OutboxRow {
  id: string;
  type: string;
  version: number;
  aggregate_id: string;
  occurred_at: Date;
  correlation_id: string | null;
  payload: IntegrationEvent['payload'];
  meta: EventMeta | null;
}

/**
 * Moves committed outbox rows to the consumers' queues. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several worker instances share the work; they are marked published in the same transaction after Redis
 * accepted them. A crash between the two re-publishes the batch later: consumers de-duplicate via the inbox.
 */
export class OutboxRelay {
  private listener: Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by a NOTIFY that arrived while a batch was in flight, so it is not lost. */
  private notified = false;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EventQueues,
    private readonly subscriptions: EventSubscriptions,
    private readonly options: OutboxRelayOptions,
  ) {}

  async start(): Promise<void> {
    this.listener = new Client({
      connectionString: this.options.databaseUrl,
      application_name: 'tmk-outbox-listen',
    });
    this.listener.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    this.listener.on('error', (e) => this.options.onError?.(e));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Relays at most one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, type, version, aggregate_id, occurred_at, correlation_id, payload, meta
           FROM messaging.outbox
          WHERE published_at IS NULL
          ORDER BY seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const events = rows.map(toEvent);
      const perConsumer = new Map<string, IntegrationEvent[]>();
      for (const event of events) {
        for (const consumer of this.subscriptions.consumersOf(event.type)) {
          const list = perConsumer.get(consumer) ?? [];
          list.push(event);
          perConsumer.set(consumer, list);
        }
      }
      await Promise.all([...perConsumer].map(([consumer, list]) => this.queues.publishBatch(consumer, list)));
      await this.options.afterPublish?.(events);
      await em.query(
        `UPDATE messaging.outbox SET published_at = clock_timestamp() WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let published = 0;
      this.notified = false;
      try {
        published = await this.relayOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (published >= this.options.batchSize || this.notified || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }
}

function toEvent(row: OutboxRow): IntegrationEvent {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    aggregateId: row.aggregate_id,
    occurredAt: row.occurred_at.toISOString(),
    correlationId: row.correlation_id,
    payload: row.payload,
    meta: row.meta,
  };
}
