import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  newId,
  normalizeSnils,
  snilsProblem,
  type Actor,
  type Clock,
  type StaffRole,
} from '@tmk/shared-kernel';
import {
  RoleGrantedV1,
  RoleRevokedV1,
  UserAccountChangedV1,
  UserRegisteredV1,
} from '@tmk/identity-contracts';
import { isTimeZone, LOGIN_PATTERN, normalizeLogin } from '@tmk/identity-domain';
import type { FieldError } from '@tmk/shared-kernel';
import {
  ORGANISATION_STORE,
  PASSWORD_HASHER,
  SESSION_STORE,
  STAFF_STORE,
  type OrganisationStore,
  type PasswordHasher,
  type SessionStore,
  type StaffStore,
  type StaffUser,
} from '../ports';
import { integrationEvent } from '../events';
import { AuthorizerService } from '../authorization/authorizer.service';
import { assertPasswordPolicy } from '../auth/auth.service';

export interface NewStaffInput {
  readonly login: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic?: string | null;
  readonly snils?: string | null;
  readonly specialtyCode?: string | null;
  readonly positionCode?: string | null;
  readonly timeZone: string;
  readonly initialPassword: string;
  readonly memberships: readonly { organisationId: string; role: StaffRole }[];
}

@Injectable()
export class StaffService {
  constructor(
    @Inject(STAFF_STORE) private readonly store: StaffStore,
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly authorizer: AuthorizerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    actor: Actor,
    filter: { organisationId?: string; q?: string; includeInactive?: boolean },
  ): Promise<StaffUser[]> {
    if (actor.kind !== 'staff') throw DomainError.forbidden('ACCESS.DENIED', 'Staff only');
    if (filter.organisationId) {
      const org = await this.organisations.find(filter.organisationId);
      if (!org) return [];
      await this.authorizer.require(actor, 'administer', {
        type: 'staff-user',
        userId: '*',
        organisations: [{ organisationId: org.id, regionId: org.regionId }],
      });
      return this.store.list({
        organisationId: org.id,
        q: filter.q,
        includeInactive: filter.includeInactive ?? false,
      });
    }
    const scope = actor.roles.includes('SYSTEM_ADMIN') ? {} : { regionId: actor.regionId };
    if (!actor.roles.includes('SYSTEM_ADMIN') && actor.regionId === null) return [];
    return this.store.list({ ...scope, q: filter.q, includeInactive: filter.includeInactive ?? false });
  }

  async get(actor: Actor, id: string): Promise<StaffUser> {
    const user = await this.store.find(id);
    if (!user) throw DomainError.notFound('IDENTITY.USER_NOT_FOUND', 'User not found');
    await this.authorizer.require(
      actor,
      id === (actor.kind === 'staff' ? actor.userId : '') ? 'read' : 'administer',
      this.resourceOf(user),
    );
    return user;
  }

  async create(actor: Actor, input: NewStaffInput): Promise<StaffUser> {
    const login = normalizeLogin(input.login);
    const errors: FieldError[] = [];
    if (!LOGIN_PATTERN.test(login))
      errors.push({ field: 'login', code: 'LOGIN_FORMAT', message: 'Latin letters, digits, . _ - (2–63)' });
    if (!isTimeZone(input.timeZone))
      errors.push({ field: 'timeZone', code: 'TIME_ZONE', message: 'IANA time zone expected' });
    let snils: string | null = null;
    if (input.snils?.trim()) {
      const problem = snilsProblem(input.snils);
      if (problem) errors.push({ field: 'snils', code: `SNILS_${problem}`, message: 'Invalid SNILS' });
      else snils = normalizeSnils(input.snils);
    }
    if (input.memberships.length === 0)
      errors.push({ field: 'memberships', code: 'REQUIRED', message: 'At least one role' });
    if (errors.length)
      throw new DomainError('IDENTITY.INVALID_USER', 'unprocessable', 'The user has invalid fields', errors);
    assertPasswordPolicy(input.initialPassword, login, 'initialPassword');
    const orgs = await this.organisations.findMany(input.memberships.map((m) => m.organisationId));
    for (const m of input.memberships) {
      const org = orgs.find((o) => o.id === m.organisationId);
      if (!org?.active) {
        throw new DomainError('IDENTITY.INVALID_USER', 'unprocessable', 'Unknown or inactive organisation', [
          { field: 'memberships', code: 'UNKNOWN_ORGANISATION', message: m.organisationId },
        ]);
      }
      await this.authorizer.require(actor, 'administer', {
        type: 'organisation',
        organisationId: org.id,
        regionId: org.regionId,
      });
      this.assertMayGrant(actor, m.role);
    }
    const id = newId();
    const by = actor.kind === 'staff' ? actor.userId : null;
    const user = {
      id,
      login,
      surname: input.surname.trim(),
      name: input.name.trim(),
      patronymic: input.patronymic?.trim() || null,
      snils,
      specialtyCode: input.specialtyCode || null,
      positionCode: input.positionCode || null,
      timeZone: input.timeZone,
      passwordHash: await this.hasher.hash(input.initialPassword),
      mustChangePassword: true,
      memberships: input.memberships,
      createdBy: by,
    };
    const displayName = [user.surname, user.name, user.patronymic].filter(Boolean).join(' ');
    await this.store.insert(user, [
      integrationEvent(UserRegisteredV1, id, { userId: id, login, displayName, byUserId: by }, this.clock),
      ...input.memberships.map((m) =>
        integrationEvent(
          RoleGrantedV1,
          id,
          { userId: id, organisationId: m.organisationId, role: m.role, byUserId: by },
          this.clock,
        ),
      ),
    ]);
    return (await this.store.find(id)) as StaffUser;
  }

