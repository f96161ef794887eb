import { describe, expect, it } from '@jest/globals';
import { fillHours, hourStart, totals } from './security-hours';

describe('security hours', () => {
  const from = new Date('2026-11-22T08:30:00Z');
  const to = new Date('2026-11-22T11:30:00Z');
  const row = { hour: '2026-11-22T09:00:00.000Z', loginFailures: 3, lockouts: 1, denials: 2, logins: 5 };

  it('starts at the hour', () => {
    expect(hourStart(from).toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });

  it('fills the hours the api left out with zeros', () => {
    const hours = fillHours(from, to, [row]);
    expect(hours.map((h) => h.hour)).toEqual([
      '2026-11-22T08:00:00.000Z',
      '2026-11-22T09:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T11:00:00.000Z',
    ]);
    expect(hours[1]).toBe(row);
    expect(hours[0]?.logins).toBe(0);
  });

  it('adds up the period', () => {
    expect(totals([row, row])).toEqual({ loginFailures: 6, lockouts: 2, denials: 4, logins: 10 });
  });
});
