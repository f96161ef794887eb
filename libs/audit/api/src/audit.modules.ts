import { Module } from '@nestjs/common';
import { ListEventLogHandler } from '@tmk/audit-application';
import { auditAdapters } from '@tmk/audit-infrastructure';
import { EventLogController } from './event-log.controller';
import { EventLogConsumer } from './event-log.consumer';

/** Audit as the api process hosts it: queries over the log. */
@Module({ controllers: [EventLogController], providers: [ListEventLogHandler, ...auditAdapters] })
export class AuditApiModule {}

/** Audit as the worker hosts it: the consumers that write the log. */
@Module({ providers: [EventLogConsumer, ...auditAdapters] })
export class AuditWorkerModule {}