  async grant(actor: Actor, userId: string, organisationId: string, role: StaffRole): Promise<StaffUser> {
    const user = await this.get(actor, userId);
    const org = await this.organisations.find(organisationId);
    if (!org?.active) throw DomainError.notFound('IDENTITY.ORGANISATION_NOT_FOUND', 'Organisation not found');
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId,
      regionId: org.regionId,
    });
    this.assertMayGrant(actor, role);
    const by = actor.kind === 'staff' ? actor.userId : null;
    await this.store.grant(user.id, organisationId, role, by, [
      integrationEvent(
        RoleGrantedV1,
        user.id,
        { userId: user.id, organisationId, role, byUserId: by },
        this.clock,
      ),
    ]);
    return (await this.store.find(user.id)) as StaffUser;
  }

  async revoke(actor: Actor, userId: string, organisationId: string, role: StaffRole): Promise<StaffUser> {
    const user = await this.get(actor, userId);
    const org = await this.organisations.find(organisationId);
    if (!org) throw DomainError.notFound('IDENTITY.ORGANISATION_NOT_FOUND', 'Organisation not found');
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId,
      regionId: org.regionId,
    });
    this.assertMayGrant(actor, role);
    if (
      actor.kind === 'staff' &&
      actor.userId === userId &&
      (role === 'SYSTEM_ADMIN' || role === 'REGIONAL_ADMIN')
    ) {
      throw DomainError.conflict('IDENTITY.SELF_LOCKOUT', 'You cannot revoke your own administrator role');
    }
    const by = actor.kind === 'staff' ? actor.userId : null;
    const removed = await this.store.revoke(user.id, organisationId, role, [
      integrationEvent(
        RoleRevokedV1,
        user.id,
        { userId: user.id, organisationId, role, byUserId: by },
        this.clock,
      ),
    ]);
    if (!removed)
      throw DomainError.notFound('IDENTITY.ROLE_NOT_FOUND', 'The user does not hold that role there');
    return (await this.store.find(user.id)) as StaffUser;
  }

  async resetPassword(actor: Actor, userId: string, newPassword: string): Promise<void> {
    const user = await this.get(actor, userId);
    assertPasswordPolicy(newPassword, user.login, 'newPassword');
    const by = actor.kind === 'staff' ? actor.userId : null;
    await this.store.setPassword(user.id, await this.hasher.hash(newPassword), true, [
      integrationEvent(
        UserAccountChangedV1,
        user.id,
        { userId: user.id, change: 'PASSWORD_RESET', byUserId: by },
        this.clock,
      ),
    ]);
    await this.sessions.revokeAll({ staffUserId: user.id }, this.clock.now(), null, []);
  }

  async setActive(actor: Actor, userId: string, active: boolean): Promise<StaffUser> {
    const user = await this.get(actor, userId);
    if (!active && actor.kind === 'staff' && actor.userId === userId) {
      throw DomainError.conflict('IDENTITY.SELF_LOCKOUT', 'You cannot deactivate your own account');
    }
    const by = actor.kind === 'staff' ? actor.userId : null;
    await this.store.setActive(user.id, active, [
      integrationEvent(
        UserAccountChangedV1,
        user.id,
        { userId: user.id, change: active ? 'ACTIVATED' : 'DEACTIVATED', byUserId: by },
        this.clock,
      ),
    ]);
    if (!active) await this.sessions.revokeAll({ staffUserId: user.id }, this.clock.now(), null, []);
    return (await this.store.find(user.id)) as StaffUser;
  }

  /** Only a system administrator creates system or regional administrators. */
  private assertMayGrant(actor: Actor, role: StaffRole): void {
    if (
      (role === 'SYSTEM_ADMIN' || role === 'REGIONAL_ADMIN') &&
      !(actor.kind === 'staff' && actor.roles.includes('SYSTEM_ADMIN'))
    ) {
      if (role === 'SYSTEM_ADMIN' || !(actor.kind === 'staff' && actor.roles.includes('REGIONAL_ADMIN'))) {
        throw DomainError.forbidden('ACCESS.DENIED', `Not allowed to grant ${role}`);
      }
    }
  }

  private resourceOf(user: StaffUser) {
    return {
      type: 'staff-user' as const,
      userId: user.id,
      organisations: user.memberships.map((m) => ({
        organisationId: m.organisationId,
        regionId: m.regionId,
      })),
    };
  }
}
