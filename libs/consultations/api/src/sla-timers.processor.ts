import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SLA_TIMER_QUEUE, SlaTimers, type SlaTimerQueue } from '@tmk/consultations-application';

export interface SlaTimerOptions {
  /** Period of the safety sweep that re-arms every pending timer from the database; 0 = none. */
  readonly sweepMs: number;
}
export const SLA_TIMER_OPTIONS = Symbol('SlaTimerOptions');

/**
 * Runs the deadline timers in the worker: fires due timers through `SlaTimers.fire`, and re-arms every
 * pending timer from the database at start, whenever the Redis connection comes back after a loss (Redis
 * may have restarted empty) and every `sweepMs` (a flush without a disconnect). Re-arming is cheap: job ids
 * are deterministic, so timers still in Redis are left alone.
 */
@Injectable()
export class SlaTimerProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlaTimers');
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly timers: SlaTimers,
    @Inject(SLA_TIMER_QUEUE) private readonly queue: SlaTimerQueue,
    @Inject(SLA_TIMER_OPTIONS) private readonly options: SlaTimerOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.process((t) => this.timers.fire(t.requestId, t.kind, t.dueAt));
    this.queue.onReconnect(() => void this.rearm('redis reconnected'));
    if (this.options.sweepMs > 0) {
      this.sweep = setInterval(() => void this.rearm('sweep'), this.options.sweepMs);
      this.sweep.unref();
    }
    void this.rearm('start'); // in the background: start-up does not wait for a large re-arm
  }

  /** Re-arms every pending timer; a call while one runs makes it run once more when done. */
  rearm(reason: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const started = Date.now();
        try {
          const count = await this.timers.rearmAll();
          const message = `re-armed ${count} deadline timers (${reason}) in ${Date.now() - started} ms`;
          if (reason === 'sweep') this.logger.debug(message);
          else this.logger.log(message);
        } catch (error) {
          this.logger.error(
            `re-arming deadline timers failed (${reason}); the next sweep retries: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
        }
      } while (this.again && !this.closed);
    })().finally(() => (this.running = null));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.running;
    await this.queue.close();
  }
}
