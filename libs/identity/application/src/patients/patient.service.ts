import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  actorId,
  newId,
  normalizeOmsPolicy,
  normalizePhone,
  normalizeSnils,
  type Actor,
  type Clock,
} from '@tmk/shared-kernel';
import { PatientRegisteredV1 } from '@tmk/identity-contracts';
import { validatePatient, type PatientInput, type RepresentativeRelation } from '@tmk/identity-domain';
import {
  ORGANISATION_STORE,
  PATIENT_STORE,
  type OrganisationStore,
  type PatientCard,
  type PatientMatch,
  type PatientSearch,
  type PatientStore,
} from '../ports';
import { integrationEvent } from '../events';
import { AuthorizerService } from '../authorization/authorizer.service';

export interface SearchInput {
  readonly phone?: string;
  readonly snils?: string;
  readonly oms?: string;
}

@Injectable()
export class PatientService {
  constructor(
    @Inject(PATIENT_STORE) private readonly store: PatientStore,
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    private readonly authorizer: AuthorizerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Exact match on a normalised identifier; returns only the cards the actor may read. */
  async search(actor: Actor, input: SearchInput): Promise<PatientMatch[]> {
    const by = this.criterion(input);
    const found = await this.store.search(by, 50);
    const visible = found.filter(
      (p) =>
        this.authorizer.decide(actor, 'read', { type: 'patient', patientId: p.id, regionId: p.regionId })
          .allowed,
    );
    if (found.length > 0 && visible.length === 0) {
      // Found only outside the caller's scope: answer as "not found" (no existence oracle), but record it.
      await this.authorizer.recordDenial(actor, 'search', 'patient', 'matches outside the caller’s scope');
    }
    return visible;
  }

  private criterion(input: SearchInput): PatientSearch {
    const given = [input.phone, input.snils, input.oms].filter((v) => v !== undefined && v.trim() !== '');
    if (given.length !== 1) {
      throw DomainError.validation('IDENTITY.SEARCH_CRITERION', 'Give exactly one of phone, snils, oms', [
        { field: 'query', code: 'ONE_CRITERION', message: 'Give exactly one of phone, snils, oms' },
      ]);
    }
    if (input.phone) {
      const phone = normalizePhone(input.phone);
      if (!phone) throw this.badField('phone', 'PHONE_FORMAT', 'Phone must be like +79130000001');
      return { phone };
    }
    if (input.snils) {
      const snils = normalizeSnils(input.snils);
      if (!snils) throw this.badField('snils', 'SNILS_FORMAT', 'SNILS has 11 digits');
      return { snils };
    }
    const oms = normalizeOmsPolicy(input.oms ?? '');
    if (!oms) throw this.badField('oms', 'OMS_FORMAT', 'The OMS policy number has 16 digits');
    return { oms };
  }

  private badField(field: string, code: string, message: string): DomainError {
    return DomainError.validation('REQUEST.VALIDATION_FAILED', message, [{ field, code, message }]);
  }

  async get(actor: Actor, id: string): Promise<PatientCard> {
    const card = await this.store.find(id);
    if (!card) throw DomainError.notFound('IDENTITY.PATIENT_NOT_FOUND', 'Patient not found');
    await this.authorizer.require(actor, 'read', { type: 'patient', patientId: id, regionId: card.regionId });
    return card;
  }

  async register(actor: Actor, input: PatientInput): Promise<PatientCard> {
    const { data, errors } = validatePatient(input, this.clock.now());
    if (errors.length) {
      const snilsOnly = errors.every((e) => e.field === 'snils');
      throw new DomainError(
        snilsOnly ? 'IDENTITY.INVALID_SNILS' : 'IDENTITY.INVALID_PATIENT',
        'unprocessable',
        snilsOnly ? 'The SNILS is not valid' : 'The patient card has invalid fields',
        errors,
      );
    }
    let regionId: string | null;
    if (data.attachedOrganisationId) {
      const org = await this.organisations.find(data.attachedOrganisationId);
      if (!org?.active) {
        throw new DomainError('IDENTITY.INVALID_PATIENT', 'unprocessable', 'Unknown attached organisation', [
          {
            field: 'attachedOrganisationId',
            code: 'UNKNOWN_ORGANISATION',
            message: 'No such active organisation',
          },
        ]);
      }
      regionId = org.regionId;
    } else {
      regionId = actor.kind === 'staff' || actor.kind === 'integrator' ? actor.regionId : null;
    }
    if (regionId === null) {
      throw new DomainError(
        'IDENTITY.INVALID_PATIENT',
        'unprocessable',
        'A federal organisation must name the attached organisation',
        [
          {
            field: 'attachedOrganisationId',
            code: 'REQUIRED',
            message: 'attachedOrganisationId is required',
          },
        ],
      );
    }
    const id = newId();
    await this.authorizer.require(actor, 'create', { type: 'patient', patientId: id, regionId });
    await this.store.insert({ ...data, id, regionId, version: 1 }, `${actor.kind}:${actorId(actor)}`, [
      integrationEvent(
        PatientRegisteredV1,
        id,
        { patientId: id, regionId, byActorKind: actor.kind, byActorId: actorId(actor) },
        this.clock,
      ),
    ]);
    return (await this.store.find(id)) as PatientCard;
  }

  async addRepresentative(
    actor: Actor,
    patientId: string,
    representativeId: string,
    relation: RepresentativeRelation,
  ): Promise<PatientCard> {
    const patient = await this.get(actor, patientId);
    await this.get(actor, representativeId);
    if (patientId === representativeId) {
      throw new DomainError(
        'IDENTITY.INVALID_REPRESENTATIVE',
        'unprocessable',
        'A person cannot represent themself',
        [{ field: 'representativeId', code: 'SELF', message: 'same person' }],
      );
    }
    await this.store.addRepresentative(patient.id, representativeId, relation);
    return (await this.store.find(patientId)) as PatientCard;
  }
}
