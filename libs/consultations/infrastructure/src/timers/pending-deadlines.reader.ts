import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PendingDeadline, PendingDeadlines } from '@tmk/consultations-application';
import type { SlaState } from '@tmk/consultations-domain';

interface Row {
  id: string;
  warn_at: Date | null;
  due_at: Date;
  sla_state: SlaState;
  /** `due_at` as text: the exact (microsecond) cursor for the next page; a JS Date keeps milliseconds only. */
  due_key: string;
}

/**
 * Requests still awaiting an answer whose clock runs: the predicate of `request_pending_due_idx` (so that
 * index serves the scan by deadline), not paused (resuming moves the deadline and re-arms), with a deadline.
 */
const PENDING = `status IN ('NEW','RETURNED','ASSIGNED','IN_WORK','AWAITING_DATA') AND sla_state <> 'BREACHED'
  AND paused_at IS NULL AND due_at IS NOT NULL`;
const COLUMNS = `id, warn_at, due_at, sla_state, due_at::text AS due_key`;

const toDeadline = (r: Row): PendingDeadline => ({
  requestId: r.id,
  warnAt: r.warn_at,
  dueAt: r.due_at,
  slaState: r.sla_state,
});

/** The pending deadlines in `consultations.request`, for (re-)arming the deadline timers. */
@Injectable()
export class SqlPendingDeadlines implements PendingDeadlines {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async *pages(batchSize: number): AsyncIterable<readonly PendingDeadline[]> {
    let rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM consultations.request WHERE ${PENDING} ORDER BY due_at, id LIMIT $1`,
      [batchSize],
    );
    while (rows.length > 0) {
      yield rows.map(toDeadline);
      const last = rows[rows.length - 1] as Row;
      if (rows.length < batchSize) return;
      rows = await this.db.query(
        `SELECT ${COLUMNS} FROM consultations.request
          WHERE ${PENDING} AND (due_at, id) > ($2::timestamptz, $3::uuid)
          ORDER BY due_at, id LIMIT $1`,
        [batchSize, last.due_key, last.id],
      );
    }
  }

  async byIds(requestIds: readonly string[]): Promise<PendingDeadline[]> {
    if (requestIds.length === 0) return [];
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM consultations.request WHERE id = ANY($1::uuid[]) AND ${PENDING}`,
      [requestIds],
    );
    return rows.map(toDeadline);
  }
}
