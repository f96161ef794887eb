import {
  Injectable,
  SetMetadata,
  Inject,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
  type CustomDecorator,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { DomainError, type Actor, type EventMeta, type StaffRole } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { setRequestMeta } from './request-context';

/**
 * Every endpoint declares who may call it; the global AccessGuard denies any handler without a declaration
 * (ADR 0007). `actors` policies name the kinds of signed-in callers (staff with one of the roles in the
 * organisation they act for, patients, integrators with a scope); finer rules ("this patient", "own
 * region") are checked by the handler through identity's authorizer, which has the resource at hand.
 */
export interface ActorsPolicy {
  readonly kind: 'actors';
  /** Staff roles allowed (in the organisation the person currently acts for); 'any' = every staff member. */
  readonly staff?: readonly StaffRole[] | 'any';
  /** Patients (and legal representatives acting for them). */
  readonly patient?: boolean;
  /** Integrator OAuth2 scopes; the token needs one of them. */
  readonly integrator?: readonly string[];
}

export type AccessPolicy =
  { readonly kind: 'public'; readonly reason: string } | { readonly kind: 'ops' } | ActorsPolicy;

export const ACCESS_POLICY = 'tmk:access-policy';

export const Access = {
  /** Anyone, including anonymous callers. The reason is mandatory and shows up in reviews. */
  public: (reason: string): CustomDecorator => SetMetadata(ACCESS_POLICY, { kind: 'public', reason }),
  /** Operators holding OPS_TOKEN (machine administration: dead letters, replays). */
  ops: (): CustomDecorator => SetMetadata(ACCESS_POLICY, { kind: 'ops' }),
  /** Signed-in callers as described; everything not listed is denied. */
  to: (policy: Omit<ActorsPolicy, 'kind'>): CustomDecorator =>
    SetMetadata(ACCESS_POLICY, { kind: 'actors', ...policy }),
  /** Staff holding one of the roles in the organisation they act for (no roles: any staff member). */
  staff: (...roles: StaffRole[]): CustomDecorator =>
    SetMetadata(ACCESS_POLICY, { kind: 'actors', staff: roles.length ? roles : 'any' }),
  /** Any signed-in person (staff or patient), e.g. "who am I" and sign-out. */
  signedIn: (): CustomDecorator =>
    SetMetadata(ACCESS_POLICY, { kind: 'actors', staff: 'any', patient: true }),
};

export function accessPolicyOf(reflector: Reflector, context: ExecutionContext): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
    context.getHandler(),
    context.getClass(),
  ]);
}

/** What authentication found on a request. `csrfToken` is set for cookie sessions (SPAs) only. */
export interface Authentication {
  readonly actor: Actor;
  readonly csrfToken: string | null;
}

/**
 * The port the identity context implements: resolve the caller of a request (session cookie or bearer
 * token) and hear about denials (they become AccessDenied events).
 */
export interface Authenticator {
  authenticate(request: Request): Promise<Authentication | null>;
  denied(request: Request, actor: Actor | null, reason: string): Promise<void>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type RequestWithActor = Request & { actor?: Actor };

/** The authenticated caller of the current request; only on handlers with an `actors` policy. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a handler without an actors access policy');
  return actor;
});

export function actorOf(request: Request): Actor | undefined {
  return (request as RequestWithActor).actor;
}

/** Who acts and from where, for the events this request causes (stored with them by the outbox). */
export function metaOf(request: Request, actor: Actor | null): EventMeta {
  const ua = request.headers['user-agent'];
  return {
    actorKind: actor?.kind ?? null,
    actorId: actor
      ? actor.kind === 'staff'
        ? actor.userId
        : actor.kind === 'patient'
          ? actor.patientId
          : actor.clientId
      : null,
    roles: actor?.kind === 'staff' ? [...actor.roles] : actor?.kind === 'integrator' ? [...actor.scopes] : [],
    organisationId: actor?.kind === 'staff' || actor?.kind === 'integrator' ? actor.organisationId : null,
    regionId: actor?.kind === 'staff' || actor?.kind === 'integrator' ? actor.regionId : null,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function allows(policy: ActorsPolicy, actor: Actor): boolean {
  switch (actor.kind) {
    case 'staff':
      if (policy.staff === 'any') return true;
      return (policy.staff ?? []).some((role) => actor.roles.includes(role));
    case 'patient':
      return policy.patient === true;
    case 'integrator':
      return (policy.integrator ?? []).some((scope) => actor.scopes.includes(scope));
  }
}

@Injectable()
export class AccessGuard implements CanActivate {
  private authenticator: Authenticator | null | undefined;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // WebSocket gateways authorise their own messages
    const policy = accessPolicyOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (!policy) {
      throw DomainError.forbidden(
        'ACCESS.NO_POLICY',
        'This endpoint declares no access policy and is closed',
      );
    }
    setRequestMeta(metaOf(request, null));
    switch (policy.kind) {
      case 'public':
        return true;
      case 'ops':
        return this.checkOpsToken(request);
      case 'actors':
        return this.checkActor(policy, request);
    }
  }

  private resolveAuthenticator(): Authenticator | null {
    if (this.authenticator === undefined) {
      try {
        this.authenticator = this.moduleRef.get<Authenticator>(AUTHENTICATOR, { strict: false });
      } catch {
        this.authenticator = null;
      }
    }
    return this.authenticator;
  }

  private async checkActor(policy: ActorsPolicy, request: RequestWithActor): Promise<boolean> {
    const authenticator = this.resolveAuthenticator();
    const authentication = authenticator ? await authenticator.authenticate(request) : null;
    if (!authenticator || !authentication) {
      throw new DomainError('ACCESS.UNAUTHENTICATED', 'unauthorized', 'Sign in to use this endpoint');
    }
    const { actor, csrfToken } = authentication;
    setRequestMeta(metaOf(request, actor));
    if (csrfToken !== null && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) {
        await authenticator.denied(request, actor, 'CSRF token missing or wrong');
        throw DomainError.forbidden('AUTH.CSRF', 'The X-CSRF-Token header is missing or wrong');
      }
    }
    if (!allows(policy, actor)) {
      await authenticator.denied(request, actor, 'role or scope not allowed by the endpoint policy');
      throw DomainError.forbidden('ACCESS.DENIED', 'Your role does not allow this operation');
    }
    request.actor = actor;
    return true;
  }

  private checkOpsToken(request: Request): boolean {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expected = this.config.OPS_TOKEN;
    if (!token) throw new DomainError('ACCESS.UNAUTHENTICATED', 'unauthorized', 'A bearer token is required');
    if (!expected || !safeEqual(token, expected)) {
      throw DomainError.forbidden('ACCESS.DENIED', 'The token does not grant this operation');
    }
    return true;
  }
}
