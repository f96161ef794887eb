import { defineIntegrationEvent, type Actor, type EventOf, type StaffRole } from '@tmk/shared-kernel';

/**
 * The identity context's published language: integration events (primitives only, versioned) and the
 * authorization contract every other context uses to ask "may actor X do Y on resource Z".
 */

export type { Actor, StaffRole } from '@tmk/shared-kernel';

// ── Integration events ─────────────────────────────────────────────────────────────────────────────────

export const UserRegisteredV1 = defineIntegrationEvent<{
  readonly userId: string;
  readonly login: string;
  readonly displayName: string;
  readonly byUserId: string | null;
}>()('identity.UserRegistered', 1);
export type UserRegisteredV1 = EventOf<typeof UserRegisteredV1>;

export const RoleGrantedV1 = defineIntegrationEvent<{
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly byUserId: string | null;
}>()('identity.RoleGranted', 1);
export type RoleGrantedV1 = EventOf<typeof RoleGrantedV1>;

export const RoleRevokedV1 = defineIntegrationEvent<{
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly byUserId: string | null;
}>()('identity.RoleRevoked', 1);
export type RoleRevokedV1 = EventOf<typeof RoleRevokedV1>;

/** A staff account changed state (deactivated, activated, password reset by an admin). */
export const UserAccountChangedV1 = defineIntegrationEvent<{
  readonly userId: string;
  readonly change: 'DEACTIVATED' | 'ACTIVATED' | 'PASSWORD_RESET' | 'PASSWORD_CHANGED' | 'PROFILE_UPDATED';
  readonly byUserId: string | null;
}>()('identity.UserAccountChanged', 1);
export type UserAccountChangedV1 = EventOf<typeof UserAccountChangedV1>;

export const OrganisationChangedV1 = defineIntegrationEvent<{
  readonly organisationId: string;
  readonly regionId: string | null;
  readonly change: 'CREATED' | 'UPDATED' | 'DEACTIVATED' | 'ACTIVATED';
  readonly changedFields: readonly string[];
  readonly byUserId: string | null;
}>()('identity.OrganisationChanged', 1);
export type OrganisationChangedV1 = EventOf<typeof OrganisationChangedV1>;

/** A patient card was created. Carries no health data and no identifiers beyond the card id and region. */
export const PatientRegisteredV1 = defineIntegrationEvent<{
  readonly patientId: string;
  readonly regionId: string;
  readonly byActorKind: string;
  readonly byActorId: string;
}>()('identity.PatientRegistered', 1);
export type PatientRegisteredV1 = EventOf<typeof PatientRegisteredV1>;

export const LoginSucceededV1 = defineIntegrationEvent<{
  readonly subjectKind: 'staff' | 'patient' | 'integrator';
  readonly subjectId: string;
  readonly method: 'password' | 'oidc' | 'client_credentials';
  readonly provider: string | null;
  readonly sessionId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}>()('identity.LoginSucceeded', 1);
export type LoginSucceededV1 = EventOf<typeof LoginSucceededV1>;

export const LoginFailedV1 = defineIntegrationEvent<{
  /** The login as typed (never the password); may name no existing account. */
  readonly login: string;
  readonly method: 'password' | 'oidc' | 'client_credentials';
  readonly reason: 'INVALID_CREDENTIALS' | 'LOCKED' | 'NO_ACCOUNT' | 'DEACTIVATED' | 'PROVIDER_ERROR';
  readonly lockedNow: boolean;
  readonly ip: string | null;
  readonly userAgent: string | null;
}>()('identity.LoginFailed', 1);
export type LoginFailedV1 = EventOf<typeof LoginFailedV1>;

export const LoggedOutV1 = defineIntegrationEvent<{
  readonly subjectKind: 'staff' | 'patient';
  readonly subjectId: string;
  readonly sessions: number;
  readonly everywhere: boolean;
}>()('identity.LoggedOut', 1);
export type LoggedOutV1 = EventOf<typeof LoggedOutV1>;

