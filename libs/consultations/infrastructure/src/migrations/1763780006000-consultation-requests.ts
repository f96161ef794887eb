import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Doctor–doctor requests, their history, numbering per region and year, deadline rule sets. */
export class ConsultationRequests1763780006000 implements MigrationInterface {
  name = 'ConsultationRequests1763780006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultations.request (
        id                         uuid PRIMARY KEY,
        number                     text,
        status                     text NOT NULL CHECK (status IN ('DRAFT','NEW','RETURNED','ASSIGNED','IN_WORK',
                                     'AWAITING_DATA','CONCLUSION_SUBMITTED','CLOSED','REJECTED','CANCELLED')),
        level                      text NOT NULL CHECK (level IN ('REGIONAL','FEDERAL')),
        urgency                    text NOT NULL CHECK (urgency IN ('PLANNED','URGENT','EMERGENCY')),
        mode                       text NOT NULL CHECK (mode IN ('REAL_TIME','DEFERRED')),
        region_id                  uuid NOT NULL,
        requester_id               uuid NOT NULL,
        requester_organisation_id  uuid NOT NULL,
        patient_id                 uuid NOT NULL,
        profile_code               text NOT NULL,
        centre_id                  uuid,
        consultant_id              uuid,
        content                    jsonb NOT NULL,
        received_at                timestamptz,
        due_at                     timestamptz,
        oral_conclusion_at         timestamptz,
        paused_at                  timestamptz,
        version                    integer NOT NULL,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now(),
        UNIQUE (region_id, number)
      )`);
    // The consultant's inbox and the dispatcher queue: by status, newest deadline first.
    await q.query(
      `CREATE INDEX request_consultant_idx ON consultations.request (consultant_id, status, due_at)`,
    );
    await q.query(
      `CREATE INDEX request_queue_idx ON consultations.request (region_id, level, status, due_at)`,
    );
    await q.query(
      `CREATE INDEX request_requester_idx ON consultations.request (requester_id, status, created_at)`,
    );
    await q.query(`
      CREATE TABLE consultations.request_history (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        request_id   uuid NOT NULL REFERENCES consultations.request (id),
        at           timestamptz NOT NULL,
        action       text NOT NULL,
        from_status  text NOT NULL,
        to_status    text NOT NULL,
        by_user_id   text NOT NULL,
        details      jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX request_history_idx ON consultations.request_history (request_id, id)`);
    await q.query(`
      CREATE TABLE consultations.request_number (
        region_id  uuid    NOT NULL,
        year       integer NOT NULL,
        last       integer NOT NULL,
        PRIMARY KEY (region_id, year)
      )`);
    await q.query(`
      CREATE TABLE consultations.deadline_rules (
        id              text    NOT NULL,
        version         integer NOT NULL,
        region_id       uuid,
        effective_from  timestamptz NOT NULL,
        rules           jsonb   NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE consultations.deadline_rules, consultations.request_number, consultations.request_history, consultations.request`,
    );
  }
}
