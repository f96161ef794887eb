import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsultationsInit1763780001000 implements MigrationInterface {
  name = 'ConsultationsInit1763780001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS consultations`);
    await q.query(`
      CREATE TABLE consultations.demo_ping (
        id          uuid PRIMARY KEY,
        message     text        NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA consultations CASCADE`);
  }
}
