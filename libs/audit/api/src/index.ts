export * from './audit.modules';
export { auditPersistence, AuditRecordStore } from '@tmk/audit-infrastructure';
