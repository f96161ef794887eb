import { Inject, Injectable } from '@nestjs/common';
import type {
  DirectoryOrganisation,
  DirectoryPatient,
  DirectoryStaff,
  IdentityDirectory,
} from '@tmk/identity-contracts';
import {
  ORGANISATION_STORE,
  PATIENT_STORE,
  STAFF_STORE,
  type Organisation,
  type OrganisationStore,
  type PatientStore,
  type StaffStore,
  type StaffUser,
} from '../ports';

const initials = (u: { surname: string; name: string; patronymic: string | null }) =>
  [u.surname, `${u.name.charAt(0)}.${u.patronymic ? ` ${u.patronymic.charAt(0)}.` : ''}`].join(' ');

/** The identity directory other contexts read (published contract `IdentityDirectory`). */
@Injectable()
export class DirectoryService implements IdentityDirectory {
  private readonly regionCodes = new Map<string, string>();

  constructor(
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(STAFF_STORE) private readonly staffStore: StaffStore,
    @Inject(PATIENT_STORE) private readonly patients: PatientStore,
  ) {}

  private async regionCode(regionId: string | null): Promise<string | null> {
    if (!regionId) return null;
    const cached = this.regionCodes.get(regionId);
    if (cached) return cached;
    const region = await this.organisations.findRegion(regionId);
    if (region) this.regionCodes.set(regionId, region.code);
    return region?.code ?? null;
  }

  private async toOrganisation(o: Organisation): Promise<DirectoryOrganisation> {
    return {
      id: o.id,
      regionId: o.regionId,
      regionCode: await this.regionCode(o.regionId),
      name: o.name,
      shortName: o.shortName,
      level: o.level,
      isConsultationCentre: o.isConsultationCentre,
      isCoordinationCentre: o.isCoordinationCentre,
      timeZone: o.timeZone,
      active: o.active,
    };
  }

  private static toStaff(u: StaffUser): DirectoryStaff {
    return {
      id: u.id,
      displayName: initials(u),
      specialtyCode: u.specialtyCode,
      snils: u.snils,
      active: u.active,
      memberships: u.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
    };
  }

  async organisation(id: string): Promise<DirectoryOrganisation | null> {
    const o = await this.organisations.find(id);
    return o ? this.toOrganisation(o) : null;
  }

  async consultationCentres(regionId: string | null): Promise<DirectoryOrganisation[]> {
    const all = await this.organisations.list({ regionId, includeInactive: false });
    const centres = all.filter((o) => o.isConsultationCentre && o.regionId === regionId);
    return Promise.all(centres.map((o) => this.toOrganisation(o)));
  }

  async staff(id: string): Promise<DirectoryStaff | null> {
    const u = await this.staffStore.find(id);
    return u ? DirectoryService.toStaff(u) : null;
  }

  async consultants(organisationId: string, specialtyCode?: string | null): Promise<DirectoryStaff[]> {
    const users = await this.staffStore.list({ organisationId, includeInactive: false });
    return users
      .filter((u) =>
        u.memberships.some((m) => m.organisationId === organisationId && m.role === 'CONSULTANT'),
      )
      .filter((u) => !specialtyCode || u.specialtyCode === specialtyCode)
      .map(DirectoryService.toStaff);
  }

  async patient(id: string): Promise<DirectoryPatient | null> {
    const p = await this.patients.find(id);
    if (!p) return null;
    return {
      id: p.id,
      displayName: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
      birthDate: p.birthDate,
      regionId: p.regionId,
    };
  }
}
