import { describe, expect, it } from '@jest/globals';
import { formatDateTime, shortId, zonedDayStart, zoneOffsetMs } from './format';

describe('time zones', () => {
  it('shows an instant in the given zone', () => {
    expect(formatDateTime('2026-11-22T03:04:05Z', 'ru', 'Asia/Novosibirsk')).toBe('22.11.2026, 10:04:05');
    expect(formatDateTime('2026-11-22T03:04:05Z', 'ru', 'Europe/Moscow', { seconds: false })).toBe(
      '22.11.2026, 06:04',
    );
    expect(formatDateTime(null, 'ru', 'UTC')).toBe('');
  });

  it('falls back to the browser zone for an unknown one', () => {
    expect(formatDateTime('2026-11-22T03:04:05Z', 'ru', 'Not/AZone')).toMatch(/^22\.11\.2026/);
  });

  it('knows the offset of a zone', () => {
    expect(zoneOffsetMs(new Date('2026-01-01T00:00:00Z'), 'Asia/Novosibirsk')).toBe(7 * 3600_000);
    expect(zoneOffsetMs(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(2 * 3600_000);
  });

  it('finds the instant a local day starts, and the next day for an exclusive end', () => {
    expect(zonedDayStart('2026-11-22', 'Asia/Novosibirsk')).toBe('2026-11-21T17:00:00.000Z');
    expect(zonedDayStart('2026-11-22', 'Asia/Novosibirsk', 1)).toBe('2026-11-22T17:00:00.000Z');
    expect(zonedDayStart('2026-03-29', 'Europe/Berlin', 1)).toBe('2026-03-29T22:00:00.000Z');
    expect(zonedDayStart('22.11.2026', 'UTC')).toBeNull();
  });
});

describe('shortId', () => {
  it('keeps the head and the tail of a long id', () => {
    expect(shortId('0193a1b2-7c4d-7e5f-8a9b-0c1d2e3f9f3c')).toBe('0193a1b2…9f3c');
    expect(shortId('short')).toBe('short');
    expect(shortId(null)).toBe('');
  });
});
