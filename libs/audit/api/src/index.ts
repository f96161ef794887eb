export * from './audit.modules';
export { auditPersistence } from '@tmk/audit-infrastructure';
