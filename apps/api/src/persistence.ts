import type { PersistenceParts } from '@tmk/shared-infrastructure';
import { consultationsPersistence } from '@tmk/consultations-api';
import { auditPersistence } from '@tmk/audit-api';
import { identityPersistence } from '@tmk/identity-api';
import { signingPersistence } from '@tmk/signing-api';

/** Entities and migrations of every context; the migration command and both processes use this list. */
export const persistence: PersistenceParts = {
  entities: [
    ...identityPersistence.entities,
    ...consultationsPersistence.entities,
    ...auditPersistence.entities,
  ],
  migrations: [
    ...identityPersistence.migrations,
    ...consultationsPersistence.migrations,
    ...auditPersistence.migrations,
    ...signingPersistence.migrations,
  ],
};
