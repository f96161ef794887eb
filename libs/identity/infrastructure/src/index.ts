import type { Provider } from '@nestjs/common';
import {
  INTEGRATOR_STORE,
  ORGANISATION_STORE,
  PASSWORD_HASHER,
  PATIENT_STORE,
  SECURITY_EVENTS,
  SESSION_STORE,
  STAFF_STORE,
  THROTTLE_STORE,
} from '@tmk/identity-application';
import { IdentityInit1763780003000 } from './migrations/1763780003000-identity-init';
import { SqlOrganisationStore } from './persistence/organisation.store';
import { SqlStaffStore } from './persistence/staff.store';
import { SqlPatientStore } from './persistence/patient.store';
import { SqlSessionStore } from './persistence/session.store';
import { SqlThrottleStore } from './persistence/throttle.store';
import { SqlIntegratorStore } from './persistence/integrator.store';
import { OutboxSecurityEvents } from './security/security-events';
import { Argon2PasswordHasher } from './security/argon2-hasher';

export * from './seed/demo-seed';
export * from './seed/dictionaries';
export { Argon2PasswordHasher } from './security/argon2-hasher';
export * from './oidc';

/** Identity keeps no TypeORM entities: its adapters speak SQL through the shared DataSource. */
export const identityPersistence = {
  entities: [] as never[],
  migrations: [IdentityInit1763780003000],
};

export const identityAdapters: Provider[] = [
  { provide: ORGANISATION_STORE, useClass: SqlOrganisationStore },
  { provide: STAFF_STORE, useClass: SqlStaffStore },
  { provide: PATIENT_STORE, useClass: SqlPatientStore },
  { provide: SESSION_STORE, useClass: SqlSessionStore },
  { provide: THROTTLE_STORE, useClass: SqlThrottleStore },
  { provide: INTEGRATOR_STORE, useClass: SqlIntegratorStore },
  { provide: SECURITY_EVENTS, useClass: OutboxSecurityEvents },
  { provide: PASSWORD_HASHER, useClass: Argon2PasswordHasher },
];
