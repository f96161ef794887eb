import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First audit table: the integration events audit has received. The tamper-evident audit record
 * (hash chain, partitions, PHI reads) is built on top of this by the audit issue.
 */
export class AuditInit1763780002000 implements MigrationInterface {
  name = 'AuditInit1763780002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS audit`);
    await q.query(`
      CREATE TABLE audit.event_log (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id       uuid        NOT NULL UNIQUE,
        event_type     text        NOT NULL,
        event_version  integer     NOT NULL,
        aggregate_id   text        NOT NULL,
        occurred_at    timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        correlation_id text,
        payload        jsonb       NOT NULL
      )`);
    await q.query(`CREATE INDEX event_log_aggregate_idx ON audit.event_log (aggregate_id, seq)`);
    await q.query(`CREATE INDEX event_log_type_time_idx ON audit.event_log (event_type, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA audit CASCADE`);
  }
}
