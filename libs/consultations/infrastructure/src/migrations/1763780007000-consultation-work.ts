import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work on requests: the parties' names as shown in lists and the journal, deadline-timer state, the chat,
 * attachments, the conclusion, consilium members and opinions, integrators' idempotency keys.
 */
export class ConsultationWork1763780007000 implements MigrationInterface {
  name = 'ConsultationWork1763780007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consultations.request
        ADD COLUMN patient_name                text NOT NULL DEFAULT '',
        ADD COLUMN patient_birth_date          date,
        ADD COLUMN requester_name              text NOT NULL DEFAULT '',
        ADD COLUMN requester_organisation_name text NOT NULL DEFAULT '',
        ADD COLUMN centre_name                 text,
        ADD COLUMN consultant_name             text,
        ADD COLUMN warn_at                     timestamptz,
        ADD COLUMN sla_state                   text NOT NULL DEFAULT 'ON_TIME'
                                                 CHECK (sla_state IN ('ON_TIME','WARNING','BREACHED')),
        ADD COLUMN answered_at                 timestamptz,
        ADD COLUMN closed_at                   timestamptz,
        ADD COLUMN rule_set                    text,
        ADD COLUMN source                      text NOT NULL DEFAULT 'UI' CHECK (source IN ('UI','API'))`);
    // Timers are re-armed from here: every request still awaiting an answer, by deadline.
    await q.query(`
      CREATE INDEX request_pending_due_idx ON consultations.request (due_at)
        WHERE status IN ('NEW','RETURNED','ASSIGNED','IN_WORK','AWAITING_DATA') AND sla_state <> 'BREACHED'`);
    await q.query(`CREATE INDEX request_centre_idx ON consultations.request (centre_id, status, due_at)`);
    await q.query(`CREATE INDEX request_received_idx ON consultations.request (received_at)`);

    await q.query(`
      CREATE TABLE consultations.request_message (
        id           uuid PRIMARY KEY,
        request_id   uuid NOT NULL REFERENCES consultations.request (id),
        author_id    uuid NOT NULL,
        author_name  text NOT NULL,
        author_role  text NOT NULL,
        body         text NOT NULL CHECK (length(body) <= 10000),
        kind         text NOT NULL DEFAULT 'MESSAGE' CHECK (kind IN ('MESSAGE','DATA_REQUEST','DATA_ANSWER','SYSTEM')),
        created_at   timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX request_message_idx ON consultations.request_message (request_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE consultations.attachment (
        id            uuid PRIMARY KEY,
        request_id    uuid NOT NULL REFERENCES consultations.request (id),
        message_id    uuid REFERENCES consultations.request_message (id),
        file_name     text NOT NULL,
        media_type    text NOT NULL,
        kind          text NOT NULL,
        size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
        sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key   text NOT NULL UNIQUE,
        uploaded_by   uuid NOT NULL,
        uploaded_at   timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX attachment_request_idx ON consultations.attachment (request_id, uploaded_at)`,
    );

    await q.query(`
      CREATE TABLE consultations.conclusion (
        request_id    uuid PRIMARY KEY REFERENCES consultations.request (id),
        template      text NOT NULL,
        content       jsonb NOT NULL,
        status        text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','SIGNED')),
        author_id     uuid NOT NULL,
        submitted_at  timestamptz,
        signed_at     timestamptz,
        version       integer NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE consultations.consilium_member (
        request_id     uuid NOT NULL REFERENCES consultations.request (id),
        consultant_id  uuid NOT NULL,
        name           text NOT NULL,
        invited_by     uuid NOT NULL,
        invited_at     timestamptz NOT NULL,
        opinion        text,
        opinion_at     timestamptz,
        PRIMARY KEY (request_id, consultant_id)
      )`);
    await q.query(`CREATE INDEX consilium_member_idx ON consultations.consilium_member (consultant_id)`);

    await q.query(`
      CREATE TABLE consultations.idempotency_key (
        client_id     text NOT NULL,
        key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        body_sha256   text NOT NULL,
        request_id    uuid NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultations.idempotency_key, consultations.consilium_member,
      consultations.conclusion, consultations.attachment, consultations.request_message`);
    await q.query(`DROP INDEX consultations.request_pending_due_idx, consultations.request_centre_idx,
      consultations.request_received_idx`);
    await q.query(`ALTER TABLE consultations.request DROP COLUMN patient_name, DROP COLUMN patient_birth_date,
      DROP COLUMN requester_name, DROP COLUMN requester_organisation_name, DROP COLUMN centre_name,
      DROP COLUMN consultant_name, DROP COLUMN warn_at, DROP COLUMN sla_state, DROP COLUMN answered_at,
      DROP COLUMN closed_at, DROP COLUMN rule_set, DROP COLUMN source`);
  }
}
