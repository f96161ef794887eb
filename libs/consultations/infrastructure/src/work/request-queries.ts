import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  DashboardCounts,
  HistoryEntry,
  InboxBox,
  JournalFilter,
  MineBox,
  Page,
  QueueFilter,
  RequestListItem,
  RequestQueries,
} from '@tmk/consultations-application';

const LIST_COLUMNS = `r.id, r.number, r.status, r.level, r.urgency, r.mode, r.profile_code, r.patient_id, r.patient_name,
  to_char(r.patient_birth_date, 'YYYY-MM-DD') AS patient_birth_date, r.requester_id, r.requester_name,
  r.requester_organisation_name, r.centre_id, r.centre_name, r.consultant_id, r.consultant_name,
  left(r.content->>'question', 300) AS question, r.received_at, r.due_at, r.warn_at, r.paused_at, r.sla_state, r.answered_at,
  r.created_at, r.updated_at`;

const OPEN = `('NEW','RETURNED','ASSIGNED','IN_WORK','AWAITING_DATA')`;
const FINISHED = `('CONCLUSION_SUBMITTED','CLOSED','REJECTED','CANCELLED')`;

interface ListRow {
  id: string;
  number: string | null;
  status: RequestListItem['status'];
  level: RequestListItem['level'];
  urgency: RequestListItem['urgency'];
  mode: RequestListItem['mode'];
  profile_code: string;
  patient_id: string;
  patient_name: string;
  patient_birth_date: string | null;
  requester_id: string;
  requester_name: string;
  requester_organisation_name: string;
  centre_id: string | null;
  centre_name: string | null;
  consultant_id: string | null;
  consultant_name: string | null;
  question: string;
  received_at: Date | null;
  due_at: Date | null;
  warn_at: Date | null;
  paused_at: Date | null;
  sla_state: RequestListItem['slaState'];
  answered_at: Date | null;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

export function toListItem(r: ListRow): RequestListItem {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    level: r.level,
    urgency: r.urgency,
    mode: r.mode,
    profileCode: r.profile_code,
    patientId: r.patient_id,
    patientName: r.patient_name,
    patientBirthDate: r.patient_birth_date,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    requesterOrganisationName: r.requester_organisation_name,
    centreId: r.centre_id,
    centreName: r.centre_name,
    consultantId: r.consultant_id,
    consultantName: r.consultant_name,
    question: r.question ?? '',
    receivedAt: r.received_at,
    dueAt: r.due_at,
    warnAt: r.warn_at,
    pausedAt: r.paused_at,
    slaState: r.sla_state,
    answeredAt: r.answered_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A WHERE clause with its positional parameters. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: (v: unknown) => string) => string): this {
    this.parts.push(sql((v) => `$${this.params.push(v)}`));
    return this;
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

function journalWhere(f: JournalFilter): Where {
  const w = new Where().add(() => `r.status <> 'DRAFT'`);
  if (!f.allRegions) w.add((p) => `r.region_id = ${p(f.regionId)}`);
  if (f.from) w.add((p) => `r.received_at >= ${p(f.from)}`);
  if (f.to) w.add((p) => `r.received_at < ${p(f.to)}`);
  if (f.organisationId)
    w.add(
      (p) => `(r.requester_organisation_id = ${p(f.organisationId)} OR r.centre_id = $${w.params.length})`,
    );
  if (f.profileCode) w.add((p) => `r.profile_code = ${p(f.profileCode)}`);
  if (f.urgency) w.add((p) => `r.urgency = ${p(f.urgency)}`);
  if (f.status) w.add((p) => `r.status = ${p(f.status)}`);
  if (f.deadline === 'MISSED') w.add(() => `r.sla_state = 'BREACHED'`);
  if (f.deadline === 'MET') w.add(() => `r.answered_at IS NOT NULL AND r.sla_state <> 'BREACHED'`);
  return w;
}

/** Read side of requests: lists, queue, journal and dashboard in plain SQL over the request table. */
@Injectable()
export class SqlRequestQueries implements RequestQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private async page(
    where: Where,
    order: string,
    limit: number,
    offset: number,
  ): Promise<Page<RequestListItem>> {
    const rows: ListRow[] = await this.db.query(
      `SELECT ${LIST_COLUMNS}, count(*) OVER () AS total FROM consultations.request r ${where.sql}
        ORDER BY ${order} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      where.params,
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && offset > 0) {
      const [c]: { n: string }[] = await this.db.query(
        `SELECT count(*) AS n FROM consultations.request r ${where.sql}`,
        where.params,
      );
      total = Number(c?.n ?? 0);
    }
    return { items: rows.map(toListItem), total };
  }

  private static inboxWhere(c: { userId: string; organisationId: string | null }, box: InboxBox): Where {
    const w = new Where();
    switch (box) {
      case 'NEW':
        return w.add(
          (p) =>
            `r.status = 'ASSIGNED' AND (r.consultant_id = ${p(c.userId)} OR (r.consultant_id IS NULL AND r.centre_id = ${p(c.organisationId)}))`,
        );
      case 'IN_WORK':
        return w.add((p) => `r.consultant_id = ${p(c.userId)} AND r.status IN ('IN_WORK','AWAITING_DATA')`);
      case 'CLOSED':
        return w.add((p) => `r.consultant_id = ${p(c.userId)} AND r.status IN ${FINISHED}`);
      case 'OVERDUE':
        return w.add(
          (p) =>
            `r.consultant_id = ${p(c.userId)} AND r.status IN ${OPEN} AND (r.sla_state = 'BREACHED' OR r.due_at < now())`,
        );
    }
  }

  inbox(c: { userId: string; organisationId: string | null }, box: InboxBox, limit: number, offset: number) {
    const order = box === 'CLOSED' ? 'r.updated_at DESC, r.id' : 'r.due_at ASC NULLS LAST, r.id';
    return this.page(SqlRequestQueries.inboxWhere(c, box), order, limit, offset);
  }

  async inboxCounts(c: { userId: string; organisationId: string | null }): Promise<Record<InboxBox, number>> {
    const [row]: { new: string; in_work: string; closed: string; overdue: string }[] = await this.db.query(
      `SELECT
         count(*) FILTER (WHERE status = 'ASSIGNED') AS new,
         count(*) FILTER (WHERE status IN ('IN_WORK','AWAITING_DATA') AND consultant_id = $1) AS in_work,
         count(*) FILTER (WHERE status IN ${FINISHED} AND consultant_id = $1) AS closed,
         count(*) FILTER (WHERE status IN ${OPEN} AND consultant_id = $1
                            AND (sla_state = 'BREACHED' OR due_at < now())) AS overdue
       FROM consultations.request
       WHERE consultant_id = $1 OR (consultant_id IS NULL AND status = 'ASSIGNED' AND centre_id = $2)`,
      [c.userId, c.organisationId],
    );
    return {
      NEW: Number(row?.new ?? 0),
      IN_WORK: Number(row?.in_work ?? 0),
      CLOSED: Number(row?.closed ?? 0),
      OVERDUE: Number(row?.overdue ?? 0),
    };
  }

  mine(requesterId: string, box: MineBox, limit: number, offset: number) {
    const w = new Where().add((p) => `r.requester_id = ${p(requesterId)}`);
    if (box === 'DRAFT') w.add(() => `r.status = 'DRAFT'`);
    if (box === 'OPEN') w.add(() => `r.status IN ${OPEN.replace(')', ",'CONCLUSION_SUBMITTED')")}`);
    if (box === 'CLOSED') w.add(() => `r.status IN ('CLOSED','REJECTED','CANCELLED')`);
    if (box === 'OVERDUE')
      w.add(() => `r.status IN ${OPEN} AND (r.sla_state = 'BREACHED' OR r.due_at < now())`);
    return this.page(w, 'r.created_at DESC, r.id', limit, offset);
  }

  async queue(f: QueueFilter): Promise<RequestListItem[]> {
    const w = new Where().add(() => `r.status IN ${OPEN}`);
    if (f.regionId === null) w.add(() => `r.level = 'FEDERAL'`);
    else w.add((p) => `r.level = 'REGIONAL' AND r.region_id = ${p(f.regionId)}`);
    if (f.urgency) w.add((p) => `r.urgency = ${p(f.urgency)}`);
    if (f.profileCode) w.add((p) => `r.profile_code = ${p(f.profileCode)}`);
    const rows: ListRow[] = await this.db.query(
      `SELECT ${LIST_COLUMNS} FROM consultations.request r ${w.sql}
        ORDER BY (r.status = 'NEW') DESC, (r.urgency = 'EMERGENCY') DESC, r.due_at ASC NULLS LAST, r.id
        LIMIT 500`,
      w.params,
    );
    return rows.map(toListItem);
  }

  async history(requestId: string): Promise<HistoryEntry[]> {
    const rows: {
      at: Date;
      action: string;
      from_status: string;
      to_status: string;
      by_user_id: string;
      details: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT at, action, from_status, to_status, by_user_id, details FROM consultations.request_history
        WHERE request_id = $1 ORDER BY id`,
      [requestId],
    );
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      byUserId: r.by_user_id,
      details: r.details,
    }));
  }

  journal(filter: JournalFilter, limit: number, offset: number) {
    return this.page(journalWhere(filter), 'r.received_at DESC, r.id', limit, offset);
  }

  /** Keyset pagination over (received_at, id): each batch is one short query, memory stays flat. */
  async *journalRows(filter: JournalFilter): AsyncIterable<RequestListItem[]> {
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const w = journalWhere(filter);
      if (after) {
        const a: { at: Date; id: string } = after;
        w.add((p) => `(r.received_at, r.id) < (${p(a.at)}, ${p(a.id)}::uuid)`);
      }
      const rows: ListRow[] = await this.db.query(
        `SELECT ${LIST_COLUMNS} FROM consultations.request r ${w.sql} ORDER BY r.received_at DESC, r.id DESC LIMIT 2000`,
        w.params,
      );
      if (rows.length === 0) return;
      yield rows.map(toListItem);
      const last = rows[rows.length - 1] as ListRow;
      after = { at: last.received_at as Date, id: last.id };
      if (rows.length < 2000) return;
    }
  }

  async dashboard(filter: JournalFilter): Promise<DashboardCounts> {
    const w = journalWhere(filter);
    const from = `FROM consultations.request r ${w.sql}`;
    const answered = `count(*) FILTER (WHERE r.answered_at IS NOT NULL)`;
    const onTime = `count(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.sla_state <> 'BREACHED')`;
    const [byStatus, byUrgency, byCentre, byProfile, byDay] = await Promise.all([
      this.db.query(`SELECT r.status AS key, count(*) AS n ${from} GROUP BY 1`, w.params),
      this.db.query(`SELECT r.urgency AS key, count(*) AS n ${from} GROUP BY 1`, w.params),
      this.db.query(
        `SELECT r.centre_id AS key, max(r.centre_name) AS name, ${answered} AS answered, ${onTime} AS on_time
           ${from} AND r.centre_id IS NOT NULL GROUP BY 1 ORDER BY 3 DESC LIMIT 50`,
        w.params,
      ),
      this.db.query(
        `SELECT r.profile_code AS key, ${answered} AS answered, ${onTime} AS on_time ${from}
          GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
        w.params,
      ),
      this.db.query(
        `SELECT to_char(date_trunc('day', r.received_at), 'YYYY-MM-DD') AS day, count(*) AS received,
                ${answered} AS answered, ${onTime} AS on_time
           ${from} GROUP BY 1 ORDER BY 1 DESC LIMIT 92`,
        w.params,
      ),
    ]);
    const counts = (rows: { key: string; n: string }[]) =>
      Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
    return {
      byStatus: counts(byStatus),
      byUrgency: counts(byUrgency),
      onTime: (byCentre as { key: string; name: string; answered: string; on_time: string }[]).map((r) => ({
        key: r.key,
        name: r.name ?? '',
        answered: Number(r.answered),
        onTime: Number(r.on_time),
      })),
      byProfile: (byProfile as { key: string; answered: string; on_time: string }[]).map((r) => ({
        key: r.key,
        answered: Number(r.answered),
        onTime: Number(r.on_time),
      })),
      byDay: (byDay as { day: string; received: string; answered: string; on_time: string }[])
        .map((r) => ({
          day: r.day,
          received: Number(r.received),
          answered: Number(r.answered),
          onTime: Number(r.on_time),
        }))
        .reverse(),
    };
  }

  async byIds(ids: readonly string[]): Promise<RequestListItem[]> {
    if (ids.length === 0) return [];
    const rows: ListRow[] = await this.db.query(
      `SELECT ${LIST_COLUMNS} FROM consultations.request r WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toListItem);
  }
}
