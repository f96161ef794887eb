import type { Provider } from '@nestjs/common';
import { AUDIT_READER, EVENT_LOG_READER } from '@tmk/audit-application';
import { AuditInit1763780002000 } from './migrations/1763780002000-audit-init';
import { EventLogStore } from './persistence/event-log.store';
import { AuditRecordStore, SqlAuditReader } from './persistence/audit-record.store';
import { AuditRecord1763780005000 } from './migrations/1763780005000-audit-record';

export * from './persistence/event-log.store';
export * from './persistence/audit-record.store';
export * from './persistence/audit-anchor.service';

export const auditPersistence = {
  entities: [],
  migrations: [AuditInit1763780002000, AuditRecord1763780005000],
};

export const auditAdapters: Provider[] = [
  EventLogStore,
  AuditRecordStore,
  SqlAuditReader,
  { provide: AUDIT_READER, useExisting: SqlAuditReader },
  { provide: EVENT_LOG_READER, useExisting: EventLogStore },
];
