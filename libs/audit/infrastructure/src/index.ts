import type { Provider } from '@nestjs/common';
import { EVENT_LOG_READER } from '@tmk/audit-application';
import { AuditInit1763780002000 } from './migrations/1763780002000-audit-init';
import { EventLogStore } from './persistence/event-log.store';

export * from './persistence/event-log.store';

export const auditPersistence = {
  entities: [],
  migrations: [AuditInit1763780002000],
};

export const auditAdapters: Provider[] = [
  EventLogStore,
  { provide: EVENT_LOG_READER, useExisting: EventLogStore },
];
