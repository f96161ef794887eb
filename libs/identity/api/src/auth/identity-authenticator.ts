import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import {
  APP_CONFIG,
  type AppConfig,
  type Authentication,
  type Authenticator,
} from '@tmk/shared-infrastructure';
import {
  AuthService,
  AuthorizerService,
  PATIENT_STORE,
  STAFF_STORE,
  type Authenticated,
  type PatientStore,
  type StaffStore,
} from '@tmk/identity-application';
import { SESSION_COOKIE, clientMeta, readCookie, setSessionCookies } from './session-cookies';

/** What a user who must change their password may still call. */
const PASSWORD_CHANGE_PATHS = /^\/api\/v1\/auth\/(me|password|logout|logout-all)$/;

type RequestWithSession = Request & { identitySession?: Authenticated };

/** Implements the platform's AUTHENTICATOR port: session cookie (SPAs) or bearer token (integrators). */
@Injectable()
export class IdentityAuthenticator implements Authenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly authorizer: AuthorizerService,
  ) {}

  async authenticate(request: Request): Promise<Authentication | null> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await this.auth.authenticateBearer(header.slice(7).trim());
      return actor ? { actor, csrfToken: null } : null;
    }
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) return null;
    const session = await this.auth.authenticateSession(token);
    if (!session) return null;
    if (session.mustChangePassword && !PASSWORD_CHANGE_PATHS.test(request.path)) {
      throw DomainError.forbidden(
        'AUTH.PASSWORD_CHANGE_REQUIRED',
        'Set a new password first (POST /api/v1/auth/password)',
      );
    }
    (request as RequestWithSession).identitySession = session;
    return { actor: session.actor, csrfToken: session.session.csrfToken };
  }

  async denied(request: Request, actor: Actor | null, reason: string): Promise<void> {
    await this.authorizer.recordDenial(
      actor,
      request.method,
      request.originalUrl.split('?')[0] ?? '',
      reason,
      request.ip ?? null,
    );
  }
}

/** The session behind the current request (handlers with an `actors` policy and a cookie session). */
export function sessionOf(request: Request): Authenticated | null {
  return (request as RequestWithSession).identitySession ?? null;
}

/** Session opening for other login flows (OIDC): creates the session and sets the cookies. */
@Injectable()
export class AuthSessions {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async openFor(
    subject: { kind: 'staff'; userId: string } | { kind: 'patient'; patientId: string },
    req: Request,
    res: Response,
    provider: string | null = null,
  ): Promise<void> {
    const opened = await this.auth.openSession(
      subject,
      provider ? 'oidc' : 'password',
      clientMeta(req),
      provider,
    );
    setSessionCookies(res, opened, this.config);
  }

  async recordLoginFailure(
    login: string,
    reason: 'NO_ACCOUNT' | 'PROVIDER_ERROR' | 'DEACTIVATED',
    req: Request,
  ): Promise<void> {
    await this.auth.recordExternalLoginFailure(login, reason, clientMeta(req));
  }
}

/** Finds the account an external identity (SNILS claim) belongs to. */
@Injectable()
export class IdentityLookup {
  constructor(
    @Inject(STAFF_STORE) private readonly staff: StaffStore,
    @Inject(PATIENT_STORE) private readonly patients: PatientStore,
  ) {}

  staffBySnils(snils: string): Promise<string | null> {
    return this.staff.findIdBySnils(snils);
  }

  patientBySnils(snils: string): Promise<string | null> {
    return this.patients.findIdBySnils(snils);
  }
}
