import { describe, expect, it } from '@jest/globals';
import { deadlineView, durationParts, formatDuration, type DurationUnits } from './deadline';

const ru: DurationUnits = {
  days: (n) => `${n} дн.`,
  hours: (n) => `${n} ч`,
  minutes: (n) => `${n} мин`,
  lessThanMinute: 'меньше минуты',
};
const MIN = 60_000;
const now = Date.parse('2026-03-02T10:00:00Z');
const at = (minutesFromNow: number): string => new Date(now + minutesFromNow * MIN).toISOString();

describe('deadline', () => {
  it('formatDuration_hoursAndMinutes_showsTwoLargestUnits', () => {
    expect(formatDuration((3 * 60 + 20) * MIN + 59_000, ru)).toBe('3 ч 20 мин');
    expect(formatDuration(40 * MIN, ru)).toBe('40 мин');
    expect(formatDuration(5 * 60 * MIN, ru)).toBe('5 ч');
    expect(formatDuration((2 * 1440 + 3 * 60 + 15) * MIN, ru)).toBe('2 дн. 3 ч');
    expect(formatDuration(1440 * MIN + 5 * MIN, ru)).toBe('1 дн.');
  });

  it('formatDuration_underAMinute_saysLessThanAMinute', () => {
    expect(formatDuration(59_000, ru)).toBe('меньше минуты');
    expect(formatDuration(0, ru)).toBe('меньше минуты');
  });

  it('durationParts_negative_usesTheAbsoluteValue', () => {
    expect(durationParts(-(61 * MIN))).toEqual({ days: 0, hours: 1, minutes: 1 });
  });

  it('deadlineView_beforeDue_timeLeftWithTheSlaTone', () => {
    const facts = { status: 'IN_WORK', dueAt: at(200), slaState: 'ON_TIME' } as const;
    expect(deadlineView(facts, now)).toEqual({ kind: 'left', ms: 200 * MIN, tone: 'neutral' });
    expect(deadlineView({ ...facts, slaState: 'WARNING' }, now)).toMatchObject({ tone: 'warning' });
    expect(deadlineView({ ...facts, slaState: 'BREACHED' }, now)).toMatchObject({ tone: 'danger' });
  });

  it('deadlineView_pastDue_overdueInRedEvenBeforeTheServerMarksIt', () => {
    const view = deadlineView({ status: 'ASSIGNED', dueAt: at(-40), slaState: 'ON_TIME' }, now);
    expect(view).toEqual({ kind: 'overdue', ms: 40 * MIN, tone: 'danger' });
  });

  it('deadlineView_answeredOrClosed_answeredWithLateness', () => {
    expect(
      deadlineView({ status: 'CONCLUSION_SUBMITTED', dueAt: at(-5), slaState: 'BREACHED' }, now),
    ).toEqual({ kind: 'answered', late: true });
    expect(deadlineView({ status: 'CLOSED', dueAt: null, slaState: 'ON_TIME' }, now)).toEqual({
      kind: 'answered',
      late: false,
    });
  });

  it('deadlineView_draftCancelledOrPaused_noCountdown', () => {
    expect(deadlineView({ status: 'DRAFT', dueAt: null, slaState: 'ON_TIME' }, now)).toEqual({
      kind: 'none',
    });
    expect(deadlineView({ status: 'CANCELLED', dueAt: at(10), slaState: 'ON_TIME' }, now)).toEqual({
      kind: 'none',
    });
    expect(
      deadlineView({ status: 'AWAITING_DATA', dueAt: at(10), slaState: 'ON_TIME', pausedAt: at(-1) }, now),
    ).toEqual({ kind: 'paused' });
  });
});
