import type {
  AuditFilter,
  AuditReader,
  AuditRecordView,
  IntegrityReport,
  PatientAccess,
  SecurityHour,
} from '@tmk/audit-application';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  extendChain,
  GENESIS_HASH,
  verifySegment,
  type AuditDraft,
  type AuditRecord,
  type ChainBreak,
} from '@tmk/audit-domain';

export interface AuditRecordRow {
  seq: string;
  id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_roles: string[];
  actor_organisation_id: string | null;
  actor_region_id: string | null;
  on_behalf_of: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  source_event_id: string | null;
  source_event_type: string | null;
  changes: Record<string, unknown> | null;
  retention: string;
  hash: Buffer;
  recorded_at?: Date;
}

export function toRecord(r: AuditRecordRow): AuditRecord {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind as AuditRecord['actorKind'],
    actorId: r.actor_id,
    actorRoles: r.actor_roles,
    actorOrganisationId: r.actor_organisation_id,
    actorRegionId: r.actor_region_id,
    onBehalfOf: r.on_behalf_of,
    action: r.action as AuditRecord['action'],
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    patientId: r.patient_id,
    outcome: r.outcome as AuditRecord['outcome'],
    reason: r.reason,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    sourceEventId: r.source_event_id,
    sourceEventType: r.source_event_type,
    changes: r.changes,
    retention: r.retention,
    hash: r.hash,
  };
}

export interface VerifyResult {
  readonly checked: number;
  readonly headSeq: number;
  readonly broken: ChainBreak | null;
  readonly millis: number;
}

const COLUMNS = `seq, id, at, actor_kind, actor_id, actor_roles, actor_organisation_id, actor_region_id, on_behalf_of,
  action, resource_type, resource_id, patient_id, outcome, reason, ip, user_agent, request_id, source_event_id,
  source_event_type, changes, retention, hash`;

export const AUDIT_COLUMNS = COLUMNS;

/**
 * The multi-row INSERT of audit records (one statement per batch). Roles travel comma-joined: unnest()
 * cannot take an array of arrays of different lengths. `table` lets the bench write the same rows elsewhere.
 */
export function auditInsertSql(table: string): string {
  return `INSERT INTO ${table} (${COLUMNS})
       SELECT seq, id, at, actor_kind, actor_id, CASE WHEN roles = '' THEN '{}'::text[] ELSE string_to_array(roles, ',') END,
              actor_organisation_id, actor_region_id, on_behalf_of, action, resource_type, resource_id, patient_id,
              outcome, reason, ip, user_agent, request_id, source_event_id, source_event_type, changes, retention, hash
         FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                     $16::text[], $17::text[], $18::text[], $19::uuid[], $20::text[], $21::jsonb[], $22::text[],
                     $23::bytea[])
           AS t(seq, id, at, actor_kind, actor_id, roles, actor_organisation_id, actor_region_id, on_behalf_of, action,
                resource_type, resource_id, patient_id, outcome, reason, ip, user_agent, request_id, source_event_id,
                source_event_type, changes, retention, hash)`;
}

export function auditInsertParams(records: readonly AuditRecord[]): unknown[] {
  const col = <T>(f: (r: AuditRecord) => T) => records.map(f);
  return [
    col((r) => r.seq),
    col((r) => r.id),
    col((r) => r.at.toISOString()),
    col((r) => r.actorKind),
    col((r) => r.actorId),
    col((r) => r.actorRoles.join(',')),
    col((r) => r.actorOrganisationId),
    col((r) => r.actorRegionId),
    col((r) => r.onBehalfOf),
    col((r) => r.action),
    col((r) => r.resourceType),
    col((r) => r.resourceId),
    col((r) => r.patientId),
    col((r) => r.outcome),
    col((r) => r.reason),
    col((r) => r.ip),
    col((r) => r.userAgent),
    col((r) => r.requestId),
    col((r) => r.sourceEventId),
    col((r) => r.sourceEventType),
    col((r) => (r.changes === null ? null : JSON.stringify(r.changes))),
    col((r) => r.retention),
    col((r) => r.hash),
  ];
}

