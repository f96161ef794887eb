import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, type Clock } from '@tmk/shared-kernel';
import {
  CONSULTATION_REQUEST_REPOSITORY,
  type ConsultationRequestRepository,
  type SlaState,
} from '@tmk/consultations-domain';
import { notifyChange, requestIntegrationEvents } from '../requests/request-events';
import { REQUEST_NOTIFIER, type RequestNotifier } from '../requests/ports';

/**
 * Deadline timers of doctor–doctor requests (issue 4 item 4): a warning at `warnAt` (80 % of the time) and
 * a breach at `dueAt`. Timers are delayed jobs (BullMQ behind `SlaTimerQueue`), but the truth is the
 * database: `rearmAll` re-creates every pending timer from `due_at`/`warn_at` after Redis lost them, and a
 * timer that fires re-checks the request (`markSla`), so a stale, repeated or early timer changes nothing.
 */

export type SlaTimerKind = 'WARNING' | 'BREACHED';

/** One timer: fires at `fireAt`, for the deadline `dueAt` it was armed for. */
export interface SlaTimer {
  /** Deterministic (`<requestId>:W|B:<dueAt ms>`): scheduling the same timer twice is a no-op. */
  readonly id: string;
  readonly requestId: string;
  readonly kind: SlaTimerKind;
  readonly dueAt: Date;
  readonly fireAt: Date;
}

/** What a fired timer carries back to `SlaTimers.fire`. */
export interface FiredSlaTimer {
  readonly requestId: string;
  readonly kind: SlaTimerKind;
  /** ISO time of the deadline the timer was armed for. */
  readonly dueAt: string;
}

export function slaTimerId(requestId: string, kind: SlaTimerKind, dueAt: Date): string {
  return `${requestId}:${kind === 'WARNING' ? 'W' : 'B'}:${dueAt.getTime()}`;
}

/** Port: delayed jobs that survive a process restart (not a Redis loss: `rearmAll` covers that). */
export interface SlaTimerQueue {
  /** Adds the timers; a timer whose id is already known is left as it is. Past `fireAt` = fire at once. */
  schedule(timers: readonly SlaTimer[]): Promise<void>;
  /** Starts running due timers through `fire` (a throw = retry with backoff). */
  process(fire: (timer: FiredSlaTimer) => Promise<unknown>): Promise<void>;
  /** `listener` runs whenever the connection to the queue's store is re-established after a loss. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}
export const SLA_TIMER_QUEUE = Symbol('SlaTimerQueue');

/** A request still awaiting an answer (not paused, not yet breached) and its deadline. */
export interface PendingDeadline {
  readonly requestId: string;
  readonly warnAt: Date | null;
  readonly dueAt: Date;
  readonly slaState: SlaState;
}

/** Port: the pending deadlines, read from the database (the source of truth). */
export interface PendingDeadlines {
  /** Every pending deadline, in pages of `batchSize`, keyset-paginated by (due_at, id). */
  pages(batchSize: number): AsyncIterable<readonly PendingDeadline[]>;
  /** Those of the given requests that are pending (others are left out). */
  byIds(requestIds: readonly string[]): Promise<PendingDeadline[]>;
}
export const PENDING_DEADLINES = Symbol('PendingDeadlines');

export type SlaFireOutcome = 'marked' | 'unchanged' | 'missing';

const REARM_BATCH = 1000;

@Injectable()
export class SlaTimers {
  constructor(
    @Inject(CONSULTATION_REQUEST_REPOSITORY) private readonly requests: ConsultationRequestRepository,
    @Inject(SLA_TIMER_QUEUE) private readonly queue: SlaTimerQueue,
    @Inject(PENDING_DEADLINES) private readonly deadlines: PendingDeadlines,
    @Inject(REQUEST_NOTIFIER) private readonly notifier: RequestNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The timers a pending deadline needs: the breach always; the warning only while the request is on time
   * and its deadline is still ahead (a warning after the deadline says nothing the breach does not).
   */
  static timersFor(d: PendingDeadline, now: Date): SlaTimer[] {
    const timers: SlaTimer[] = [];
    if (d.warnAt && d.slaState === 'ON_TIME' && d.dueAt > now) {
      timers.push({
        id: slaTimerId(d.requestId, 'WARNING', d.dueAt),
        requestId: d.requestId,
        kind: 'WARNING',
        dueAt: d.dueAt,
        fireAt: d.warnAt,
      });
    }
    if (d.slaState !== 'BREACHED') {
      timers.push({
        id: slaTimerId(d.requestId, 'BREACHED', d.dueAt),
        requestId: d.requestId,
        kind: 'BREACHED',
        dueAt: d.dueAt,
        fireAt: d.dueAt,
      });
    }
    return timers;
  }

  /** Arms the two timers of a deadline (idempotent: the same deadline gives the same job ids). */
  async arm(
    requestId: string,
    warnAt: Date | null,
    dueAt: Date,
    slaState: SlaState = 'ON_TIME',
  ): Promise<number> {
    const timers = SlaTimers.timersFor({ requestId, warnAt, dueAt, slaState }, this.clock.now());
    await this.queue.schedule(timers);
    return timers.length;
  }

  /** Arms the current deadlines of these requests as the database has them now (after a change). */
  async armRequests(requestIds: readonly string[]): Promise<number> {
    if (requestIds.length === 0) return 0;
    const now = this.clock.now();
    const timers = (await this.deadlines.byIds([...new Set(requestIds)])).flatMap((d) =>
      SlaTimers.timersFor(d, now),
    );
    await this.queue.schedule(timers);
    return timers.length;
  }

  /**
   * Re-arms every pending timer from the database, a page of 1,000 requests at a time (the next page is read
   * while the current one is added). Timers already in the queue stay as they are; past ones fire at once.
   * Returns the number of timers scheduled (added or already present).
   */
  async rearmAll(batchSize = REARM_BATCH): Promise<number> {
    const pages = this.deadlines.pages(batchSize)[Symbol.asyncIterator]();
    let count = 0;
    let next = pages.next();
    try {
      for (;;) {
        const page = await next;
        if (page.done) return count;
        next = pages.next();
        next.catch(() => undefined); // awaited on the next turn; not an unhandled rejection meanwhile
        const now = this.clock.now();
        const timers = page.value.flatMap((d) => SlaTimers.timersFor(d, now));
        await this.queue.schedule(timers);
        count += timers.length;
      }
    } finally {
      await pages.return?.();
    }
  }

  /**
   * A timer fired: marks the request (warning or breach) if the timer still applies, and saves the change
   * with its SlaWarning/SlaBreached integration event. A concurrent change is retried once on the reloaded
   * request; a second conflict throws (the queue retries later).
   */
  async fire(requestId: string, kind: SlaTimerKind, armedFor: string): Promise<SlaFireOutcome> {
    const dueAt = new Date(armedFor);
    for (let attempt = 0; ; attempt++) {
      const request = await this.requests.findById(requestId);
      if (!request) return 'missing';
      if (!request.markSla(kind, this.clock.now(), dueAt)) return 'unchanged';
      const events = requestIntegrationEvents(request.snapshot, request.pendingEvents, this.clock);
      try {
        await this.requests.save(request, events);
      } catch (error) {
        if (attempt === 0 && isConcurrentChange(error)) continue;
        throw error;
      }
      await notifyChange(this.notifier, request.snapshot, kind === 'WARNING' ? 'slaWarning' : 'slaBreached');
      return 'marked';
    }
  }
}

function isConcurrentChange(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'CONSULTATIONS.CONCURRENT_CHANGE';
}
