import { describe, expect, it } from '@jest/globals';
import { emptyJournalForm, journalExportUrl, journalQuery, pageRange, type DayStart } from './journal';

/** Days starting at 07:00 UTC (a zone 7 hours ahead, like Asia/Novosibirsk), for the test. */
const plus7: DayStart = (day, addDays) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays) - 7 * 3600_000,
  ).toISOString();
};

describe('journalQuery', () => {
  it('sends only what is set, the period as instants of the viewer’s days', () => {
    const form = { ...emptyJournalForm(), from: '2026-12-01', to: '2026-12-01', urgency: 'URGENT' as const };
    expect(journalQuery(form, plus7)).toEqual({
      from: '2026-11-30T17:00:00.000Z',
      to: '2026-12-01T17:00:00.000Z',
      urgency: 'URGENT',
    });
    expect(journalQuery(emptyJournalForm(), plus7)).toEqual({});
  });

  it('refuses a reversed or malformed period', () => {
    expect(journalQuery({ ...emptyJournalForm(), from: '2026-12-02', to: '2026-12-01' }, plus7)).toBeNull();
    expect(journalQuery({ ...emptyJournalForm(), from: '01.12.2026' }, plus7)).toBeNull();
  });
});

describe('journalExportUrl', () => {
  it('carries the format and the filters', () => {
    expect(journalExportUrl('csv', { status: 'CLOSED', deadline: 'MISSED' })).toBe(
      '/api/v1/consultations/journal/export?format=csv&status=CLOSED&deadline=MISSED',
    );
  });
});

describe('pageRange', () => {
  it('numbers the records of a page from one', () => {
    expect(pageRange(20, 20, 57)).toEqual({ from: 21, to: 40 });
    expect(pageRange(40, 17, 57)).toEqual({ from: 41, to: 57 });
    expect(pageRange(0, 0, 0)).toEqual({ from: 0, to: 0 });
  });
});
