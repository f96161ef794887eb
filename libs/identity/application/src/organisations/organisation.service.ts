import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, newId, type Actor, type Clock } from '@tmk/shared-kernel';
import { OrganisationChangedV1 } from '@tmk/identity-contracts';
import { validateOrganisation, type OrganisationInput } from '@tmk/identity-domain';
import { ORGANISATION_STORE, type Organisation, type OrganisationStore, type Region } from '../ports';
import { integrationEvent } from '../events';
import { AuthorizerService } from '../authorization/authorizer.service';

function staffId(actor: Actor): string | null {
  return actor.kind === 'staff' ? actor.userId : null;
}

@Injectable()
export class OrganisationService {
  constructor(
    @Inject(ORGANISATION_STORE) private readonly store: OrganisationStore,
    private readonly authorizer: AuthorizerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  regions(): Promise<Region[]> {
    return this.store.listRegions();
  }

  async list(
    actor: Actor,
    filter: { regionId?: string | null; q?: string; includeInactive?: boolean },
  ): Promise<Organisation[]> {
    const isAdmin =
      actor.kind === 'staff' && actor.roles.some((r) => r === 'SYSTEM_ADMIN' || r === 'REGIONAL_ADMIN');
    return this.store.list({ ...filter, includeInactive: isAdmin && filter.includeInactive === true });
  }

  async get(id: string): Promise<Organisation> {
    const org = await this.store.find(id);
    if (!org) throw DomainError.notFound('IDENTITY.ORGANISATION_NOT_FOUND', 'Organisation not found');
    return org;
  }

  async create(actor: Actor, input: OrganisationInput): Promise<Organisation> {
    await this.checkRegion(input.regionId);
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId: 'new',
      regionId: input.regionId,
    });
    this.validate(input);
    const id = newId();
    const fields = this.fields(input);
    await this.store.insert(id, fields, [
      integrationEvent(
        OrganisationChangedV1,
        id,
        {
          organisationId: id,
          regionId: input.regionId,
          change: 'CREATED',
          changedFields: Object.keys(fields),
          byUserId: staffId(actor),
        },
        this.clock,
      ),
    ]);
    return this.get(id);
  }

  async update(actor: Actor, id: string, version: number, input: OrganisationInput): Promise<Organisation> {
    const current = await this.get(id);
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId: id,
      regionId: current.regionId,
    });
    if (input.regionId !== current.regionId) {
      await this.checkRegion(input.regionId);
      await this.authorizer.require(actor, 'administer', {
        type: 'organisation',
        organisationId: id,
        regionId: input.regionId,
      });
    }
    this.validate(input);
    const fields = this.fields(input);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== current[k]);
    return this.apply(id, version, fields, (org) => [
      integrationEvent(
        OrganisationChangedV1,
        id,
        {
          organisationId: id,
          regionId: org.regionId,
          change: 'UPDATED',
          changedFields: changed,
          byUserId: staffId(actor),
        },
        this.clock,
      ),
    ]);
  }

  async setActive(actor: Actor, id: string, version: number, active: boolean): Promise<Organisation> {
    const current = await this.get(id);
    await this.authorizer.require(actor, 'administer', {
      type: 'organisation',
      organisationId: id,
      regionId: current.regionId,
    });
    return this.apply(id, version, { active }, (org) => [
      integrationEvent(
        OrganisationChangedV1,
        id,
        {
          organisationId: id,
          regionId: org.regionId,
          change: active ? 'ACTIVATED' : 'DEACTIVATED',
          changedFields: ['active'],
          byUserId: staffId(actor),
        },
        this.clock,
      ),
    ]);
  }

  dictionary(kind: 'specialty' | 'position') {
    return this.store.dictionary(kind);
  }

  private async apply(
    id: string,
    version: number,
    patch: Parameters<OrganisationStore['update']>[2],
    events: Parameters<OrganisationStore['update']>[3],
  ): Promise<Organisation> {
    const result = await this.store.update(id, version, patch, events);
    if (result === null)
      throw DomainError.notFound('IDENTITY.ORGANISATION_NOT_FOUND', 'Organisation not found');
    if (result === 'stale') {
      const current = await this.get(id);
      throw DomainError.conflict(
        'IDENTITY.STALE_VERSION',
        'The organisation was changed by someone else; reload it',
        { currentVersion: current.version, current },
      );
    }
    return result;
  }

  private validate(input: OrganisationInput): void {
    const errors = validateOrganisation(input);
    if (errors.length)
      throw DomainError.validation(
        'REQUEST.VALIDATION_FAILED',
        'The organisation has invalid fields',
        errors,
      );
  }

  private async checkRegion(regionId: string | null): Promise<void> {
    if (regionId !== null && !(await this.store.findRegion(regionId))) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'Unknown region', [
        { field: 'regionId', code: 'UNKNOWN_REGION', message: 'No such region' },
      ]);
    }
  }

  private fields(input: OrganisationInput) {
    return {
      regionId: input.regionId,
      name: input.name.trim(),
      shortName: input.shortName?.trim() || null,
      level: input.level,
      isConsultationCentre: input.isConsultationCentre,
      isCoordinationCentre: input.isCoordinationCentre,
      timeZone: input.timeZone,
      frmoOid: input.frmoOid?.trim() || null,
    };
  }
}
