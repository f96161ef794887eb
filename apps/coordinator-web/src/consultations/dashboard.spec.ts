import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  axisLabel,
  calendarDay,
  dayTotals,
  daysBetween,
  fillDays,
  onTimePercent,
} from './dashboard';

describe('dashboard helpers', () => {
  it('gives the share answered on time in whole percent, none without answers', () => {
    expect(onTimePercent({ answered: 3, onTime: 2 })).toBe(67);
    expect(onTimePercent({ answered: 0, onTime: 0 })).toBeNull();
    expect(onTimePercent({ answered: 2, onTime: 5 })).toBe(100);
  });

  it('lists the days of a period', () => {
    expect(daysBetween('2026-11-29', '2026-12-01')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(daysBetween('bad', '2026-12-01')).toEqual([]);
  });

  it('fills the days the api left out with zeros', () => {
    const row = { day: '2026-11-30', received: 4, answered: 2, onTime: 1 };
    const days = fillDays(['2026-11-29', '2026-11-30', '2026-12-01'], [row]);
    expect(days.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(days[1]).toBe(row);
    expect(days[0]).toEqual({ day: '2026-11-29', received: 0, answered: 0, onTime: 0 });
    expect(dayTotals(days)).toEqual({ received: 4, answered: 2, onTime: 1 });
  });

  it('shortens axis labels', () => {
    expect(axisLabel('ГНОКБ')).toBe('ГНОКБ');
    expect(axisLabel('Анестезиология-реаниматология', 10)).toBe('Анестезио…');
  });
});

describe('calendar days', () => {
  it('takes the day in the given time zone', () => {
    const instant = new Date('2026-11-30T20:00:00Z');
    expect(calendarDay(instant, 'Asia/Novosibirsk')).toBe('2026-12-01');
    expect(calendarDay(instant, 'Europe/Moscow')).toBe('2026-11-30');
  });

  it('moves a day across months and years', () => {
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
