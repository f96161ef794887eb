import type { IntegrationEvent, StaffRole } from '@tmk/shared-kernel';
import type {
  OrganisationLevel,
  PatientData,
  RepresentativeRelation,
  ThrottleState,
} from '@tmk/identity-domain';

/** Ports of the identity context; the TypeORM/SQL adapters live in identity-infrastructure. */

export interface Region {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
}

export interface Organisation {
  readonly id: string;
  readonly regionId: string | null;
  readonly regionName: string | null;
  readonly name: string;
  readonly shortName: string | null;
  readonly level: OrganisationLevel;
  readonly isConsultationCentre: boolean;
  readonly isCoordinationCentre: boolean;
  readonly timeZone: string;
  readonly frmoOid: string | null;
  readonly active: boolean;
  readonly version: number;
}

export type OrganisationFields = Omit<Organisation, 'id' | 'regionName' | 'active' | 'version'>;

export interface Membership {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly regionId: string | null;
  readonly role: StaffRole;
  readonly organisationActive: boolean;
}

export interface StaffUser {
  readonly id: string;
  readonly login: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string | null;
  readonly snils: string | null;
  readonly specialtyCode: string | null;
  readonly positionCode: string | null;
  readonly timeZone: string;
  readonly mustChangePassword: boolean;
  readonly active: boolean;
  readonly memberships: readonly Membership[];
}

export interface NewStaffUser {
  readonly id: string;
  readonly login: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string | null;
  readonly snils: string | null;
  readonly specialtyCode: string | null;
  readonly positionCode: string | null;
  readonly timeZone: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly memberships: readonly { organisationId: string; role: StaffRole }[];
  readonly createdBy: string | null;
}

export interface DictionaryEntry {
  readonly code: string;
  readonly name: string;
  readonly oid: string;
  readonly version: string;
}

export interface OrganisationStore {
  listRegions(): Promise<Region[]>;
  findRegion(id: string): Promise<Region | null>;
  list(filter: { regionId?: string | null; q?: string; includeInactive: boolean }): Promise<Organisation[]>;
  find(id: string): Promise<Organisation | null>;
  findMany(ids: readonly string[]): Promise<Organisation[]>;
  insert(id: string, fields: OrganisationFields, events: IntegrationEvent[]): Promise<void>;
  /** Optimistic update; 'stale' when `expectedVersion` is not the current one. */
  update(
    id: string,
    expectedVersion: number,
    patch: Partial<OrganisationFields> & { active?: boolean },
    events: (org: Organisation) => IntegrationEvent[],
  ): Promise<Organisation | 'stale' | null>;
  dictionary(kind: 'specialty' | 'position'): Promise<DictionaryEntry[]>;
}

export interface StaffStore {
  list(filter: {
    regionId?: string | null;
    organisationId?: string;
    q?: string;
    includeInactive: boolean;
  }): Promise<StaffUser[]>;
  find(id: string): Promise<StaffUser | null>;
  findByLogin(login: string): Promise<(StaffUser & { passwordHash: string | null }) | null>;
  findIdBySnils(snils: string): Promise<string | null>;
  passwordHash(id: string): Promise<string | null>;
  /** Throws conflict `IDENTITY.LOGIN_TAKEN` / `IDENTITY.SNILS_TAKEN` on duplicates. */
  insert(user: NewStaffUser, events: IntegrationEvent[]): Promise<void>;
  /** False when the membership already existed (nothing written). */
  grant(
    userId: string,
    organisationId: string,
    role: StaffRole,
    by: string | null,
    events: IntegrationEvent[],
  ): Promise<boolean>;
  revoke(
    userId: string,
    organisationId: string,
    role: StaffRole,
    events: IntegrationEvent[],
  ): Promise<boolean>;
  setPassword(userId: string, hash: string, mustChange: boolean, events: IntegrationEvent[]): Promise<void>;
  setActive(userId: string, active: boolean, events: IntegrationEvent[]): Promise<void>;
  updateProfile(userId: string, patch: { timeZone: string }, events: IntegrationEvent[]): Promise<void>;
}

export interface PatientRecord extends PatientData {
  readonly id: string;
  readonly regionId: string;
  readonly version: number;
}

export interface PatientLink {
  readonly id: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string | null;
  readonly birthDate: string;
  readonly relation: RepresentativeRelation;
}

export interface PatientCard extends PatientRecord {
  readonly representatives: readonly PatientLink[];
  readonly represents: readonly PatientLink[];
}

