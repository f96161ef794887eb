import fc from 'fast-check';
import {
  addDays,
  daysOffOf,
  ProductionCalendar,
  RUSSIA_2025_2027,
  withOverrides,
} from './production-calendar';
import {
  addWorkingDays,
  computeDeadline,
  DEFAULT_RULES,
  documentsDeadline,
  validateRules,
} from './deadline-rules';
import { fromLocal, toLocal } from './zoned-time';

const calendar = new ProductionCalendar(RUSSIA_2025_2027);
const zones = [
  'Europe/Moscow',
  'Asia/Novosibirsk',
  'Asia/Vladivostok',
  'Europe/Kaliningrad',
  'Asia/Kamchatka',
];
const instant = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2027-12-20T00:00:00Z'),
  noInvalidDate: true,
});

function workingDaysBetween(fromExclusive: string, toInclusive: string): number {
  let n = 0;
  for (let d = addDays(fromExclusive, 1); d <= toInclusive; d = addDays(d, 1))
    if (calendar.isWorkingDay(d)) n++;
  return n;
}

describe('production calendar (Russia 2025–2027)', () => {
  it('knows the decreed holidays, transfers and working Saturdays', () => {
    expect(calendar.isWorkingDay('2025-01-08')).toBe(false); // New Year holidays
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false); // transferred from Sat 4 Jan
    expect(calendar.isWorkingDay('2025-05-08')).toBe(false); // transferred from Sun 23 Feb
    expect(calendar.isWorkingDay('2025-06-13')).toBe(false); // transferred from Sat 8 Mar
    expect(calendar.isWorkingDay('2025-11-01')).toBe(true); // a working Saturday
    expect(calendar.isWorkingDay('2025-11-03')).toBe(false);
    expect(calendar.isWorkingDay('2025-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-09')).toBe(false); // from Sat 3 Jan 2026
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false); // 8 Mar was a Sunday
    expect(calendar.isWorkingDay('2026-05-11')).toBe(false); // 9 May was a Saturday
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // an ordinary Monday
    expect(calendar.isWorkingDay('2026-11-22')).toBe(false); // Sunday
  });

  it('has 247 working days in 2026 (the published norm)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(247);
  });
});

describe('zoned time', () => {
  it('round-trips local time in every zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (at, zone) => {
        const ms = Math.floor(at.getTime() / 1000) * 1000;
        expect(fromLocal(toLocal(new Date(ms), zone), zone).getTime()).toBe(ms);
      }),
    );
  });

  it('puts an instant on the right local date near midnight', () => {
    // 00:30 on Tuesday in Moscow is still 23:30 on Monday in Kaliningrad
    const at = new Date('2026-11-23T21:30:00Z');
    expect(toLocal(at, 'Europe/Moscow')).toEqual({ date: '2026-11-24', minutes: 30 });
    expect(toLocal(at, 'Europe/Kaliningrad')).toEqual({ date: '2026-11-23', minutes: 23 * 60 + 30 });
  });
});

