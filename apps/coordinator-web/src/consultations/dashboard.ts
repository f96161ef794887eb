import type { DayCount, KeyCount } from './types';

/** The share answered within the deadline, in whole percent; null when nothing was answered. */
export function onTimePercent(k: Pick<KeyCount, 'answered' | 'onTime'>): number | null {
  if (k.answered <= 0) return null;
  return Math.round((Math.min(k.onTime, k.answered) / k.answered) * 100);
}

/** Calendar days from `from` to `to` inclusive (`2026-11-30` … `2026-12-02`); empty when reversed or malformed. */
export function daysBetween(from: string, to: string, maxDays = 400): string[] {
  const parse = (s: string): number | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  };
  const a = parse(from);
  const b = parse(to);
  if (a === null || b === null || a > b) return [];
  const days: string[] = [];
  for (let t = a; t <= b && days.length < maxDays; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** One entry per day of the period (zeros where the api reported none), plus any day it reported outside. */
export function fillDays(days: readonly string[], byDay: readonly DayCount[]): DayCount[] {
  const known = new Map(byDay.map((d) => [d.day.slice(0, 10), d]));
  const all = [...new Set([...days, ...known.keys()])].sort();
  return all.map((day) => known.get(day) ?? { day, received: 0, answered: 0, onTime: 0 });
}

/** Totals of the period: received, answered, answered on time. */
export function dayTotals(byDay: readonly DayCount[]): {
  received: number;
  answered: number;
  onTime: number;
} {
  return byDay.reduce(
    (sum, d) => ({
      received: sum.received + d.received,
      answered: sum.answered + d.answered,
      onTime: sum.onTime + d.onTime,
    }),
    { received: 0, answered: 0, onTime: 0 },
  );
}

/** A long name cut for an axis label (the full name is in the chart's table). */
export function axisLabel(name: string, max = 12): string {
  const flat = name.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The calendar day (`2026-12-01`) an instant falls on in a time zone (the browser's on an unknown zone). */
export function calendarDay(instant: Date, timeZone: string): string {
  const format = (zone: string | undefined): string =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(instant);
  try {
    return format(timeZone);
  } catch {
    return format(undefined);
  }
}

/** A calendar day moved by `n` days (`2026-12-01`, -1 → `2026-11-30`). */
export function addDays(day: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/** The longest period the dashboard draws day by day (the api returns at most 92 days). */
export const MAX_DAYS = 92;