/** Appends to and verifies the hash-chained, append-only `audit.record`. */
@Injectable()
export class AuditRecordStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends drafts in the caller's transaction: locks the chain head (one writer at a time, so the chain
   * has no forks), computes the hashes, inserts all rows with one statement and moves the head.
   */
  async append(em: EntityManager, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return [];
    const [head]: { seq: string; hash: Buffer }[] = await em.query(
      `SELECT seq, hash FROM audit.chain_head WHERE id = 1 FOR UPDATE`,
    );
    if (!head) throw new Error('audit.chain_head is missing: run the migrations');
    const records = extendChain(Number(head.seq), head.hash, drafts);
    await em.query(auditInsertSql('audit.record'), auditInsertParams(records));
    const last = records[records.length - 1] as AuditRecord;
    await em.query(`UPDATE audit.chain_head SET seq = $1, hash = $2 WHERE id = 1`, [last.seq, last.hash]);
    return records;
  }

  /**
   * Re-computes the chain in `seq` order, in pages, up to the head as it was when verification started
   * (records appended meanwhile are left for the next run); reports the first broken record.
   */
  async verify(pageSize = 20_000): Promise<VerifyResult> {
    const started = performance.now();
    const [head]: { seq: string; hash: Buffer }[] = await this.db.query(
      `SELECT seq, hash FROM audit.chain_head WHERE id = 1`,
    );
    const lastSeq = Number(head?.seq ?? 0);
    let headSeq = 0;
    let headHash: Buffer = GENESIS_HASH;
    let checked = 0;
    const done = (broken: ChainBreak | null): VerifyResult => ({
      checked,
      headSeq,
      broken,
      millis: performance.now() - started,
    });
    while (headSeq < lastSeq) {
      const rows: AuditRecordRow[] = await this.db.query(
        `SELECT ${COLUMNS} FROM audit.record WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
        [headSeq, lastSeq, pageSize],
      );
      if (rows.length === 0) break;
      const result = verifySegment(headSeq, headHash, rows.map(toRecord));
      checked += result.headSeq - headSeq;
      headSeq = result.headSeq;
      headHash = result.headHash;
      if (result.broken) return done(result.broken);
    }
    // Records deleted at the end of the chain: the head says there should be more.
    if (headSeq < lastSeq) return done({ kind: 'GAP', seq: headSeq + 1, expectedSeq: headSeq + 1 });
    if (head && lastSeq > 0 && !head.hash.equals(headHash))
      return done({ kind: 'HASH_MISMATCH', seq: lastSeq });
    return done(null);
  }
}

// ── read side ───────────────────────────────────────────────────────────────────────────────────────────

export function toView(r: AuditRecordRow): AuditRecordView {
  const { hash, ...rest } = toRecord(r);
  return { ...rest, at: r.at.toISOString(), hash: hash.toString('hex') };
}

@Injectable()
export class SqlAuditReader implements AuditReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuditRecordStore,
  ) {}

  async search(f: AuditFilter): Promise<AuditRecordView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.actorId) add('actor_id = ?', f.actorId);
    if (f.patientId) add('patient_id = ?', f.patientId);
    if (f.resourceType) add('resource_type = ?', f.resourceType);
    if (f.resourceId) add('resource_id = ?', f.resourceId);
    if (f.requestId) add('request_id = ?', f.requestId);
    if (f.action) add('action = ?', f.action);
    if (f.outcome) add('outcome = ?', f.outcome);
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at < ?', f.to);
    if (f.beforeSeq) add('seq < ?', f.beforeSeq);
    if (f.actorRegionId) add('actor_region_id = ?', f.actorRegionId);
    params.push(f.limit);
    const rows: AuditRecordRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM audit.record ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toView);
  }

  async get(seq: number): Promise<AuditRecordView | null> {
    const [row]: AuditRecordRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM audit.record WHERE seq = $1`,
      [seq],
    );
    return row ? toView(row) : null;
  }

  async securityByHour(from: Date, to: Date, actorRegionId?: string): Promise<SecurityHour[]> {
    const rows: { hour: Date; login_failures: number; lockouts: number; denials: number; logins: number }[] =
      await this.db.query(
        `SELECT date_trunc('hour', at) AS hour,
                count(*) FILTER (WHERE action = 'login' AND outcome = 'failure')::int AS login_failures,
                count(*) FILTER (WHERE action = 'login' AND outcome = 'failure' AND reason LIKE '%locked%')::int AS lockouts,
                count(*) FILTER (WHERE action = 'deny')::int AS denials,
                count(*) FILTER (WHERE action = 'login' AND outcome = 'success')::int AS logins
           FROM audit.record
          WHERE at >= $1 AND at < $2 AND action IN ('login', 'deny')
            AND ($3::text IS NULL OR actor_region_id = $3 OR actor_region_id IS NULL)
          GROUP BY 1 ORDER BY 1`,
        [from, to, actorRegionId ?? null],
      );
    return rows.map((r) => ({
      hour: r.hour.toISOString(),
      loginFailures: r.login_failures,
      lockouts: r.lockouts,
      denials: r.denials,
      logins: r.logins,
    }));
  }

  async patientAccesses(patientId: string, limit: number): Promise<PatientAccess[]> {
    const rows: AuditRecordRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM audit.record
        WHERE patient_id = $1 AND action = 'read' AND outcome = 'success'
        ORDER BY at DESC LIMIT $2`,
      [patientId, limit],
    );
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actorKind: r.actor_kind,
      actorRoles: r.actor_roles,
      actorOrganisationId: r.actor_organisation_id,
      resourceType: r.resource_type,
      onBehalfOf: r.on_behalf_of,
    }));
  }

  async verify(): Promise<IntegrityReport> {
    const result = await this.store.verify();
    return { ok: result.broken === null, ...result };
  }
}
