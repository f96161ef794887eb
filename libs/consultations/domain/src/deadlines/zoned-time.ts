/**
 * Local wall-clock time in an IANA time zone without a library: Intl gives the zone's offset at an instant,
 * and a local time converts back by iterating on the offset (correct across DST changes, which Russia no
 * longer has but other users may).
 */
export interface LocalDateTime {
  readonly date: string; // YYYY-MM-DD
  readonly minutes: number; // minutes since local midnight, with fractional milliseconds folded in
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of the zone from UTC at `instant`, in milliseconds (Asia/Novosibirsk: +7 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return asUtc - wholeSeconds;
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  const date = local.toISOString().slice(0, 10);
  const minutes = (local.getTime() - Date.parse(`${date}T00:00:00Z`)) / 60_000;
  return { date, minutes };
}

export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const naive = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  let guess = naive - zoneOffsetMs(new Date(naive), timeZone);
  // A second pass settles instants near an offset change.
  guess = naive - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
