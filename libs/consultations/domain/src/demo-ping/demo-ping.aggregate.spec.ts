import { DomainError, FixedClock } from '@tmk/shared-kernel';
import { DemoPing, DemoPingRecorded } from './demo-ping.aggregate';

describe('DemoPing', () => {
  const clock = new FixedClock(new Date('2026-11-22T10:00:00Z'));

  it('record_whenMessageValid_recordsOneDomainEventWithTrimmedText', () => {
    const ping = DemoPing.record('p1', '  hello  ', clock);
    const events = ping.pullEvents();
    expect(events).toEqual([new DemoPingRecorded('p1', 'hello', new Date('2026-11-22T10:00:00Z'))]);
    expect(ping.pullEvents()).toEqual([]);
  });

  it.each(['', '   ', 'x'.repeat(501)])('record_whenMessageIs%p_throwsValidationError', (message) => {
    expect(() => DemoPing.record('p1', message, clock)).toThrow(DomainError);
    try {
      DemoPing.record('p1', message, clock);
    } catch (e) {
      expect((e as DomainError).code).toBe('CONSULTATIONS.DEMO_PING_INVALID');
      expect((e as DomainError).fieldErrors[0]?.field).toBe('message');
    }
  });
});
