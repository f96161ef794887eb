import { Queue, type JobsOptions } from 'bullmq';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { bullConnection } from '../redis/redis';

export interface DeliveryPolicy {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  /**
   * Completed jobs kept in Redis (they also de-duplicate re-publications by job id). The inbox is what
   * guarantees exactly-once effects; this only saves redundant deliveries. Default: 10,000 or one hour.
   */
  readonly keepCompleted?: number;
}

export const BATCH_JOB = 'batch';

/** Payload of a job that carries several events (see `publishBatch`). */
export interface EventBatch {
  readonly batch: readonly IntegrationEvent[];
}

export function isEventBatch(data: unknown): data is EventBatch {
  return typeof data === 'object' && data !== null && Array.isArray((data as EventBatch).batch);
}

/** Queue name of a consumer: every consuming context (or projection) has its own queue. */
export function consumerQueueName(consumer: string): string {
  return `events.${consumer}`;
}

/** Publishes integration events to consumer queues (one BullMQ queue per consumer). */
export class EventQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly policy: DeliveryPolicy,
  ) {}

  queue(consumer: string): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(consumerQueueName(consumer), {
        connection: bullConnection(this.redisUrl),
        prefix: this.prefix,
      });
      this.queues.set(consumer, queue);
    }
    return queue;
  }

  jobOptions(jobId: string): JobsOptions {
    return {
      jobId,
      attempts: this.policy.maxAttempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      removeOnComplete:
        this.policy.keepCompleted === 0 ? true : { age: 3600, count: this.policy.keepCompleted ?? 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async publish(consumer: string, events: readonly IntegrationEvent[], jobIdSuffix = ''): Promise<void> {
    if (events.length === 0) return;
    await this.queue(consumer).addBulk(
      events.map((event) => ({
        name: event.type,
        data: event,
        opts: this.jobOptions(event.id + jobIdSuffix),
      })),
    );
  }

  /**
   * Publishes events as one job (the relay's path): one Redis round trip for a whole outbox batch. The
   * consumer handles it in one transaction, or splits it into single-event jobs when that fails. The job id
   * is derived from the batch's events, so re-publishing the same outbox batch after a crash is a no-op
   * while the first job is still known to Redis (the inbox covers the rest).
   */
  async publishBatch(consumer: string, events: readonly IntegrationEvent[]): Promise<void> {
    const [first] = events;
    if (first === undefined || events.length === 1) return this.publish(consumer, events);
    const data: EventBatch = { batch: events };
    await this.queue(consumer).add(BATCH_JOB, data, this.jobOptions(`batch:${first.id}:${events.length}`));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
