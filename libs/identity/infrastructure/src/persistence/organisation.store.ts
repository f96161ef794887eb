import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type IntegrationEvent } from '@tmk/shared-kernel';
import type {
  DictionaryEntry,
  Organisation,
  OrganisationFields,
  OrganisationStore,
  Region,
} from '@tmk/identity-application';
import type { OrganisationLevel } from '@tmk/identity-domain';
import { appendToOutbox } from '@tmk/shared-infrastructure';
import { inTransaction, uniqueViolation } from './sql';

interface OrgRow {
  id: string;
  region_id: string | null;
  region_name: string | null;
  name: string;
  short_name: string | null;
  level: number;
  is_consultation_centre: boolean;
  is_coordination_centre: boolean;
  time_zone: string;
  frmo_oid: string | null;
  active: boolean;
  version: number;
}

const SELECT = `SELECT o.*, r.name AS region_name FROM identity.organisation o LEFT JOIN identity.region r ON r.id = o.region_id`;

function toOrganisation(r: OrgRow): Organisation {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name,
    name: r.name,
    shortName: r.short_name,
    level: r.level as OrganisationLevel,
    isConsultationCentre: r.is_consultation_centre,
    isCoordinationCentre: r.is_coordination_centre,
    timeZone: r.time_zone,
    frmoOid: r.frmo_oid,
    active: r.active,
    version: r.version,
  };
}

const COLUMNS: Record<keyof OrganisationFields | 'active', string> = {
  regionId: 'region_id',
  name: 'name',
  shortName: 'short_name',
  level: 'level',
  isConsultationCentre: 'is_consultation_centre',
  isCoordinationCentre: 'is_coordination_centre',
  timeZone: 'time_zone',
  frmoOid: 'frmo_oid',
  active: 'active',
};

function frmoTaken(error: unknown): never {
  if (uniqueViolation(error) === 'organisation_frmo_oid_key') {
    throw new DomainError('IDENTITY.FRMO_OID_TAKEN', 'conflict', 'Another organisation has this ФРМО OID', [
      { field: 'frmoOid', code: 'TAKEN', message: 'Another organisation has this ФРМО OID' },
    ]);
  }
  throw error;
}

@Injectable()
export class SqlOrganisationStore implements OrganisationStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listRegions(): Promise<Region[]> {
    const rows: { id: string; code: string; name: string; time_zone: string }[] = await this.db.query(
      `SELECT * FROM identity.region ORDER BY name`,
    );
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, timeZone: r.time_zone }));
  }

  async findRegion(id: string): Promise<Region | null> {
    const [r]: { id: string; code: string; name: string; time_zone: string }[] = await this.db.query(
      `SELECT * FROM identity.region WHERE id = $1`,
      [id],
    );
    return r ? { id: r.id, code: r.code, name: r.name, timeZone: r.time_zone } : null;
  }

  async list(filter: {
    regionId?: string | null;
    q?: string;
    includeInactive: boolean;
  }): Promise<Organisation[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.regionId === null) where.push('o.region_id IS NULL');
    else if (filter.regionId) {
      params.push(filter.regionId);
      where.push(`o.region_id = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(o.name ILIKE $${params.length} OR o.short_name ILIKE $${params.length})`);
    }
    if (!filter.includeInactive) where.push('o.active');
    const rows: OrgRow[] = await this.db.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.name NULLS FIRST, o.name LIMIT 500`,
      params,
    );
    return rows.map(toOrganisation);
  }

  async find(id: string): Promise<Organisation | null> {
    const [row]: OrgRow[] = await this.db.query(`${SELECT} WHERE o.id = $1`, [id]);
    return row ? toOrganisation(row) : null;
  }

  async findMany(ids: readonly string[]): Promise<Organisation[]> {
    if (ids.length === 0) return [];
    const rows: OrgRow[] = await this.db.query(`${SELECT} WHERE o.id = ANY($1::uuid[])`, [ids]);
    return rows.map(toOrganisation);
  }

  async insert(id: string, f: OrganisationFields, events: IntegrationEvent[]): Promise<void> {
    try {
      await inTransaction(this.db, events, (em) =>
        em.query(
          `INSERT INTO identity.organisation (id, region_id, name, short_name, level, is_consultation_centre,
             is_coordination_centre, time_zone, frmo_oid) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
          [
            id,
            f.regionId,
            f.name,
            f.shortName,
            f.level,
            f.isConsultationCentre,
            f.isCoordinationCentre,
            f.timeZone,
            f.frmoOid,
          ],
        ),
      );
    } catch (error) {
      frmoTaken(error);
    }
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: Partial<OrganisationFields> & { active?: boolean },
    events: (org: Organisation) => IntegrationEvent[],
  ): Promise<Organisation | 'stale' | null> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
      keyof typeof COLUMNS,
      unknown,
    ][];
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 3}`);
    try {
      return await this.db.transaction(async (em) => {
        const updated: { id: string }[] = await em.query(
          `UPDATE identity.organisation SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
           WHERE id = $1 AND version = $2 RETURNING id`,
          [id, expectedVersion, ...entries.map(([, v]) => v)],
        );
        // TypeORM returns [rows, count] for UPDATE … RETURNING
        const rows = Array.isArray(updated[0]) ? (updated[0] as { id: string }[]) : updated;
        if (rows.length === 0) {
          const [exists]: { id: string }[] = await em.query(
            `SELECT id FROM identity.organisation WHERE id = $1`,
            [id],
          );
          return exists ? 'stale' : null;
        }
        const [row]: OrgRow[] = await em.query(`${SELECT} WHERE o.id = $1`, [id]);
        const org = toOrganisation(row as OrgRow);
        await appendToOutbox(em, events(org));
        return org;
      });
    } catch (error) {
      return frmoTaken(error);
    }
  }

  async dictionary(kind: 'specialty' | 'position'): Promise<DictionaryEntry[]> {
    return this.db.query(
      `SELECT code, name, oid, version FROM identity.dictionary_entry WHERE dictionary = $1 ORDER BY name`,
      [kind],
    );
  }
}
