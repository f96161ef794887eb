import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { CLOCK, DomainError, newId, type Actor, type Clock, type StaffRole } from '@tmk/shared-kernel';
import { LoggedOutV1, LoginFailedV1, LoginSucceededV1, UserAccountChangedV1 } from '@tmk/identity-contracts';
import { afterFailure, isTimeZone, lockedFor, normalizeLogin, passwordProblems } from '@tmk/identity-domain';
import {
  INTEGRATOR_STORE,
  ORGANISATION_STORE,
  PASSWORD_HASHER,
  PATIENT_STORE,
  SECURITY_EVENTS,
  SESSION_STORE,
  STAFF_STORE,
  THROTTLE_STORE,
  type IntegratorStore,
  type OrganisationStore,
  type PasswordHasher,
  type PatientStore,
  type SecurityEventSink,
  type SessionRecord,
  type SessionStore,
  type StaffStore,
  type StaffUser,
  type ThrottleStore,
} from '../ports';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../settings';
import { integrationEvent } from '../events';

export interface ClientMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export type SessionSubject =
  | { readonly kind: 'staff'; readonly userId: string }
  | { readonly kind: 'patient'; readonly patientId: string };

export interface OpenedSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface Me {
  readonly kind: 'staff' | 'patient';
  readonly id: string;
  readonly displayName: string;
  readonly timeZone: string;
  readonly csrfToken: string;
  readonly sessionExpiresAt: string;
  readonly login?: string;
  readonly snils?: string | null;
  readonly specialtyCode?: string | null;
  readonly positionCode?: string | null;
  readonly mustChangePassword?: boolean;
  readonly memberships?: {
    organisationId: string;
    organisationName: string;
    regionId: string | null;
    role: StaffRole;
  }[];
  readonly activeOrganisationId?: string | null;
  readonly roles?: StaffRole[];
  readonly patients?: { id: string; displayName: string; relation: 'SELF' | 'REPRESENTED' }[];
}

export interface Authenticated {
  readonly actor: Actor;
  readonly session: SessionRecord;
  /** A new or reset staff account must set its own password before anything else. */
  readonly mustChangePassword: boolean;
}

const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function staffName(u: { surname: string; name: string; patronymic: string | null }): string {
  return [u.surname, u.name, u.patronymic].filter(Boolean).join(' ');
}

