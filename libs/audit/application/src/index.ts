export * from './queries/list-event-log/list-event-log.query';
export * from './queries/list-event-log/list-event-log.handler';
export * from './records/event-mapper';
export * from './records/audit-queries';
export { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@tmk/audit-domain';
