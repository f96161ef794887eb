import { Worker, type Job } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { bullConnection } from '../redis/redis';
import { runWithRequestContext } from '../http/request-context';
import { consumerQueueName, isEventBatch, type EventBatch, type EventQueues } from './event-queues';
import { wantsEvent, type IntegrationEventHandler } from './subscriptions';

export interface ConsumerHostOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Jobs taken from Redis at once per consumer; also the largest batch written in one transaction. */
  readonly concurrency?: number;
  /** How long a partly filled batch waits for more jobs before it is written. */
  readonly batchWindowMs?: number;
  /** Where a failed batch job is split into single-event jobs. */
  readonly queues: EventQueues;
  /**
   * How long a job stays locked to a worker without renewal; a job of a crashed worker is taken up again
   * after this (BullMQ's stalled-job check runs at the same period).
   */
  readonly lockMs?: number;
  readonly onError?: (error: unknown, consumer: string, event?: IntegrationEvent) => void;
}

interface Pending {
  readonly job: Job<IntegrationEvent>;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Runs the handlers of one process: a BullMQ worker per consumer. The relay sends each outbox batch as one
 * job, handled in one transaction (inbox insert + handlers), which is what makes the backbone fast; when
 * that transaction fails, the batch is split into single-event jobs, so one poisonous event fails only its
 * own job. Single-event jobs that arrive together are micro-batched the same way. An event whose last
 * attempt fails is written to `messaging.dead_letter`, where operators see and replay it.
 */
export class EventConsumerHost {
  private readonly workers: Worker[] = [];
  private readonly byConsumer = new Map<string, IntegrationEventHandler[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ConsumerHostOptions,
  ) {}

  register(handlers: readonly IntegrationEventHandler[]): void {
    for (const handler of handlers) {
      const list = this.byConsumer.get(handler.consumer) ?? [];
      list.push(handler);
      this.byConsumer.set(handler.consumer, list);
    }
  }

  get consumers(): readonly string[] {
    return [...this.byConsumer.keys()];
  }

  async start(): Promise<void> {
    const concurrency = this.options.concurrency ?? 100;
    for (const [consumer, handlers] of this.byConsumer) {
      const batcher = new Batcher(concurrency, this.options.batchWindowMs ?? 2, (batch) =>
        this.handleBatch(consumer, handlers, batch),
      );
      const worker = new Worker<IntegrationEvent | EventBatch>(
        consumerQueueName(consumer),
        (job) =>
          isEventBatch(job.data)
            ? this.handleBatchJob(consumer, handlers, job.data.batch)
            : batcher.submit(job as Job<IntegrationEvent>),
        {
          connection: bullConnection(this.options.redisUrl),
          prefix: this.options.prefix,
          concurrency,
          autorun: false,
          lockDuration: this.options.lockMs ?? 30_000,
          stalledInterval: this.options.lockMs ?? 30_000,
        },
      );
      worker.on('error', (e) => this.options.onError?.(e, consumer));
      this.workers.push(worker);
      void worker.run();
      await worker.waitUntilReady();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
  }

  private async handleBatchJob(
    consumer: string,
    handlers: IntegrationEventHandler[],
    events: readonly IntegrationEvent[],
  ): Promise<void> {
    try {
      await this.dataSource.transaction((em) => this.apply(consumer, handlers, events, em));
    } catch (error) {
      this.options.onError?.(error, consumer);
      // Split: every event gets its own job, retries and, if it keeps failing, its own dead letter.
      await this.options.queues.publish(consumer, events);
    }
  }

  private async handleBatch(
    consumer: string,
    handlers: IntegrationEventHandler[],
    batch: Pending[],
  ): Promise<void> {
    if (batch.length > 1) {
      try {
        await this.dataSource.transaction((em) =>
          this.apply(
            consumer,
            handlers,
            batch.map((p) => p.job.data),
            em,
          ),
        );
        for (const p of batch) p.resolve();
        return;
      } catch {
        // Fall through: find the failing event(s) by handling each alone.
      }
    }
    for (const pending of batch) {
      try {
        await this.dataSource.transaction((em) => this.apply(consumer, handlers, [pending.job.data], em));
        pending.resolve();
      } catch (error) {
        const event = pending.job.data;
        this.options.onError?.(error, consumer, event);
        if (isLastAttempt(pending.job))
          await this.deadLetter(consumer, pending.job, error).catch(() => undefined);
        pending.reject(error);
      }
    }
  }

  private async apply(
    consumer: string,
    handlers: IntegrationEventHandler[],
    events: readonly IntegrationEvent[],
    em: EntityManager,
  ): Promise<void> {
    const ids = events.map((e) => e.id);
    const fresh: { event_id: string }[] = await em.query(
      `INSERT INTO messaging.inbox (consumer, event_id) SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, ids],
    );
    const freshIds = new Set(fresh.map((r) => r.event_id));
    const toHandle: IntegrationEvent[] = [];
    for (const event of events) {
      if (!freshIds.has(event.id)) continue; // already handled: a redelivery
      freshIds.delete(event.id); // the same event twice in one batch
      toHandle.push(event);
    }
    for (const handler of handlers) {
      const mine = toHandle.filter((e) => wantsEvent(handler, e.type));
      if (mine.length === 0) continue;
      if (handler.handleBatch) {
        await handler.handleBatch(mine, em);
        continue;
      }
      for (const event of mine) {
        await runWithRequestContext({ requestId: event.correlationId ?? event.id }, () =>
          handler.handle(event, em),
        );
      }
    }
  }

  private async deadLetter(consumer: string, job: Job<IntegrationEvent>, error: unknown): Promise<void> {
    const event = job.data;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await this.dataSource.query(
      `INSERT INTO messaging.dead_letter (consumer, event_id, event_type, event, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (consumer, event_id) DO UPDATE
         SET error = EXCLUDED.error, attempts = messaging.dead_letter.attempts + EXCLUDED.attempts,
             failed_at = clock_timestamp(), retried_at = NULL`,
      [consumer, event.id, event.type, JSON.stringify(event), message.slice(0, 4000), job.attemptsMade + 1],
    );
  }
}

function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** Collects concurrently running jobs into batches: flushes when full or after a short window. */
class Batcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly maxSize: number,
    private readonly windowMs: number,
    private readonly flushFn: (batch: Pending[]) => Promise<void>,
  ) {}

  submit(job: Job<IntegrationEvent>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.flushFn(batch).catch((e: unknown) => {
      for (const p of batch) p.reject(e);
    });
  }
}
