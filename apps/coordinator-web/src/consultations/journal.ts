import type { DeadlineFilter, RequestStatus, Urgency } from './types';

/** The journal's filter form: dates as `YYYY-MM-DD` in the viewer's time zone, '' for "any". */
export interface JournalForm {
  from: string;
  to: string;
  organisationId: string;
  profileCode: string;
  urgency: Urgency | '';
  status: RequestStatus | '';
  deadline: DeadlineFilter | '';
}

/** What the api takes (`/consultations/journal`, its export and the dashboard): instants, no empty values. */
export interface JournalQuery {
  from?: string;
  to?: string;
  organisationId?: string;
  profileCode?: string;
  urgency?: Urgency;
  status?: RequestStatus;
  deadline?: DeadlineFilter;
}

export function emptyJournalForm(): JournalForm {
  return { from: '', to: '', organisationId: '', profileCode: '', urgency: '', status: '', deadline: '' };
}

/** The instant a calendar day starts (moved by `addDays` first) in the viewer's zone; null if malformed. */
export type DayStart = (day: string, addDays: number) => string | null;

/**
 * The api query of a form: the period from the start of `from` to the end of `to` (the exclusive start of the
 * next day), `dayStart` placing days in the viewer's time zone (`zonedDayStart`). Null when a date is malformed
 * or the period is reversed.
 */
export function journalQuery(form: JournalForm, dayStart: DayStart): JournalQuery | null {
  const from = form.from ? dayStart(form.from, 0) : undefined;
  const to = form.to ? dayStart(form.to, 1) : undefined;
  if (from === null || to === null) return null;
  if (from && to && from >= to) return null;
  const query: JournalQuery = {
    from,
    to,
    organisationId: form.organisationId || undefined,
    profileCode: form.profileCode || undefined,
    urgency: form.urgency || undefined,
    status: form.status || undefined,
    deadline: form.deadline || undefined,
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as JournalQuery;
}

/** The address of the journal file (a plain download: the session cookie goes along). */
export function journalExportUrl(format: 'xlsx' | 'csv', query: JournalQuery): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  return `/api/v1/consultations/journal/export?${params.toString()}`;
}

/** Which records a page shows: «21–40 of 57». */
export function pageRange(offset: number, count: number, total: number): { from: number; to: number } {
  if (count === 0) return { from: 0, to: 0 };
  return { from: offset + 1, to: Math.min(total, offset + count) };
}
