import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consultant's «Новые» box reads the centre's requests nobody has taken yet. Without this index the
 * planner scanned every ASSIGNED request of the centre (centre_id, status, due_at) and filtered out the
 * named ones — ~1,050 heap pages per query at 1,000,000 requests against ~60 with it (inbox bench).
 */
export class InboxUnassignedIndex1763780009000 implements MigrationInterface {
  name = 'InboxUnassignedIndex1763780009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX request_centre_unassigned_idx ON consultations.request (centre_id, due_at)
        WHERE status = 'ASSIGNED' AND consultant_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consultations.request_centre_unassigned_idx`);
  }
}
