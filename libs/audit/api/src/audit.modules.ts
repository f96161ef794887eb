import { Module } from '@nestjs/common';
import { AuditQueries, ListEventLogHandler } from '@tmk/audit-application';
import { AuditController } from './audit.controller';
import { auditAdapters } from '@tmk/audit-infrastructure';
import { EventLogController } from './event-log.controller';
import { EventLogConsumer } from './event-log.consumer';
import { AuditRecordConsumer } from './audit-record.consumer';
import { AuditMaintenance, auditAnchorProvider } from './audit-maintenance';

/** Audit as the api process hosts it: queries over the log. */
@Module({
  controllers: [EventLogController, AuditController],
  providers: [ListEventLogHandler, AuditQueries, auditAnchorProvider, ...auditAdapters],
})
export class AuditApiModule {}

/** Audit as the worker hosts it: the consumers that write the log. */
@Module({
  providers: [EventLogConsumer, AuditRecordConsumer, AuditMaintenance, auditAnchorProvider, ...auditAdapters],
})
export class AuditWorkerModule {}