export const AccessDeniedV1 = defineIntegrationEvent<{
  readonly actorKind: string | null;
  readonly actorId: string | null;
  readonly organisationId: string | null;
  readonly method: string;
  readonly path: string;
  readonly reason: string;
  readonly ip: string | null;
}>()('identity.AccessDenied', 1);
export type AccessDeniedV1 = EventOf<typeof AccessDeniedV1>;

// ── Authorization contract ─────────────────────────────────────────────────────────────────────────────

/** What is being touched, described by the facts the policy needs (the caller loads them). */
export type ProtectedResource =
  | { readonly type: 'organisation'; readonly organisationId: string; readonly regionId: string | null }
  | {
      readonly type: 'staff-user';
      readonly userId: string;
      /** Organisations of the user's memberships, with their regions. */
      readonly organisations: readonly {
        readonly organisationId: string;
        readonly regionId: string | null;
      }[];
    }
  | {
      readonly type: 'patient';
      readonly patientId: string;
      readonly regionId: string;
      /** Staff assigned to a case of this patient (consultations tell identity; see ADR 0007). */
      readonly assignedStaffIds?: readonly string[];
    }
  | { readonly type: 'region'; readonly regionId: string | null };

export type ProtectedAction = 'read' | 'create' | 'update' | 'administer';

export interface AccessDecision {
  readonly allowed: boolean;
  /** Why, in English, for logs and the AccessDenied event. */
  readonly reason: string;
}

/** Implemented by identity; inject with `IDENTITY_AUTHORIZER`. Default deny: anything unlisted is refused. */
export interface IdentityAuthorizer {
  decide(actor: Actor, action: ProtectedAction, resource: ProtectedResource): AccessDecision;
  /** Like `decide`, but throws `403 ACCESS.DENIED` and records the denial. */
  require(actor: Actor, action: ProtectedAction, resource: ProtectedResource): Promise<void>;
}

export const IDENTITY_AUTHORIZER = 'identity:authorizer';

/** Roles that treat patients (may search and read patient cards in their scope). */
export const CLINICAL_ROLES: readonly StaffRole[] = ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'];
export const ADMIN_ROLES: readonly StaffRole[] = ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'];

// ── Directory contract ─────────────────────────────────────────────────────────────────────────────────

/** An organisation as other contexts see it (no contact or licence details). */
export interface DirectoryOrganisation {
  readonly id: string;
  readonly regionId: string | null;
  /** The region's code (e.g. '54'), null at the federal level. */
  readonly regionCode: string | null;
  readonly name: string;
  readonly shortName: string | null;
  readonly level: number;
  readonly isConsultationCentre: boolean;
  readonly isCoordinationCentre: boolean;
  readonly timeZone: string;
  readonly active: boolean;
}

export interface DirectoryStaff {
  readonly id: string;
  /** «Фамилия И. О.» */
  readonly displayName: string;
  readonly specialtyCode: string | null;
  readonly snils: string | null;
  readonly active: boolean;
  readonly memberships: readonly { readonly organisationId: string; readonly role: StaffRole }[];
}

export interface DirectoryPatient {
  readonly id: string;
  /** Full name as on the card. */
  readonly displayName: string;
  readonly birthDate: string;
  readonly regionId: string;
}

/**
 * Read-only lookups other contexts need about organisations, staff and patients (names, time zones, who is
 * a consultant where). Implemented by identity; inject with `IDENTITY_DIRECTORY`. Callers authorise their
 * own use; the directory answers facts, not permissions.
 */
export interface IdentityDirectory {
  organisation(id: string): Promise<DirectoryOrganisation | null>;
  /** Active consultation centres (ТКЦ) of a region, or of the federal level for `null`. */
  consultationCentres(regionId: string | null): Promise<DirectoryOrganisation[]>;
  staff(id: string): Promise<DirectoryStaff | null>;
  /** Active staff holding the CONSULTANT role in the organisation, optionally of one specialty. */
  consultants(organisationId: string, specialtyCode?: string | null): Promise<DirectoryStaff[]>;
  patient(id: string): Promise<DirectoryPatient | null>;
}

export const IDENTITY_DIRECTORY = 'identity:directory';
