import type { PersistenceParts } from '@tmk/shared-infrastructure';
import { consultationsPersistence } from '@tmk/consultations-api';
import { auditPersistence } from '@tmk/audit-api';

/** Entities and migrations of every context; the migration command and both processes use this list. */
export const persistence: PersistenceParts = {
  entities: [...consultationsPersistence.entities, ...auditPersistence.entities],
  migrations: [...consultationsPersistence.migrations, ...auditPersistence.migrations],
};
