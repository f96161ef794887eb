import { formatSnils, normalizeSnils } from '@tmk/shared-kernel';

/** BCP 47 tags for the interface languages (dates, numbers). */
const LOCALE_TAGS: Readonly<Record<string, string>> = { ru: 'ru-RU', uk: 'uk-UA', en: 'en-GB' };

export function localeTag(locale: string): string {
  return LOCALE_TAGS[locale] ?? 'ru-RU';
}

/** `1980-03-15` → `15.03.1980` (ru) — a calendar date, never shifted by the viewer's time zone. */
export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** 11 digits → `112-233-445 95`; anything else as given. */
export function displaySnils(value: string | null | undefined): string {
  if (!value) return '';
  return normalizeSnils(value) ? formatSnils(value) : value;
}

/** `+79130000001` → `+7 913 000-00-01`; other numbers as given. */
export function displayPhone(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : value;
}

/** `5400000000000013` → `5400 0000 0000 0013`. */
export function displayOms(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{16}$/.test(value) ? value.replace(/(\d{4})(?=\d)/g, '$1 ') : value;
}

/** The browser's own IANA time zone (used when the account has none). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * An instant shown in a time zone: `2026-11-22T03:04:05Z` → `22.11.2026, 10:04:05` (ru, Asia/Novosibirsk).
 * `seconds: false` drops the seconds. An unknown zone falls back to the browser's.
 */
export function formatDateTime(
  iso: string | null | undefined,
  locale: string,
  timeZone?: string | null,
  options: { seconds?: boolean } = {},
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = (zone: string | undefined): string =>
    new Intl.DateTimeFormat(localeTag(locale), {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(options.seconds === false ? {} : { second: '2-digit' }),
      hourCycle: 'h23',
      timeZone: zone,
    }).format(date);
  try {
    return format(timeZone ?? undefined);
  } catch {
    return format(undefined);
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a calendar day (`2026-11-22`) starts in a time zone, as an ISO string; `addDays` moves the day
 * first (1 → the start of the next day, an exclusive end of a period). Null for a malformed date.
 */
export function zonedDayStart(isoDate: string, timeZone: string, addDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  if (Number.isNaN(wall)) return null;
  // The offset at the guessed instant, then once more at the corrected one (the day a clock change happens).
  let instant = wall - zoneOffsetMs(new Date(wall), timeZone);
  instant = wall - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}

/** A long identifier shortened for a table cell: `0193a1b2-…-9f3c` → `0193a1b2…9f3c`. */
export function shortId(value: string | null | undefined, head = 8, tail = 4): string {
  if (!value) return '';
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}
