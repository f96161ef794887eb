export * from './consultations-api.module';
export { consultationsPersistence } from '@tmk/consultations-infrastructure';
export * from './consultations-worker.module';
