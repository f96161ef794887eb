import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, type IntegrationEvent, type StaffRole } from '@tmk/shared-kernel';
import type { Membership, NewStaffUser, StaffStore, StaffUser } from '@tmk/identity-application';
import { appendToOutbox } from '@tmk/shared-infrastructure';
import { inTransaction, uniqueViolation } from './sql';

export interface UserRow {
  id: string;
  login: string;
  surname: string;
  name: string;
  patronymic: string | null;
  snils: string | null;
  specialty_code: string | null;
  position_code: string | null;
  time_zone: string;
  must_change_password: boolean;
  active: boolean;
  password_hash: string | null;
  memberships:
    | {
        organisationId: string;
        organisationName: string;
        regionId: string | null;
        role: StaffRole;
        organisationActive: boolean;
      }[]
    | null;
}

/** One query: the user with their memberships aggregated as JSON. */
export const STAFF_SELECT = `
  SELECT u.*, (
    SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'organisationName', o.name,
             'regionId', o.region_id, 'role', m.role, 'organisationActive', o.active) ORDER BY o.name, m.role)
      FROM identity.membership m JOIN identity.organisation o ON o.id = m.organisation_id
     WHERE m.user_id = u.id) AS memberships
  FROM identity.staff_user u`;

export function toUser(r: UserRow): StaffUser {
  return {
    id: r.id,
    login: r.login,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    snils: r.snils,
    specialtyCode: r.specialty_code,
    positionCode: r.position_code,
    timeZone: r.time_zone,
    mustChangePassword: r.must_change_password,
    active: r.active,
    memberships: (r.memberships ?? []) as Membership[],
  };
}

function duplicate(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'staff_user_login_key') {
    throw new DomainError('IDENTITY.LOGIN_TAKEN', 'conflict', 'This login is taken', [
      { field: 'login', code: 'TAKEN', message: 'This login is taken' },
    ]);
  }
  if (constraint === 'staff_user_snils_key') {
    throw new DomainError('IDENTITY.SNILS_TAKEN', 'conflict', 'Another user has this SNILS', [
      { field: 'snils', code: 'TAKEN', message: 'Another user has this SNILS' },
    ]);
  }
  throw error;
}

@Injectable()
export class SqlStaffStore implements StaffStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: {
    regionId?: string | null;
    organisationId?: string;
    q?: string;
    includeInactive: boolean;
  }): Promise<StaffUser[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.organisationId) {
      params.push(filter.organisationId);
      where.push(
        `EXISTS (SELECT 1 FROM identity.membership m WHERE m.user_id = u.id AND m.organisation_id = $${params.length})`,
      );
    } else if (filter.regionId) {
      params.push(filter.regionId);
      where.push(`EXISTS (SELECT 1 FROM identity.membership m JOIN identity.organisation o ON o.id = m.organisation_id
                          WHERE m.user_id = u.id AND o.region_id = $${params.length})`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      where.push(`(u.login ILIKE ${p} OR u.surname ILIKE ${p} OR u.name ILIKE ${p} OR u.snils LIKE ${p})`);
    }
    if (!filter.includeInactive) where.push('u.active');
    const rows: UserRow[] = await this.db.query(
      `${STAFF_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.surname, u.name LIMIT 500`,
      params,
    );
    return rows.map(toUser);
  }

  async find(id: string): Promise<StaffUser | null> {
    const [row]: UserRow[] = await this.db.query(`${STAFF_SELECT} WHERE u.id = $1`, [id]);
    return row ? toUser(row) : null;
  }

  async findByLogin(login: string): Promise<(StaffUser & { passwordHash: string | null }) | null> {
    const [row]: UserRow[] = await this.db.query(`${STAFF_SELECT} WHERE u.login = $1`, [login]);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async findIdBySnils(snils: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT id FROM identity.staff_user WHERE snils = $1 AND active`,
      [snils],
    );
    return row?.id ?? null;
  }

  async passwordHash(id: string): Promise<string | null> {
    const [row]: { password_hash: string | null }[] = await this.db.query(
      `SELECT password_hash FROM identity.staff_user WHERE id = $1`,
      [id],
    );
    return row?.password_hash ?? null;
  }

  async insert(u: NewStaffUser, events: IntegrationEvent[]): Promise<void> {
    try {
      await inTransaction(this.db, events, async (em) => {
        await em.query(
          `INSERT INTO identity.staff_user (id, login, surname, name, patronymic, snils, specialty_code, position_code,
             time_zone, password_hash, must_change_password) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [
            u.id,
            u.login,
            u.surname,
            u.name,
            u.patronymic,
            u.snils,
            u.specialtyCode,
            u.positionCode,
            u.timeZone,
            u.passwordHash,
            u.mustChangePassword,
          ],
        );
        await em.query(
          `INSERT INTO identity.membership (user_id, organisation_id, role, granted_by)
           SELECT $1, org, role, $4 FROM unnest($2::uuid[], $3::text[]) AS t(org, role) ON CONFLICT DO NOTHING`,
          [u.id, u.memberships.map((m) => m.organisationId), u.memberships.map((m) => m.role), u.createdBy],
        );
      });
    } catch (error) {
      duplicate(error);
    }
  }

  async grant(
    userId: string,
    organisationId: string,
    role: StaffRole,
    by: string | null,
    events: IntegrationEvent[],
  ): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `INSERT INTO identity.membership (user_id, organisation_id, role, granted_by) VALUES ($1,$2,$3,$4)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [userId, organisationId, role, by],
      );
      if (rows.length === 0) return false;
      await appendToOutbox(em, events);
      return true;
    });
  }

  async revoke(
    userId: string,
    organisationId: string,
    role: StaffRole,
    events: IntegrationEvent[],
  ): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const result: [unknown[], number] = await em.query(
        `DELETE FROM identity.membership WHERE user_id = $1 AND organisation_id = $2 AND role = $3 RETURNING user_id`,
        [userId, organisationId, role],
      );
      const count = Array.isArray(result[0]) ? result[1] : (result as unknown[]).length;
      if (count === 0) return false;
      await appendToOutbox(em, events);
      return true;
    });
  }

  async setPassword(
    userId: string,
    hash: string,
    mustChange: boolean,
    events: IntegrationEvent[],
  ): Promise<void> {
    await inTransaction(this.db, events, (em) =>
      em.query(
        `UPDATE identity.staff_user SET password_hash = $2, must_change_password = $3, version = version + 1,
           updated_at = now() WHERE id = $1`,
        [userId, hash, mustChange],
      ),
    );
  }

  async setActive(userId: string, active: boolean, events: IntegrationEvent[]): Promise<void> {
    await inTransaction(this.db, events, (em) =>
      em.query(
        `UPDATE identity.staff_user SET active = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [userId, active],
      ),
    );
  }

  async updateProfile(
    userId: string,
    patch: { timeZone: string },
    events: IntegrationEvent[],
  ): Promise<void> {
    await inTransaction(this.db, events, (em) =>
      em.query(
        `UPDATE identity.staff_user SET time_zone = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [userId, patch.timeZone],
      ),
    );
  }
}
