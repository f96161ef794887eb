import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import type { SessionRecord, SessionStore, SessionWithSubject, StaffUser } from '@tmk/identity-application';
import { STAFF_SELECT, toUser, type UserRow } from './staff.store';
import { inTransaction } from './sql';

interface SessionRow {
  id: string;
  subject_kind: 'staff' | 'patient';
  staff_user_id: string | null;
  patient_id: string | null;
  active_organisation_id: string | null;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

function toSession(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    staffUserId: r.staff_user_id,
    patientId: r.patient_id,
    activeOrganisationId: r.active_organisation_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

@Injectable()
export class SqlSessionStore implements SessionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    s: SessionRecord & { tokenHash: Buffer; method: string; ip: string | null; userAgent: string | null },
    events: IntegrationEvent[],
  ): Promise<void> {
    await inTransaction(this.db, events, (em) =>
      em.query(
        `INSERT INTO identity.session (id, token_hash, subject_kind, staff_user_id, patient_id, active_organisation_id,
           csrf_token, method, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [
          s.id,
          s.tokenHash,
          s.subjectKind,
          s.staffUserId,
          s.patientId,
          s.activeOrganisationId,
          s.csrfToken,
          s.method,
          s.createdAt,
          s.lastSeenAt,
          s.expiresAt,
          s.ip,
          s.userAgent,
        ],
      ),
    );
  }

  async findByTokenHash(tokenHash: Buffer): Promise<SessionRecord | null> {
    const [row]: SessionRow[] = await this.db.query(`SELECT * FROM identity.session WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return row ? toSession(row) : null;
  }

  async findWithSubject(tokenHash: Buffer): Promise<SessionWithSubject | null> {
    const [row]: (SessionRow & {
      staff: UserRow | null;
      acts_for:
        | {
            id: string;
            surname: string;
            name: string;
            patronymic: string | null;
            relation: 'SELF' | 'REPRESENTED';
          }[]
        | null;
    })[] = await this.db.query(
      `SELECT s.*,
              CASE WHEN s.staff_user_id IS NOT NULL THEN
                (SELECT row_to_json(x) FROM (${STAFF_SELECT} WHERE u.id = s.staff_user_id) x) END AS staff,
              CASE WHEN s.patient_id IS NOT NULL THEN
                (SELECT json_agg(y) FROM (
                   SELECT p.id, p.surname, p.name, p.patronymic, 'SELF' AS relation FROM identity.patient p
                    WHERE p.id = s.patient_id
                   UNION ALL
                   SELECT p.id, p.surname, p.name, p.patronymic, 'REPRESENTED' FROM identity.representative r
                     JOIN identity.patient p ON p.id = r.patient_id WHERE r.representative_id = s.patient_id) y) END AS acts_for
         FROM identity.session s WHERE s.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    const session = toSession({
      ...row,
      created_at: new Date(row.created_at),
      last_seen_at: new Date(row.last_seen_at),
      expires_at: new Date(row.expires_at),
      revoked_at: row.revoked_at ? new Date(row.revoked_at) : null,
    });
    const staff: StaffUser | null = row.staff ? toUser(row.staff) : null;
    const actsFor = row.acts_for
      ? row.acts_for.map((p) => ({
          id: p.id,
          displayName: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
          relation: p.relation,
        }))
      : null;
    return { session, staff, actsFor };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE identity.session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2`, [
      id,
      at,
    ]);
  }

  async setActiveOrganisation(id: string, organisationId: string): Promise<void> {
    await this.db.query(`UPDATE identity.session SET active_organisation_id = $2 WHERE id = $1`, [
      id,
      organisationId,
    ]);
  }

  async revoke(id: string, at: Date, events: IntegrationEvent[]): Promise<void> {
    await inTransaction(this.db, events, (em) =>
      em.query(`UPDATE identity.session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, at]),
    );
  }

  async revokeAll(
    subject: { staffUserId: string } | { patientId: string },
    at: Date,
    exceptId: string | null,
    events: IntegrationEvent[],
  ): Promise<number> {
    const column = 'staffUserId' in subject ? 'staff_user_id' : 'patient_id';
    const id = 'staffUserId' in subject ? subject.staffUserId : subject.patientId;
    return inTransaction(this.db, events, async (em) => {
      const result: [unknown[], number] = await em.query(
        `UPDATE identity.session SET revoked_at = $2
          WHERE ${column} = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3)`,
        [id, at, exceptId],
      );
      return result[1];
    });
  }
}
