export * from './signing-api.module';
export { signingPersistence } from '@tmk/signing-infrastructure';
