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
