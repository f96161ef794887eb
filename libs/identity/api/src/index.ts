export * from './identity-api.module';
export { AuthSessions, IdentityLookup } from './auth/identity-authenticator';
export {
  identityPersistence,
  seedDemo,
  seedDictionaries,
  DEMO,
  DEMO_PASSWORD,
} from '@tmk/identity-infrastructure';
