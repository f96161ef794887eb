/**
 * Deadlines of doctor–doctor requests as the SPAs show them (the doctor's lists and request page, the
 * dispatcher queue, the journal): time left or overdue, its colour, paused, answered in time or late.
 */
import type { RequestStatus, SlaState } from '@tmk/web-api-client';

/** Statuses in which the answer is still awaited, so the deadline runs. */
export const AWAITING_ANSWER: readonly RequestStatus[] = [
  'NEW',
  'RETURNED',
  'ASSIGNED',
  'IN_WORK',
  'AWAITING_DATA',
];

/** Colour of a deadline: amber once the warning time came, red when breached or past due. */
export type DeadlineTone = 'neutral' | 'warning' | 'danger';

/** What to show about a request's deadline at a moment. */
export type DeadlineView =
  | { readonly kind: 'none' }
  | { readonly kind: 'paused' }
  | { readonly kind: 'left' | 'overdue'; readonly ms: number; readonly tone: DeadlineTone }
  | { readonly kind: 'answered'; readonly late: boolean };

export interface DeadlineFacts {
  readonly status: RequestStatus;
  readonly dueAt: string | null;
  readonly warnAt?: string | null;
  readonly slaState: SlaState;
  readonly answeredAt?: string | null;
  /** Set while the clock is paused, waiting for the requester's data. */
  readonly pausedAt?: string | null;
}

/**
 * The deadline of a request at `now` (ms since the epoch): time left (amber from `warnAt` or once the server
 * marked it WARNING, red once BREACHED), overdue by, paused, or answered (late or not).
 */
export function deadlineView(facts: DeadlineFacts, now: number): DeadlineView {
  if (facts.status === 'CONCLUSION_SUBMITTED' || facts.status === 'CLOSED') {
    const late =
      facts.slaState === 'BREACHED' ||
      (!!facts.answeredAt && !!facts.dueAt && Date.parse(facts.answeredAt) > Date.parse(facts.dueAt));
    return { kind: 'answered', late };
  }
  if (!AWAITING_ANSWER.includes(facts.status) || !facts.dueAt) return { kind: 'none' };
  if (facts.pausedAt) return { kind: 'paused' };
  const due = Date.parse(facts.dueAt);
  if (Number.isNaN(due)) return { kind: 'none' };
  const ms = due - now;
  if (ms <= 0) return { kind: 'overdue', ms: -ms, tone: 'danger' };
  const warn = facts.warnAt ? Date.parse(facts.warnAt) : Number.NaN;
  const tone: DeadlineTone =
    facts.slaState === 'BREACHED'
      ? 'danger'
      : facts.slaState === 'WARNING' || (!Number.isNaN(warn) && now >= warn)
        ? 'warning'
        : 'neutral';
  return { kind: 'left', ms, tone };
}

export interface DurationParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** A duration in whole days, hours and minutes (seconds dropped). */
export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/** Unit words of the interface language: `(3) => '3 ч'`. */
export interface DurationUnits {
  days(n: number): string;
  hours(n: number): string;
  minutes(n: number): string;
  readonly lessThanMinute: string;
}

/** A duration as its two largest units: «2 дн. 3 ч», «3 ч 20 мин», «40 мин»; under a minute, "less than a minute". */
export function formatDuration(ms: number, units: DurationUnits): string {
  const { days, hours, minutes } = durationParts(ms);
  if (days > 0) return hours > 0 ? `${units.days(days)} ${units.hours(hours)}` : units.days(days);
  if (hours > 0) return minutes > 0 ? `${units.hours(hours)} ${units.minutes(minutes)}` : units.hours(hours);
  if (minutes > 0) return units.minutes(minutes);
  return units.lessThanMinute;
}

/** A journal row's deadline: answered in time, answered late, open and overdue, open in time, or no deadline. */
export type DeadlineOutcome = 'met' | 'missed' | 'overdue' | 'pending' | 'none';

export function deadlineOutcome(
  facts: Pick<DeadlineFacts, 'status' | 'dueAt' | 'answeredAt' | 'slaState'>,
  now: number,
): DeadlineOutcome {
  if (!facts.dueAt) return 'none';
  const due = Date.parse(facts.dueAt);
  if (facts.answeredAt) return Date.parse(facts.answeredAt) <= due ? 'met' : 'missed';
  if (!AWAITING_ANSWER.includes(facts.status)) return facts.slaState === 'BREACHED' ? 'missed' : 'none';
  return now > due || facts.slaState === 'BREACHED' ? 'overdue' : 'pending';
}
