import type { SecurityHour } from '@tmk/web-api-client';

export const SECURITY_COUNTERS = ['loginFailures', 'lockouts', 'denials', 'logins'] as const;
export type SecurityCounter = (typeof SECURITY_COUNTERS)[number];

const HOUR = 3600_000;

/** The start of the hour `instant` falls in (UTC hours: the api groups by `date_trunc('hour', at)`). */
export function hourStart(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR) * HOUR);
}

/** The api leaves out hours without events: one row per hour from `from` to `to`, zeros where none. */
export function fillHours(from: Date, to: Date, rows: readonly SecurityHour[]): SecurityHour[] {
  const byHour = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
  const hours: SecurityHour[] = [];
  for (let t = hourStart(from).getTime(); t < to.getTime(); t += HOUR) {
    hours.push(
      byHour.get(t) ?? {
        hour: new Date(t).toISOString(),
        loginFailures: 0,
        lockouts: 0,
        denials: 0,
        logins: 0,
      },
    );
  }
  return hours;
}

export function totals(rows: readonly SecurityHour[]): Record<SecurityCounter, number> {
  const sum = { loginFailures: 0, lockouts: 0, denials: 0, logins: 0 };
  for (const r of rows) for (const k of SECURITY_COUNTERS) sum[k] += r[k];
  return sum;
}
