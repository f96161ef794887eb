import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type IntegrationEvent } from '@tmk/shared-kernel';
import type {
  PatientCard,
  PatientLink,
  PatientMatch,
  PatientRecord,
  PatientSearch,
  PatientStore,
} from '@tmk/identity-application';
import type { RepresentativeRelation, Sex } from '@tmk/identity-domain';
import { inTransaction, iso, uniqueViolation } from './sql';

interface PatientRow {
  id: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | Date;
  sex: Sex;
  snils: string | null;
  oms_policy: string | null;
  oms_checksum_warning: boolean;
  phone: string | null;
  email: string | null;
  attached_organisation_id: string | null;
  region_id: string;
  version: number;
  matched_as?: 'SELF' | 'REPRESENTED';
}

const COLUMNS = `p.id, p.surname, p.name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex, p.snils,
  p.oms_policy, p.oms_checksum_warning, p.phone, p.email, p.attached_organisation_id, p.region_id, p.version`;

function toRecord(r: PatientRow): PatientRecord {
  return {
    id: r.id,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    birthDate: iso(r.birth_date),
    sex: r.sex,
    snils: r.snils,
    omsPolicy: r.oms_policy,
    omsChecksumWarning: r.oms_checksum_warning,
    phone: r.phone,
    email: r.email,
    attachedOrganisationId: r.attached_organisation_id,
    regionId: r.region_id,
    version: r.version,
  };
}

function name(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

@Injectable()
export class SqlPatientStore implements PatientStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(by: PatientSearch, limit: number): Promise<PatientMatch[]> {
    let rows: PatientRow[];
    if ('phone' in by) {
      // The phone owner's own cards and every card they represent (a parent finds their children).
      rows = await this.db.query(
        `WITH owners AS (SELECT id FROM identity.patient WHERE phone = $1)
         SELECT ${COLUMNS}, 'SELF' AS matched_as FROM identity.patient p WHERE p.id IN (SELECT id FROM owners)
         UNION ALL
         SELECT ${COLUMNS}, 'REPRESENTED' AS matched_as FROM identity.representative r
           JOIN identity.patient p ON p.id = r.patient_id
          WHERE r.representative_id IN (SELECT id FROM owners) AND r.patient_id NOT IN (SELECT id FROM owners)
         LIMIT $2`,
        [by.phone, limit],
      );
    } else if ('snils' in by) {
      rows = await this.db.query(
        `SELECT ${COLUMNS}, 'SELF' AS matched_as FROM identity.patient p WHERE p.snils = $1 LIMIT $2`,
        [by.snils, limit],
      );
    } else {
      rows = await this.db.query(
        `SELECT ${COLUMNS}, 'SELF' AS matched_as FROM identity.patient p WHERE p.oms_policy = $1 LIMIT $2`,
        [by.oms, limit],
      );
    }
    return rows.map((r) => ({ ...toRecord(r), matchedAs: r.matched_as ?? 'SELF' }));
  }

  async find(id: string): Promise<PatientCard | null> {
    const [row]: PatientRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM identity.patient p WHERE p.id = $1`,
      [id],
    );
    if (!row) return null;
    const links: (PatientRow & {
      relation: RepresentativeRelation;
      direction: 'representative' | 'represents';
    })[] = await this.db.query(
      `SELECT ${COLUMNS}, r.relation, 'representative' AS direction FROM identity.representative r
         JOIN identity.patient p ON p.id = r.representative_id WHERE r.patient_id = $1
       UNION ALL
       SELECT ${COLUMNS}, r.relation, 'represents' AS direction FROM identity.representative r
         JOIN identity.patient p ON p.id = r.patient_id WHERE r.representative_id = $1`,
      [id],
    );
    const link = (r: (typeof links)[number]): PatientLink => ({
      id: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: iso(r.birth_date),
      relation: r.relation,
    });
    return {
      ...toRecord(row),
      representatives: links.filter((l) => l.direction === 'representative').map(link),
      represents: links.filter((l) => l.direction === 'represents').map(link),
    };
  }

  async findIdBySnils(snils: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(`SELECT id FROM identity.patient WHERE snils = $1`, [
      snils,
    ]);
    return row?.id ?? null;
  }

  async actsFor(
    patientId: string,
  ): Promise<{ id: string; displayName: string; relation: 'SELF' | 'REPRESENTED' }[]> {
    const rows: {
      id: string;
      surname: string;
      name: string;
      patronymic: string | null;
      relation: 'SELF' | 'REPRESENTED';
    }[] = await this.db.query(
      `SELECT p.id, p.surname, p.name, p.patronymic, 'SELF' AS relation FROM identity.patient p WHERE p.id = $1
         UNION ALL
         SELECT p.id, p.surname, p.name, p.patronymic, 'REPRESENTED' FROM identity.representative r
           JOIN identity.patient p ON p.id = r.patient_id WHERE r.representative_id = $1`,
      [patientId],
    );
    return rows.map((r) => ({ id: r.id, displayName: name(r), relation: r.relation }));
  }

  async insert(p: PatientRecord, createdBy: string, events: IntegrationEvent[]): Promise<void> {
    try {
      await inTransaction(this.db, events, (em) =>
        em.query(
          `INSERT INTO identity.patient (id, surname, name, patronymic, birth_date, sex, snils, oms_policy,
             oms_checksum_warning, phone, email, attached_organisation_id, region_id, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
          [
            p.id,
            p.surname,
            p.name,
            p.patronymic,
            p.birthDate,
            p.sex,
            p.snils,
            p.omsPolicy,
            p.omsChecksumWarning,
            p.phone,
            p.email,
            p.attachedOrganisationId,
            p.regionId,
            createdBy,
          ],
        ),
      );
    } catch (error) {
      if (uniqueViolation(error) === 'patient_snils_key' && p.snils) {
        const existingPatientId = await this.findIdBySnils(p.snils);
        throw new DomainError(
          'IDENTITY.SNILS_TAKEN',
          'conflict',
          'A patient card with this SNILS already exists',
          [{ field: 'snils', code: 'TAKEN', message: 'A patient card with this SNILS already exists' }],
          { existingPatientId },
        );
      }
      throw error;
    }
  }

  async addRepresentative(
    patientId: string,
    representativeId: string,
    relation: RepresentativeRelation,
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO identity.representative (patient_id, representative_id, relation) VALUES ($1,$2,$3)
       ON CONFLICT (patient_id, representative_id) DO UPDATE SET relation = EXCLUDED.relation RETURNING patient_id`,
      [patientId, representativeId, relation],
    );
    return rows.length > 0;
  }
}