export interface PatientMatch extends PatientRecord {
  readonly matchedAs: 'SELF' | 'REPRESENTED';
}

export type PatientSearch =
  { readonly snils: string } | { readonly phone: string } | { readonly oms: string };

export interface PatientStore {
  search(by: PatientSearch, limit: number): Promise<PatientMatch[]>;
  find(id: string): Promise<PatientCard | null>;
  findIdBySnils(snils: string): Promise<string | null>;
  /** Ids of the cards this person may act for: own, then represented. */
  actsFor(
    patientId: string,
  ): Promise<{ id: string; displayName: string; relation: 'SELF' | 'REPRESENTED' }[]>;
  /** Throws conflict `IDENTITY.SNILS_TAKEN` (with existingPatientId) on a duplicate SNILS. */
  insert(patient: PatientRecord, createdBy: string, events: IntegrationEvent[]): Promise<void>;
  addRepresentative(
    patientId: string,
    representativeId: string,
    relation: RepresentativeRelation,
  ): Promise<boolean>;
}

export interface SessionRecord {
  readonly id: string;
  readonly subjectKind: 'staff' | 'patient';
  readonly staffUserId: string | null;
  readonly patientId: string | null;
  readonly activeOrganisationId: string | null;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface SessionWithSubject {
  readonly session: SessionRecord;
  readonly staff: StaffUser | null;
  readonly actsFor: { id: string; displayName: string; relation: 'SELF' | 'REPRESENTED' }[] | null;
}

export interface SessionStore {
  insert(
    session: SessionRecord & {
      tokenHash: Buffer;
      method: string;
      ip: string | null;
      userAgent: string | null;
    },
    events: IntegrationEvent[],
  ): Promise<void>;
  findByTokenHash(tokenHash: Buffer): Promise<SessionRecord | null>;
  /**
   * The session with what authentication needs about its subject, in one round trip: the staff user with
   * memberships, or the cards the patient acts for. This runs on every request.
   */
  findWithSubject(tokenHash: Buffer): Promise<SessionWithSubject | null>;
  touch(id: string, at: Date): Promise<void>;
  setActiveOrganisation(id: string, organisationId: string): Promise<void>;
  revoke(id: string, at: Date, events: IntegrationEvent[]): Promise<void>;
  /** Revokes every open session of a subject except `exceptId`; returns how many. */
  revokeAll(
    subject: { staffUserId: string } | { patientId: string },
    at: Date,
    exceptId: string | null,
    events: IntegrationEvent[],
  ): Promise<number>;
}

export interface ThrottleStore {
  get(key: string): Promise<ThrottleState | null>;
  /** Applies `next` to the current state under a row lock; returns the stored state. */
  update(key: string, next: (current: ThrottleState | null) => ThrottleState): Promise<ThrottleState>;
  clear(key: string): Promise<void>;
}

export interface IntegrationClient {
  readonly id: string;
  readonly clientId: string;
  readonly secretHash: string;
  readonly organisationId: string;
  readonly regionId: string | null;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly active: boolean;
}

export interface IntegratorStore {
  findClient(clientId: string): Promise<IntegrationClient | null>;
  findById(id: string): Promise<IntegrationClient | null>;
  list(filter: { regionId?: string | null }): Promise<IntegrationClient[]>;
  /** Deactivation or secret rotation; also revokes every token of the client. */
  update(id: string, patch: { active?: boolean; secretHash?: string }): Promise<void>;
  insertClient(client: Omit<IntegrationClient, 'regionId'>): Promise<void>;
  insertToken(tokenHash: Buffer, clientId: string, scopes: readonly string[], expiresAt: Date): Promise<void>;
  findToken(
    tokenHash: Buffer,
  ): Promise<{ client: IntegrationClient; scopes: string[]; expiresAt: Date } | null>;
}

/** Writes events alone (security events with no state change), through the outbox. */
export interface SecurityEventSink {
  emit(events: IntegrationEvent[]): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a verification, for unknown logins (no timing oracle). */
  dummyVerify(password: string): Promise<void>;
}

export const ORGANISATION_STORE = Symbol('ORGANISATION_STORE');
export const STAFF_STORE = Symbol('STAFF_STORE');
export const PATIENT_STORE = Symbol('PATIENT_STORE');
export const SESSION_STORE = Symbol('SESSION_STORE');
export const THROTTLE_STORE = Symbol('THROTTLE_STORE');
export const INTEGRATOR_STORE = Symbol('INTEGRATOR_STORE');
export const SECURITY_EVENTS = Symbol('SECURITY_EVENTS');
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');
