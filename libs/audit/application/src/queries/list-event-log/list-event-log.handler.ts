import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  EVENT_LOG_READER,
  ListEventLogQuery,
  type EventLogEntry,
  type EventLogReader,
} from './list-event-log.query';

@QueryHandler(ListEventLogQuery)
export class ListEventLogHandler implements IQueryHandler<ListEventLogQuery> {
  constructor(@Inject(EVENT_LOG_READER) private readonly reader: EventLogReader) {}

  execute(query: ListEventLogQuery): Promise<EventLogEntry[]> {
    return this.reader.list(query.filter);
  }
}