/**
 * Authentication: password logins with throttling, sessions (idle and absolute timeouts, revocation),
 * integrator tokens. Error messages never say whether a login exists.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(STAFF_STORE) private readonly staff: StaffStore,
    @Inject(PATIENT_STORE) private readonly patients: PatientStore,
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(THROTTLE_STORE) private readonly throttle: ThrottleStore,
    @Inject(INTEGRATOR_STORE) private readonly integrators: IntegratorStore,
    @Inject(SECURITY_EVENTS) private readonly events: SecurityEventSink,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  // ── password login ───────────────────────────────────────────────────────────────────────────────────

  async passwordLogin(login: string, password: string, meta: ClientMeta): Promise<OpenedSession> {
    const key = normalizeLogin(login).slice(0, 100);
    const now = this.clock.now();
    const wait = lockedFor(await this.throttle.get(key), now);
    if (wait > 0) {
      await this.failed(key, 'LOCKED', false, meta);
      throw this.tooMany(wait);
    }
    const user = await this.staff.findByLogin(key);
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, password)
      : (await this.hasher.dummyVerify(password), false);
    if (!user || !ok || !user.active) {
      const state = await this.throttle.update(key, (current) =>
        afterFailure(current, this.clock.now(), {
          maxFailures: this.settings.loginMaxFailures,
          windowMs: this.settings.loginLockMs,
        }),
      );
      const lockedNow = state.lockedUntil !== null;
      await this.failed(key, user && ok ? 'DEACTIVATED' : 'INVALID_CREDENTIALS', lockedNow, meta);
      if (lockedNow) throw this.tooMany(lockedFor(state, this.clock.now()));
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthorized', 'Wrong login or password');
    }
    await this.throttle.clear(key);
    return this.openSession({ kind: 'staff', userId: user.id }, 'password', meta, null);
  }

  private tooMany(waitMs: number): DomainError {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    return new DomainError(
      'AUTH.TOO_MANY_ATTEMPTS',
      'rate_limited',
      `Too many failed attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} min`,
      [],
      { retryAfterSeconds },
    );
  }

  private async failed(
    login: string,
    reason: 'INVALID_CREDENTIALS' | 'LOCKED' | 'DEACTIVATED' | 'NO_ACCOUNT' | 'PROVIDER_ERROR',
    lockedNow: boolean,
    meta: ClientMeta,
    method: 'password' | 'oidc' | 'client_credentials' = 'password',
  ): Promise<void> {
    await this.events.emit([
      integrationEvent(
        LoginFailedV1,
        login || 'unknown',
        { login, method, reason, lockedNow, ip: meta.ip, userAgent: meta.userAgent },
        this.clock,
      ),
    ]);
  }

  /** For external logins (OIDC): records a failure such as an unknown SNILS. */
  async recordExternalLoginFailure(
    login: string,
    reason: 'NO_ACCOUNT' | 'PROVIDER_ERROR' | 'DEACTIVATED',
    meta: ClientMeta,
  ): Promise<void> {
    await this.failed(login, reason, false, meta, 'oidc');
  }

  // ── sessions ─────────────────────────────────────────────────────────────────────────────────────────

  async openSession(
    subject: SessionSubject,
    method: 'password' | 'oidc',
    meta: ClientMeta,
    provider: string | null,
  ): Promise<OpenedSession> {
    const now = this.clock.now();
    let activeOrganisationId: string | null = null;
    if (subject.kind === 'staff') {
      const user = await this.staff.find(subject.userId);
      if (!user?.active)
        throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthorized', 'The account is not active');
      activeOrganisationId = user.memberships.find((m) => m.organisationActive)?.organisationId ?? null;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const id = newId();
    const expiresAt = new Date(now.getTime() + this.settings.sessionMaxMs);
    const subjectId = subject.kind === 'staff' ? subject.userId : subject.patientId;
    await this.sessions.insert(
      {
        id,
        tokenHash: hashToken(token),
        subjectKind: subject.kind,
        staffUserId: subject.kind === 'staff' ? subject.userId : null,
        patientId: subject.kind === 'patient' ? subject.patientId : null,
        activeOrganisationId,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        revokedAt: null,
        method,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      },
      [
        integrationEvent(
          LoginSucceededV1,
          subjectId,
          {
            subjectKind: subject.kind,
            subjectId,
            method,
            provider,
            sessionId: id,
            ip: meta.ip,
            userAgent: meta.userAgent?.slice(0, 500) ?? null,
          },
          this.clock,
        ),
      ],
    );
    return { token, csrfToken, expiresAt };
  }

  /** Resolves a session token to the acting person; null when unknown, revoked, idle or expired. */
  async authenticateSession(token: string): Promise<Authenticated | null> {
    if (token.length < 20 || token.length > 100) return null;
    const found = await this.sessions.findWithSubject(hashToken(token));
    const now = this.clock.now();
    if (!found) return null;
    const { session } = found;
    if (session.revokedAt) return null;
    if (session.expiresAt.getTime() <= now.getTime()) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > this.settings.sessionIdleMs) return null;
    let actor: Actor;
    let mustChangePassword = false;
    if (session.subjectKind === 'staff' && found.staff) {
      if (!found.staff.active) return null;
      actor = this.staffActor(found.staff, session);
      mustChangePassword = found.staff.mustChangePassword;
    } else if (session.patientId && found.actsFor) {
      actor = {
        kind: 'patient',
        patientId: session.patientId,
        sessionId: session.id,
        actsForPatientIds: found.actsFor.map((p) => p.id),
      };
    } else {
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await this.sessions.touch(session.id, now);
    return { actor, session, mustChangePassword };
  }

  private staffActor(user: StaffUser, session: SessionRecord): Actor {
    const usable = user.memberships.filter((m) => m.organisationActive);
    const activeId = usable.some((m) => m.organisationId === session.activeOrganisationId)
      ? session.activeOrganisationId
      : (usable[0]?.organisationId ?? null);
    const here = usable.filter((m) => m.organisationId === activeId);
    return {
      kind: 'staff',
      userId: user.id,
      sessionId: session.id,
      organisationId: activeId,
      regionId: here[0]?.regionId ?? null,
      roles: here.map((m) => m.role),
    };
  }

  async me(auth: Authenticated): Promise<Me> {
    const { actor, session } = auth;
    const base = { csrfToken: session.csrfToken, sessionExpiresAt: session.expiresAt.toISOString() };
    if (actor.kind === 'staff') {
      const user = await this.staff.find(actor.userId);
      if (!user) throw DomainError.notFound('IDENTITY.USER_NOT_FOUND', 'User not found');
      return {
        ...base,
        kind: 'staff',
        id: user.id,
        displayName: staffName(user),
        timeZone: user.timeZone,
        login: user.login,
        snils: user.snils,
        specialtyCode: user.specialtyCode,
        positionCode: user.positionCode,
        mustChangePassword: user.mustChangePassword,
        memberships: user.memberships
          .filter((m) => m.organisationActive)
          .map((m) => ({
            organisationId: m.organisationId,
            organisationName: m.organisationName,
            regionId: m.regionId,
            role: m.role,
          })),
        activeOrganisationId: actor.organisationId,
        roles: [...actor.roles],
      };
    }
    if (actor.kind === 'patient') {
      const patients = await this.patients.actsFor(actor.patientId);
      const own = patients.find((p) => p.relation === 'SELF');
      const region = await this.patients.find(actor.patientId);
      const timeZone = region
        ? ((await this.organisations.findRegion(region.regionId))?.timeZone ?? 'Europe/Moscow')
        : 'Europe/Moscow';
      return {
        ...base,
        kind: 'patient',
        id: actor.patientId,
        displayName: own?.displayName ?? '',
        timeZone,
        patients,
      };
    }
    throw DomainError.forbidden('ACCESS.DENIED', 'Integrators have no session');
  }

  async logout(auth: Authenticated): Promise<void> {
    const subject = this.subjectOf(auth);
    await this.sessions.revoke(auth.session.id, this.clock.now(), [
      integrationEvent(
        LoggedOutV1,
        subject.id,
        { subjectKind: subject.kind, subjectId: subject.id, sessions: 1, everywhere: false },
        this.clock,
      ),
    ]);
  }

  async logoutEverywhere(auth: Authenticated): Promise<number> {
    const subject = this.subjectOf(auth);
    const filter = subject.kind === 'staff' ? { staffUserId: subject.id } : { patientId: subject.id };
    return this.sessions.revokeAll(filter, this.clock.now(), null, [
      integrationEvent(
        LoggedOutV1,
        subject.id,
        { subjectKind: subject.kind, subjectId: subject.id, sessions: 0, everywhere: true },
        this.clock,
      ),
    ]);
  }

  private subjectOf(auth: Authenticated): { kind: 'staff' | 'patient'; id: string } {
    return auth.session.subjectKind === 'staff'
      ? { kind: 'staff', id: auth.session.staffUserId ?? '' }
      : { kind: 'patient', id: auth.session.patientId ?? '' };
  }

  async switchOrganisation(auth: Authenticated, organisationId: string): Promise<void> {
    if (auth.actor.kind !== 'staff')
      throw DomainError.forbidden('ACCESS.DENIED', 'Only staff act for organisations');
    const user = await this.staff.find(auth.actor.userId);
    if (!user?.memberships.some((m) => m.organisationId === organisationId && m.organisationActive)) {
      throw new DomainError(
        'IDENTITY.NOT_A_MEMBER',
        'unprocessable',
        'You hold no role in that organisation',
        [{ field: 'organisationId', code: 'NOT_A_MEMBER', message: 'no membership in this organisation' }],
      );
    }
    await this.sessions.setActiveOrganisation(auth.session.id, organisationId);
  }

  async changePassword(auth: Authenticated, current: string, next: string): Promise<void> {
    if (auth.actor.kind !== 'staff')
      throw DomainError.forbidden('ACCESS.DENIED', 'Only staff have passwords here');
    const user = await this.staff.find(auth.actor.userId);
    const hash = await this.staff.passwordHash(auth.actor.userId);
    if (!user || !hash || !(await this.hasher.verify(hash, current))) {
      throw new DomainError('AUTH.WRONG_PASSWORD', 'unprocessable', 'The current password is wrong', [
        { field: 'currentPassword', code: 'WRONG_PASSWORD', message: 'The current password is wrong' },
      ]);
    }
    assertPasswordPolicy(next, user.login, 'newPassword');
    const now = this.clock.now();
    await this.staff.setPassword(user.id, await this.hasher.hash(next), false, [
      integrationEvent(
        UserAccountChangedV1,
        user.id,
        { userId: user.id, change: 'PASSWORD_CHANGED', byUserId: user.id },
        this.clock,
      ),
    ]);
    await this.sessions.revokeAll({ staffUserId: user.id }, now, auth.session.id, []);
  }

  async updateProfile(auth: Authenticated, timeZone: string): Promise<void> {
    if (auth.actor.kind !== 'staff')
      throw DomainError.forbidden('ACCESS.DENIED', 'Only staff have a profile here');
    if (!isTimeZone(timeZone)) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'Unknown time zone', [
        {
          field: 'timeZone',
          code: 'TIME_ZONE',
          message: 'timeZone must be an IANA zone like Asia/Novosibirsk',
        },
      ]);
    }
    await this.staff.updateProfile(auth.actor.userId, { timeZone }, [
      integrationEvent(
        UserAccountChangedV1,
        auth.actor.userId,
        { userId: auth.actor.userId, change: 'PROFILE_UPDATED', byUserId: auth.actor.userId },
        this.clock,
      ),
    ]);
  }

  // ── integrators (OAuth2 client credentials) ──────────────────────────────────────────────────────────

  async clientCredentials(
    clientId: string,
    secret: string,
    requestedScope: string | undefined,
    meta: ClientMeta,
  ) {
    const client = await this.integrators.findClient(clientId);
    const ok = client
      ? await this.hasher.verify(client.secretHash, secret)
      : (await this.hasher.dummyVerify(secret), false);
    if (!client || !ok || !client.active) {
      await this.failed(clientId.slice(0, 100), 'INVALID_CREDENTIALS', false, meta, 'client_credentials');
      // `error` keeps OAuth 2.0 clients (RFC 6749 §5.2) working next to the problem document.
      throw new DomainError('OAUTH.INVALID_CLIENT', 'unauthorized', 'Client authentication failed', [], {
        error: 'invalid_client',
      });
    }
    const requested = requestedScope ? requestedScope.split(' ').filter(Boolean) : [...client.scopes];
    const invalid = requested.filter((s) => !client.scopes.includes(s));
    if (invalid.length)
      throw new DomainError(
        'OAUTH.INVALID_SCOPE',
        'validation',
        `Scopes not granted to the client: ${invalid.join(' ')}`,
        [],
        {
          error: 'invalid_scope',
        },
      );
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.settings.integratorTokenMs);
    await this.integrators.insertToken(hashToken(token), client.id, requested, expiresAt);
    await this.events.emit([
      integrationEvent(
        LoginSucceededV1,
        client.id,
        {
          subjectKind: 'integrator',
          subjectId: client.id,
          method: 'client_credentials',
          provider: null,
          sessionId: null,
          ip: meta.ip,
          userAgent: meta.userAgent,
        },
        this.clock,
      ),
    ]);
    return {
      access_token: token,
      token_type: 'Bearer' as const,
      expires_in: Math.floor(this.settings.integratorTokenMs / 1000),
      scope: requested.join(' '),
    };
  }

  async authenticateBearer(token: string): Promise<Actor | null> {
    if (token.length < 20 || token.length > 100) return null;
    const found = await this.integrators.findToken(hashToken(token));
    if (!found || !found.client.active || found.expiresAt.getTime() <= this.clock.now().getTime())
      return null;
    return {
      kind: 'integrator',
      clientId: found.client.id,
      organisationId: found.client.organisationId,
      regionId: found.client.regionId,
      scopes: found.scopes,
    };
  }
}

export function assertPasswordPolicy(password: string, login: string, field: string): void {
  const problems = passwordProblems(password, login);
  if (problems.length === 0) return;
  throw new DomainError(
    'IDENTITY.WEAK_PASSWORD',
    'unprocessable',
    'The password does not meet the policy (at least 10 characters, letters and other characters, not the login, not a common password)',
    problems.map((code) => ({ field, code: `PASSWORD_${code}`, message: code })),
  );
}
