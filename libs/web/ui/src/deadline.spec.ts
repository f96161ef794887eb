import { describe, expect, it } from '@jest/globals';
import { deadlineOutcome, deadlineView, durationParts, formatDuration, type DurationUnits } from './deadline';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const open = {
  status: 'NEW' as const,
  dueAt: '2026-12-01T12:30:00Z',
  warnAt: '2026-12-01T11:00:00Z',
  slaState: 'ON_TIME' as const,
};

describe('deadlineView', () => {
  it('counts down to dueAt in a neutral tone before the warning time', () => {
    expect(deadlineView(open, NOW)).toEqual({ kind: 'left', ms: 2.5 * 3600_000, tone: 'neutral' });
  });

  it('turns amber at warnAt even before the server marks the request', () => {
    expect(deadlineView(open, Date.parse('2026-12-01T11:00:00Z'))).toMatchObject({ tone: 'warning' });
    expect(deadlineView({ ...open, slaState: 'WARNING' }, NOW)).toMatchObject({ tone: 'warning' });
  });

  it('turns red when breached or past due', () => {
    expect(deadlineView({ ...open, slaState: 'BREACHED' }, NOW)).toMatchObject({
      kind: 'left',
      tone: 'danger',
    });
    expect(deadlineView(open, Date.parse('2026-12-01T12:40:00Z'))).toEqual({
      kind: 'overdue',
      ms: 10 * 60_000,
      tone: 'danger',
    });
  });

  it('is paused while waiting for data, answered once the conclusion is in, none without a deadline', () => {
    expect(deadlineView({ ...open, status: 'AWAITING_DATA', pausedAt: '2026-12-01T09:00:00Z' }, NOW)).toEqual(
      {
        kind: 'paused',
      },
    );
    expect(deadlineView({ ...open, status: 'CLOSED', slaState: 'BREACHED' }, NOW)).toEqual({
      kind: 'answered',
      late: true,
    });
    expect(deadlineView({ ...open, dueAt: null }, NOW)).toEqual({ kind: 'none' });
    expect(deadlineView({ ...open, status: 'REJECTED' }, NOW)).toEqual({ kind: 'none' });
  });
});

describe('formatDuration', () => {
  const units: DurationUnits = {
    days: (n) => `${n} дн.`,
    hours: (n) => `${n} ч`,
    minutes: (n) => `${n} мин`,
    lessThanMinute: 'меньше минуты',
  };

  it('shows the two largest units', () => {
    expect(formatDuration((2 * 24 + 3) * 3600_000 + 5 * 60_000, units)).toBe('2 дн. 3 ч');
    expect(formatDuration(3 * 3600_000 + 20 * 60_000, units)).toBe('3 ч 20 мин');
    expect(formatDuration(5 * 3600_000, units)).toBe('5 ч');
    expect(formatDuration(40 * 60_000 + 59_000, units)).toBe('40 мин');
    expect(formatDuration(30_000, units)).toBe('меньше минуты');
  });

  it('splits negative durations the same way', () => {
    expect(durationParts(-(25 * 3600_000))).toEqual({ days: 1, hours: 1, minutes: 0 });
  });
});

describe('deadlineOutcome', () => {
  const row = { ...open, answeredAt: null as string | null };

  it('tells answered in time from answered late', () => {
    expect(deadlineOutcome({ ...row, status: 'CLOSED', answeredAt: '2026-12-01T12:00:00Z' }, NOW)).toBe(
      'met',
    );
    expect(deadlineOutcome({ ...row, status: 'CLOSED', answeredAt: '2026-12-01T13:00:00Z' }, NOW)).toBe(
      'missed',
    );
  });

  it('tells open overdue from open in time, and knows when there is no deadline', () => {
    expect(deadlineOutcome(row, NOW)).toBe('pending');
    expect(deadlineOutcome(row, Date.parse('2026-12-01T13:00:00Z'))).toBe('overdue');
    expect(deadlineOutcome({ ...row, dueAt: null }, NOW)).toBe('none');
    expect(deadlineOutcome({ ...row, status: 'CANCELLED' }, NOW)).toBe('none');
  });
});
