import { DelayedError, Queue, Worker, type JobsOptions } from 'bullmq';
import { bullConnection } from '@tmk/shared-infrastructure';
import type { FiredSlaTimer, SlaTimer, SlaTimerKind, SlaTimerQueue } from '@tmk/consultations-application';

/** The BullMQ queue of the deadline timers (under QUEUE_PREFIX); not an event queue (`events.*`). */
export const SLA_TIMER_QUEUE_NAME = 'timers.consultations-sla';

export interface BullSlaTimerQueueOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Timers handled at once (each reads and maybe writes one request). */
  readonly concurrency?: number;
  /** Attempts of a failing timer (exponential backoff from `backoffMs`); then it is dropped — the sweep re-arms it. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly onError?: (error: unknown, timer?: FiredSlaTimer) => void;
}

interface TimerJob {
  readonly requestId: string;
  readonly kind: SlaTimerKind;
  /** ISO time of the deadline the timer was armed for. */
  readonly dueAt: string;
  /** Epoch ms at which it is due. */
  readonly fireAt: number;
}

/** Largest `addBulk` sent at once (one MULTI). */
const CHUNK = 2000;

/**
 * Deadline timers as BullMQ delayed jobs. Job id = timer id, so adding a timer that is still delayed,
 * waiting or running is a no-op at Redis. Finished and failed jobs are removed at once: their ids must not
 * block re-arming (the request's state in PostgreSQL decides whether a timer is still needed).
 */
export class BullSlaTimerQueue implements SlaTimerQueue {
  readonly queue: Queue<TimerJob>;
  private worker: Worker<TimerJob> | null = null;
  private readonly jobOptions: JobsOptions;

  constructor(private readonly options: BullSlaTimerQueueOptions) {
    this.queue = new Queue<TimerJob>(SLA_TIMER_QUEUE_NAME, {
      connection: bullConnection(options.redisUrl),
      prefix: options.prefix,
    });
    this.queue.on('error', (error) => options.onError?.(error));
    this.jobOptions = {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  async schedule(timers: readonly SlaTimer[]): Promise<void> {
    for (let i = 0; i < timers.length; i += CHUNK) {
      const now = Date.now();
      await this.queue.addBulk(
        timers.slice(i, i + CHUNK).map((t) => ({
          name: t.kind,
          data: {
            requestId: t.requestId,
            kind: t.kind,
            dueAt: t.dueAt.toISOString(),
            fireAt: t.fireAt.getTime(),
          },
          opts: { ...this.jobOptions, jobId: t.id, delay: Math.max(0, t.fireAt.getTime() - now) },
        })),
      );
    }
  }

  async process(fire: (timer: FiredSlaTimer) => Promise<unknown>): Promise<void> {
    if (this.worker) return;
    const worker = new Worker<TimerJob>(
      SLA_TIMER_QUEUE_NAME,
      async (job, token) => {
        const { requestId, kind, dueAt, fireAt } = job.data;
        // Promoted early (clocks of several hosts): wait for the moment rather than spend the timer.
        if (Date.now() < fireAt) {
          await job.moveToDelayed(fireAt, token);
          throw new DelayedError();
        }
        try {
          await fire({ requestId, kind, dueAt });
        } catch (error) {
          this.options.onError?.(error, { requestId, kind, dueAt });
          throw error;
        }
      },
      {
        connection: bullConnection(this.options.redisUrl),
        prefix: this.options.prefix,
        concurrency: this.options.concurrency ?? 10,
        autorun: false,
      },
    );
    worker.on('error', (error) => this.options.onError?.(error));
    this.worker = worker;
    void worker.run();
    await worker.waitUntilReady();
  }

  onReconnect(listener: () => void): void {
    const backend = this.queue.getBackend();
    let lost = false;
    backend.on('close', () => (lost = true));
    backend.on('ready', () => {
      if (!lost) return;
      lost = false;
      listener();
    });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
  }
}
