/**
 * A production calendar (производственный календарь): which dates are working days. Weekends are Saturday
 * and Sunday unless listed as transferred working days; holidays and transferred days off are listed.
 * Dates are local calendar dates 'YYYY-MM-DD' (the consulting organisation's time zone decides the date).
 */
export interface CalendarData {
  /** Identifies the calendar and its revision, e.g. 'RU-2025-2027/1'. Stored with every computed deadline. */
  readonly id: string;
  /** Non-working days on weekdays: public holidays and days off transferred onto weekdays. */
  readonly daysOff: readonly string[];
  /** Saturdays or Sundays that are working days (a transferred working day). */
  readonly workingWeekendDays: readonly string[];
  /** The first and last year the data covers; outside it only weekends count. */
  readonly fromYear: number;
  readonly toYear: number;
}

export class ProductionCalendar {
  private readonly daysOff: ReadonlySet<string>;
  private readonly workingWeekend: ReadonlySet<string>;

  constructor(readonly data: CalendarData) {
    this.daysOff = new Set(data.daysOff);
    this.workingWeekend = new Set(data.workingWeekendDays);
  }

  get id(): string {
    return this.data.id;
  }

  covers(date: string): boolean {
    const year = Number(date.slice(0, 4));
    return year >= this.data.fromYear && year <= this.data.toYear;
  }

  isWorkingDay(date: string): boolean {
    if (this.workingWeekend.has(date)) return true;
    if (this.daysOff.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Russia 2025–2027, five-day week (Labour Code art. 112 and the government's transfer decrees):
 * - 2025: decree of 04.10.2024 No. 1335 — 4 Jan → 2 May, 5 Jan → 31 Dec, 23 Feb → 8 May, 8 Mar → 13 Jun,
 *   1 Nov (Sat, working) → 3 Nov.
 * - 2026: decree of 24.09.2025 No. 1466 — 3 Jan → 9 Jan, 4 Jan → 31 Dec; 8 Mar (Sun) → 9 Mar and 9 May (Sat)
 *   → 11 May by art. 112; no working Saturdays.
 * - 2027: PRELIMINARY — art. 112 transfers (1 May → 3 May, 9 May → 10 May, 12 Jun → 14 Jun) and the Ministry of
 *   Labour draft (5 Nov off, Saturday 13 Nov working); the January transfers are not decreed yet. Regional
 *   administrators correct it when the decree is published (the calendar is data, versioned by `id`).
 */
const jan = (year: number) => Array.from({ length: 8 }, (_, i) => `${year}-01-0${i + 1}`);
const weekdaysOnly = (dates: string[]) =>
  dates.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

export const RUSSIA_2025_2027: CalendarData = {
  id: 'RU-2025-2027/1',
  fromYear: 2025,
  toYear: 2027,
  daysOff: [
    ...weekdaysOnly(jan(2025)),
    '2025-05-01',
    '2025-05-02',
    '2025-05-08',
    '2025-05-09',
    '2025-06-12',
    '2025-06-13',
    '2025-11-03',
    '2025-11-04',
    '2025-12-31',
    ...weekdaysOnly(jan(2026)),
    '2026-01-09',
    '2026-02-23',
    '2026-03-09',
    '2026-05-01',
    '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
    ...weekdaysOnly(jan(2027)),
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
    '2027-11-05',
  ],
  workingWeekendDays: ['2025-11-01', '2027-11-13'],
};

/** An administrator's correction of one date (a decree published later, a regional holiday). */
export interface CalendarOverride {
  readonly date: string;
  readonly working: boolean;
}

/**
 * The shipped calendar with administrators' corrections applied (nationwide first, then the region's):
 * an override makes its date a working day or a day off whatever the shipped data says. The id carries a
 * digest of the overrides so a deadline records exactly which calendar it was computed on.
 */
export function withOverrides(
  base: CalendarData,
  overrides: readonly CalendarOverride[],
  revision: string,
): CalendarData {
  if (overrides.length === 0) return base;
  const off = new Set(base.daysOff);
  const working = new Set(base.workingWeekendDays);
  for (const o of overrides) {
    if (o.working) {
      off.delete(o.date);
      working.add(o.date);
    } else {
      working.delete(o.date);
      off.add(o.date);
    }
  }
  return {
    ...base,
    id: `${base.id}+${revision}`,
    daysOff: [...off].sort(),
    workingWeekendDays: [...working].sort(),
  };
}

/** Every non-working date of a year on the calendar (weekends included), for the calendar screen. */
export function daysOffOf(calendar: ProductionCalendar, year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    if (!calendar.isWorkingDay(d)) out.push(d);
  }
  return out;
}
