import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, AuditedRead, CurrentActor } from '@tmk/shared-infrastructure';
import { CLINICAL_ROLES } from '@tmk/identity-contracts';
import {
  PatientService,
  type PatientCard,
  type PatientLink,
  type PatientRecord,
} from '@tmk/identity-application';
import {
  NewPatientDto,
  PatientCardDto,
  PatientMatchDto,
  PatientSearchQueryDto,
  RepresentativeInputDto,
} from './dto';

const fullName = (p: { surname: string; name: string; patronymic: string | null }) =>
  [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

function record<T extends PatientRecord>(p: T): T & { displayName: string } {
  return { ...p, displayName: fullName(p) };
}

function link(l: PatientLink) {
  return { id: l.id, displayName: fullName(l), birthDate: l.birthDate, relation: l.relation };
}

function card(p: PatientCard): PatientCardDto {
  return { ...record(p), representatives: p.representatives.map(link), represents: p.represents.map(link) };
}

/** Patient cards (personal data, no health data): search, create, representatives. */
@ApiTags('identity')
@ApiCookieAuth()
@Controller('identity/patients')
export class PatientsController {
  constructor(private readonly patients: PatientService) {}

  @Get('search')
  @Access.to({ staff: [...CLINICAL_ROLES], integrator: ['patients:read'] })
  @ApiOkResponse({ type: [PatientMatchDto] })
  @AuditedRead({
    resource: 'patient-search',
    patientIds: (r) => (r as { id: string }[]).map((p) => p.id),
    resourceId: () => null,
  })
  async search(
    @CurrentActor() actor: Actor,
    @Query() query: PatientSearchQueryDto,
  ): Promise<PatientMatchDto[]> {
    return (await this.patients.search(actor, query)).map(record);
  }

  @Post()
  @Access.to({ staff: [...CLINICAL_ROLES], integrator: ['patients:write'] })
  @ApiCreatedResponse({ type: PatientCardDto })
  async create(@CurrentActor() actor: Actor, @Body() body: NewPatientDto): Promise<PatientCardDto> {
    return card(await this.patients.register(actor, body));
  }

  @Get(':id')
  @Access.to({ staff: [...CLINICAL_ROLES], patient: true, integrator: ['patients:read'] })
  @ApiOkResponse({ type: PatientCardDto })
  @AuditedRead({ resource: 'patient', patientIds: (r) => [(r as { id: string }).id] })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PatientCardDto> {
    return card(await this.patients.get(actor, id));
  }

  @Post(':id/representatives')
  @HttpCode(200)
  @Access.staff(...CLINICAL_ROLES)
  @ApiOkResponse({ type: PatientCardDto })
  async addRepresentative(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RepresentativeInputDto,
  ): Promise<PatientCardDto> {
    return card(await this.patients.addRepresentative(actor, id, body.representativeId, body.relation));
  }
}
