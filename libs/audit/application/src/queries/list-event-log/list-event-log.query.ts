import { Query } from '@nestjs/cqrs';

export interface EventLogEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly eventVersion: number;
  readonly aggregateId: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly correlationId: string | null;
  readonly payload: Record<string, unknown>;
}

export interface EventLogFilter {
  readonly aggregateId?: string;
  readonly eventType?: string;
  readonly limit: number;
}

export class ListEventLogQuery extends Query<EventLogEntry[]> {
  constructor(readonly filter: EventLogFilter) {
    super();
  }
}

/** Port: read side of the event log. */
export interface EventLogReader {
  list(filter: EventLogFilter): Promise<EventLogEntry[]>;
}
export const EVENT_LOG_READER = Symbol('EventLogReader');