describe('deadline calculator', () => {
  it('planned: 4 working days, same local time, skipping weekends and holidays', () => {
    const monday10 = fromLocal({ date: '2026-11-23', minutes: 600 }, 'Asia/Novosibirsk');
    const due = addWorkingDays(monday10, 4, 'Asia/Novosibirsk', calendar);
    expect(toLocal(due, 'Asia/Novosibirsk')).toEqual({ date: '2026-11-27', minutes: 600 }); // Friday 10:00
    const wednesday = fromLocal({ date: '2025-04-30', minutes: 900 }, 'Europe/Moscow');
    // 1–4 May and 8–11 May 2025 are off: Mon 5, Tue 6, Wed 7, Mon 12
    expect(toLocal(addWorkingDays(wednesday, 4, 'Europe/Moscow', calendar), 'Europe/Moscow')).toEqual({
      date: '2025-05-12',
      minutes: 900,
    });
    const saturday = fromLocal({ date: '2026-11-28', minutes: 720 }, 'Europe/Moscow');
    // received on a Saturday: the clock starts Monday 00:00, due at the end of Thursday
    expect(toLocal(addWorkingDays(saturday, 4, 'Europe/Moscow', calendar), 'Europe/Moscow')).toEqual({
      date: '2026-12-04',
      minutes: 0,
    });
  });

  it('property: a deadline is never before the start, and planned ones count exactly N working days', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), fc.integer({ min: 1, max: 10 }), (at, zone, n) => {
        const due = addWorkingDays(at, n, zone, calendar);
        expect(due.getTime()).toBeGreaterThan(at.getTime());
        const start = toLocal(at, zone);
        const end = toLocal(due, zone);
        if (calendar.isWorkingDay(start.date)) {
          expect(Math.abs(end.minutes - start.minutes)).toBeLessThan(1 / 60_000 + 1e-9);
          expect(calendar.isWorkingDay(end.date)).toBe(true);
          expect(workingDaysBetween(start.date, end.date)).toBe(n);
        } else {
          expect(end.minutes).toBe(0);
          // from the first working day (inclusive) to the due date (exclusive): n working days
          let first = start.date;
          while (!calendar.isWorkingDay(first)) first = addDays(first, 1);
          expect(workingDaysBetween(addDays(first, -1), addDays(end.date, -1))).toBe(n);
        }
      }),
    );
  });

  it('property: every form yields due > received and a warning at 80 % of the time', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...zones),
        fc.constantFrom('PLANNED', 'URGENT', 'EMERGENCY' as const),
        fc.constantFrom(null, '39', '8', '76'),
        (at, zone, urgency, profile) => {
          const d = computeDeadline({
            urgency,
            profileCode: profile,
            receivedAt: at,
            timeZone: zone,
            calendar,
            rules: DEFAULT_RULES,
          });
          expect(d.dueAt.getTime()).toBeGreaterThan(at.getTime());
          const share = (d.warnAt.getTime() - at.getTime()) / (d.dueAt.getTime() - at.getTime());
          expect(share).toBeGreaterThan(0.79);
          expect(share).toBeLessThanOrEqual(0.8);
        },
      ),
    );
  });

  it('urgent and emergency use calendar time by profile; emergency documents a working day after the oral answer', () => {
    const at = new Date('2026-12-31T10:00:00Z');
    const base = { receivedAt: at, timeZone: 'Europe/Moscow', calendar, rules: DEFAULT_RULES };
    expect(computeDeadline({ ...base, urgency: 'URGENT', profileCode: '39' }).dueAt).toEqual(
      new Date('2026-12-31T16:00:00Z'),
    );
    expect(computeDeadline({ ...base, urgency: 'URGENT', profileCode: '76' }).dueAt).toEqual(
      new Date('2027-01-01T10:00:00Z'),
    );
    const emergency = computeDeadline({ ...base, urgency: 'EMERGENCY', profileCode: '8' });
    expect(emergency).toMatchObject({ kind: 'ORAL_CONCLUSION', dueAt: new Date('2026-12-31T10:05:00Z') });
    // oral answer on 31 Dec 2026 (a day off) at 13:10 Moscow: documents due at 00:00 after the first working day
    const docs = documentsDeadline(
      new Date('2026-12-31T10:10:00Z'),
      'Europe/Moscow',
      calendar,
      DEFAULT_RULES,
    );
    expect(toLocal(docs, 'Europe/Moscow')).toEqual({ date: '2027-01-12', minutes: 0 });
  });

  it('rejects rule sets outside the regulated ranges', () => {
    expect(validateRules(DEFAULT_RULES)).toEqual([]);
    expect(validateRules({ ...DEFAULT_RULES, urgent: { defaultHours: 48, byProfile: {} } })).toContain(
      'urgent hours must be 3–24',
    );
    expect(
      validateRules({ ...DEFAULT_RULES, emergency: { ...DEFAULT_RULES.emergency, oralMinutes: 1 } }),
    ).toHaveLength(1);
  });
});

describe('calendar corrections by administrators', () => {
  it('an override turns a shipped day off into a working day and back, and names its revision', () => {
    const base = new ProductionCalendar(RUSSIA_2025_2027);
    expect(base.isWorkingDay('2027-01-04')).toBe(false);
    const corrected = new ProductionCalendar(
      withOverrides(
        RUSSIA_2025_2027,
        [
          { date: '2027-01-04', working: true },
          { date: '2027-03-09', working: false },
        ],
        'r1',
      ),
    );
    expect(corrected.isWorkingDay('2027-01-04')).toBe(true);
    expect(corrected.isWorkingDay('2027-03-09')).toBe(false);
    expect(corrected.id).toBe('RU-2025-2027/1+r1');
    expect(withOverrides(RUSSIA_2025_2027, [], 'r0')).toBe(RUSSIA_2025_2027);
  });

  it('lists the days off of a year: 2026 has 118 (weekends, holidays and transfers)', () => {
    const days = daysOffOf(new ProductionCalendar(RUSSIA_2025_2027), 2026);
    expect(days).toContain('2026-01-09');
    expect(days).toContain('2026-03-09');
    expect(days).not.toContain('2026-03-10');
    expect(days.length).toBe(118);
  });
});
