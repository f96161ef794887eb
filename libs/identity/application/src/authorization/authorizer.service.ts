import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, actorId, type Actor, type Clock } from '@tmk/shared-kernel';
import {
  AccessDeniedV1,
  type AccessDecision,
  type IdentityAuthorizer,
  type ProtectedAction,
  type ProtectedResource,
} from '@tmk/identity-contracts';
import { SECURITY_EVENTS, type SecurityEventSink } from '../ports';
import { integrationEvent } from '../events';
import { decide } from './policy';

/** The authorization contract as other contexts get it (`IDENTITY_AUTHORIZER`). */
@Injectable()
export class AuthorizerService implements IdentityAuthorizer {
  constructor(
    @Inject(SECURITY_EVENTS) private readonly events: SecurityEventSink,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  decide(actor: Actor, action: ProtectedAction, resource: ProtectedResource): AccessDecision {
    return decide(actor, action, resource);
  }

  async require(actor: Actor, action: ProtectedAction, resource: ProtectedResource): Promise<void> {
    const decision = decide(actor, action, resource);
    if (decision.allowed) return;
    await this.recordDenial(actor, `${action} ${resource.type}`, '', decision.reason);
    throw DomainError.forbidden('ACCESS.DENIED', `Not allowed: ${decision.reason}`);
  }

  async recordDenial(
    actor: Actor | null,
    method: string,
    path: string,
    reason: string,
    ip: string | null = null,
  ): Promise<void> {
    await this.events.emit([
      integrationEvent(
        AccessDeniedV1,
        actor ? actorId(actor) : 'anonymous',
        {
          actorKind: actor?.kind ?? null,
          actorId: actor ? actorId(actor) : null,
          organisationId:
            actor?.kind === 'staff'
              ? actor.organisationId
              : actor?.kind === 'integrator'
                ? actor.organisationId
                : null,
          method,
          path,
          reason,
          ip,
        },
        this.clock,
      ),
    ]);
  }
}
