/**
 * Who is acting: the result of authentication, shared by every context (identity issues it, the others only
 * read it). Primitives only, so it can travel into events and logs.
 */
export const STAFF_ROLES = [
  'REQUESTING_DOCTOR',
  'CONSULTANT',
  'DISPATCHER',
  'REGIONAL_ADMIN',
  'SYSTEM_ADMIN',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export interface StaffActor {
  readonly kind: 'staff';
  readonly userId: string;
  readonly sessionId: string;
  /** The organisation the person acts for in this session, its region (null: federal level) and roles there. */
  readonly organisationId: string | null;
  readonly regionId: string | null;
  readonly roles: readonly StaffRole[];
}

export interface PatientActor {
  readonly kind: 'patient';
  readonly patientId: string;
  readonly sessionId: string;
  /** Cards this person may act for: their own and those they legally represent. */
  readonly actsForPatientIds: readonly string[];
}

export interface IntegratorActor {
  readonly kind: 'integrator';
  readonly clientId: string;
  readonly organisationId: string;
  readonly regionId: string | null;
  readonly scopes: readonly string[];
}

export type Actor = StaffActor | PatientActor | IntegratorActor;

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.userId;
    case 'patient':
      return actor.patientId;
    case 'integrator':
      return actor.clientId;
  }
}
