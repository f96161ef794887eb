import {
  Injectable,
  SetMetadata,
  Inject,
  type CanActivate,
  type ExecutionContext,
  type CustomDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * Every endpoint declares who may call it; the global AccessGuard denies any handler without a declaration.
 * Identity adds staff/patient/integrator policies on top of these through the same metadata key.
 */
export type AccessPolicy = { readonly kind: 'public'; readonly reason: string } | { readonly kind: 'ops' };

export const ACCESS_POLICY = 'tmk:access-policy';

export const Access = {
  /** Anyone, including anonymous callers. The reason is mandatory and shows up in reviews. */
  public: (reason: string): CustomDecorator => SetMetadata(ACCESS_POLICY, { kind: 'public', reason }),
  /** Operators holding OPS_TOKEN (machine administration: dead letters, replays). */
  ops: (): CustomDecorator => SetMetadata(ACCESS_POLICY, { kind: 'ops' }),
};

export function accessPolicyOf(reflector: Reflector, context: ExecutionContext): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
    context.getHandler(),
    context.getClass(),
  ]);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true; // WebSocket gateways authorise their own messages
    const policy = accessPolicyOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<Request>();
    if (!policy) {
      throw DomainError.forbidden(
        'ACCESS.NO_POLICY',
        'This endpoint declares no access policy and is closed',
      );
    }
    switch (policy.kind) {
      case 'public':
        return true;
      case 'ops':
        return this.checkOpsToken(request);
    }
  }

  private checkOpsToken(request: Request): boolean {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const expected = this.config.OPS_TOKEN;
    if (!token) throw new DomainError('ACCESS.UNAUTHENTICATED', 'unauthorized', 'A bearer token is required');
    if (!expected || !timingSafeEqual(digest(token), digest(expected))) {
      throw DomainError.forbidden('ACCESS.DENIED', 'The token does not grant this operation');
    }
    return true;
  }
}
