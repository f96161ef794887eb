import { AggregateRoot, DomainError, type Clock, type DomainEvent } from '@tmk/shared-kernel';

export class DemoPingRecorded implements DomainEvent {
  readonly name = 'DemoPingRecorded';
  constructor(
    readonly aggregateId: string,
    readonly message: string,
    readonly occurredAt: Date,
  ) {}
}

export const DEMO_PING_MAX_LENGTH = 500;

/**
 * A minimal aggregate for the foundation's end-to-end slice: it exists so one command, one domain event and
 * one integration event travel through every layer before real consultation requests do.
 */
export class DemoPing extends AggregateRoot<DemoPingRecorded> {
  private constructor(
    readonly id: string,
    readonly message: string,
    readonly recordedAt: Date,
  ) {
    super();
  }

  static record(id: string, message: string, clock: Clock): DemoPing {
    const text = message.trim();
    if (text.length === 0 || text.length > DEMO_PING_MAX_LENGTH) {
      throw DomainError.validation(
        'CONSULTATIONS.DEMO_PING_INVALID',
        'The message must have 1 to 500 characters',
        [{ field: 'message', code: 'length', message: `1 to ${DEMO_PING_MAX_LENGTH} characters` }],
      );
    }
    const ping = new DemoPing(id, text, clock.now());
    ping.record(new DemoPingRecorded(id, text, ping.recordedAt));
    return ping;
  }

  static restore(id: string, message: string, recordedAt: Date): DemoPing {
    return new DemoPing(id, message, recordedAt);
  }
}
