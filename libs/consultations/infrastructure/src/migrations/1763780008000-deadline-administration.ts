import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Administrators' corrections of the production calendar, and who published each rule set version. */
export class DeadlineAdministration1763780008000 implements MigrationInterface {
  name = 'DeadlineAdministration1763780008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultations.calendar_override (
        scope       text    NOT NULL,              -- 'RU' (nationwide) or a region id
        day         date    NOT NULL,
        working     boolean NOT NULL,
        note        text    NOT NULL DEFAULT '' CHECK (length(note) <= 300),
        changed_by  uuid    NOT NULL,
        changed_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, day)
      )`);
    await q.query(`ALTER TABLE consultations.deadline_rules ADD COLUMN created_by uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultations.deadline_rules DROP COLUMN created_by`);
    await q.query(`DROP TABLE consultations.calendar_override`);
  }
}
