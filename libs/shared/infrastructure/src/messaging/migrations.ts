import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The event backbone's tables: the transactional outbox, the consumers' inbox and the dead letters. */
export class MessagingInit1763780000000 implements MigrationInterface {
  name = 'MessagingInit1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS messaging`);
    await q.query(`
      CREATE TABLE messaging.outbox (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id             uuid        NOT NULL UNIQUE,
        type           text        NOT NULL,
        version        integer     NOT NULL CHECK (version > 0),
        aggregate_id   text        NOT NULL,
        occurred_at    timestamptz NOT NULL,
        correlation_id text,
        payload        jsonb       NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at   timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON messaging.outbox (seq) WHERE published_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_published_at_idx ON messaging.outbox (published_at) WHERE published_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE messaging.inbox (
        consumer   text        NOT NULL,
        event_id   uuid        NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE messaging.dead_letter (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        consumer    text        NOT NULL,
        event_id    uuid        NOT NULL,
        event_type  text        NOT NULL,
        event       jsonb       NOT NULL,
        error       text        NOT NULL,
        attempts    integer     NOT NULL,
        failed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        retried_at  timestamptz,
        UNIQUE (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA messaging CASCADE`);
  }
}

/** Who caused an event and from where (actor, roles, organisation, IP, user agent): audit's "who". */
export class MessagingEventMeta1763780004000 implements MigrationInterface {
  name = 'MessagingEventMeta1763780004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging.outbox ADD COLUMN meta jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging.outbox DROP COLUMN meta`);
  }
}

export const messagingMigrations = [MessagingInit1763780000000, MessagingEventMeta1763780004000];
