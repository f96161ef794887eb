import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DomainError, newId, type Actor } from '@tmk/shared-kernel';
import { AuthorizerService } from '../authorization/authorizer.service';
import {
  INTEGRATOR_STORE,
  ORGANISATION_STORE,
  PASSWORD_HASHER,
  type IntegrationClient,
  type IntegratorStore,
  type OrganisationStore,
  type PasswordHasher,
} from '../ports';

export const INTEGRATOR_SCOPES = [
  'patients:read',
  'patients:write',
  'consultations:read',
  'consultations:write',
] as const;

export type ClientView = Omit<IntegrationClient, 'secretHash'>;

const view = ({ secretHash: _secret, ...rest }: IntegrationClient): ClientView => rest;

/** OAuth2 clients of МИС integrators, one organisation each; administered like staff accounts. */
@Injectable()
export class IntegratorService {
  constructor(
    @Inject(INTEGRATOR_STORE) private readonly store: IntegratorStore,
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    private readonly authorizer: AuthorizerService,
  ) {}

  async list(actor: Actor): Promise<ClientView[]> {
    if (actor.kind !== 'staff') throw DomainError.forbidden('ACCESS.DENIED', 'Staff only');
    if (actor.roles.includes('SYSTEM_ADMIN')) return (await this.store.list({})).map(view);
    if (actor.regionId === null) return [];
    return (await this.store.list({ regionId: actor.regionId })).map(view);
  }

  async create(
    actor: Actor,
    input: { organisationId: string; name: string; scopes: string[] },
  ): Promise<ClientView & { clientSecret: string }> {
    const org = await this.organisations.find(input.organisationId);
    if (!org?.active) throw DomainError.notFound('IDENTITY.ORGANISATION_NOT_FOUND', 'Organisation not found');
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId: org.id,
      regionId: org.regionId,
    });
    const unknown = input.scopes.filter((s) => !(INTEGRATOR_SCOPES as readonly string[]).includes(s));
    if (unknown.length || input.scopes.length === 0) {
      throw new DomainError('IDENTITY.INVALID_CLIENT', 'unprocessable', 'Unknown or missing scopes', [
        { field: 'scopes', code: 'SCOPE', message: `allowed: ${INTEGRATOR_SCOPES.join(', ')}` },
      ]);
    }
    const clientSecret = randomBytes(32).toString('base64url');
    const client = {
      id: newId(),
      clientId: `tmk-${randomBytes(8).toString('hex')}`,
      secretHash: await this.hasher.hash(clientSecret),
      organisationId: org.id,
      name: input.name.trim(),
      scopes: [...new Set(input.scopes)],
      active: true,
    };
    await this.store.insertClient(client);
    return { ...view({ ...client, regionId: org.regionId }), clientSecret };
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<ClientView> {
    const client = await this.authorised(actor, id);
    await this.store.update(client.id, { active });
    return view({ ...client, active });
  }

  async rotateSecret(actor: Actor, id: string): Promise<ClientView & { clientSecret: string }> {
    const client = await this.authorised(actor, id);
    const clientSecret = randomBytes(32).toString('base64url');
    await this.store.update(client.id, { secretHash: await this.hasher.hash(clientSecret) });
    return { ...view(client), clientSecret };
  }

  private async authorised(actor: Actor, id: string): Promise<IntegrationClient> {
    const client = await this.store.findById(id);
    if (!client) throw DomainError.notFound('IDENTITY.CLIENT_NOT_FOUND', 'Client not found');
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId: client.organisationId,
      regionId: client.regionId,
    });
    return client;
  }
}
