import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit record (ADR 0012): monthly range partitions on `at`, one hash chain in `seq`
 * order with its head in `audit.chain_head`, UPDATE/DELETE/TRUNCATE rejected by triggers, and — where the
 * migrating role may create roles — the table owned by a NOLOGIN role so that the application role holds
 * INSERT and SELECT only.
 */
export class AuditRecord1763780005000 implements MigrationInterface {
  name = 'AuditRecord1763780005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit.record (
        seq                    bigint      NOT NULL,
        id                     uuid        NOT NULL,
        at                     timestamptz NOT NULL,
        actor_kind             text        NOT NULL,
        actor_id               text,
        actor_roles            text[]      NOT NULL DEFAULT '{}',
        actor_organisation_id  text,
        actor_region_id        text,
        on_behalf_of           text,
        action                 text        NOT NULL CHECK (action IN ('create','read','update','delete','execute','login','logout','deny')),
        resource_type          text        NOT NULL,
        resource_id            text,
        patient_id             text,
        outcome                text        NOT NULL CHECK (outcome IN ('success','failure','denied')),
        reason                 text,
        ip                     text,
        user_agent             text,
        request_id             text,
        source_event_id        uuid,
        source_event_type      text,
        changes                jsonb,
        retention              text        NOT NULL,
        hash                   bytea       NOT NULL CHECK (length(hash) = 32),
        recorded_at            timestamptz NOT NULL DEFAULT clock_timestamp()
      ) PARTITION BY RANGE (at)`);
    await q.query(`CREATE INDEX record_seq_idx ON audit.record (seq)`);
    await q.query(
      `CREATE INDEX record_patient_idx ON audit.record (patient_id, at) WHERE patient_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX record_actor_idx ON audit.record (actor_id, at)`);
    await q.query(`CREATE INDEX record_resource_idx ON audit.record (resource_type, resource_id)`);
    await q.query(`CREATE INDEX record_action_at_idx ON audit.record (action, at)`);
    await q.query(`CREATE TABLE audit.record_other PARTITION OF audit.record DEFAULT`);
    await q.query(`
      CREATE FUNCTION audit.ensure_partitions(from_month date, months integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        m date := date_trunc('month', from_month)::date;
        created integer := 0;
        name text;
      BEGIN
        FOR i IN 0 .. months - 1 LOOP
          name := format('record_%s', to_char(m, 'YYYY_MM'));
          IF to_regclass(format('audit.%I', name)) IS NULL THEN
            EXECUTE format('CREATE TABLE audit.%I PARTITION OF audit.record FOR VALUES FROM (%L) TO (%L)',
                           name, m, (m + interval '1 month')::date);
            created := created + 1;
          END IF;
          m := (m + interval '1 month')::date;
        END LOOP;
        RETURN created;
      END $$ SECURITY DEFINER SET search_path = pg_catalog, audit`);
    await q.query(`SELECT audit.ensure_partitions(date '2025-01-01', 48)`);
    await q.query(`
      CREATE TABLE audit.chain_head (
        id    smallint PRIMARY KEY CHECK (id = 1),
        seq   bigint   NOT NULL,
        hash  bytea    NOT NULL
      )`);
    await q.query(
      `INSERT INTO audit.chain_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'))`,
    );
    await q.query(`
      CREATE TABLE audit.anchor (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        seq         bigint      NOT NULL,
        hash        bytea       NOT NULL,
        signed_at   timestamptz NOT NULL,
        signature   bytea       NOT NULL,
        public_key  text        NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit.reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER record_append_only BEFORE UPDATE OR DELETE ON audit.record
                   FOR EACH ROW EXECUTE FUNCTION audit.reject_change()`);
    await q.query(`CREATE TRIGGER record_no_truncate BEFORE TRUNCATE ON audit.record
                   FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_change()`);
    await q.query(`CREATE TRIGGER anchor_append_only BEFORE UPDATE OR DELETE ON audit.anchor
                   FOR EACH ROW EXECUTE FUNCTION audit.reject_change()`);
    // Privileges: the record table belongs to a NOLOGIN owner; the role that runs ТМК may only add and read.
    await q.query(`
      DO $$
      DECLARE
        part record;
      BEGIN
        IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tmk_audit_owner') THEN
            CREATE ROLE tmk_audit_owner NOLOGIN;
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tmk_app') THEN
            CREATE ROLE tmk_app NOLOGIN;
          END IF;
          EXECUTE format('GRANT tmk_audit_owner TO %I', current_user);
          GRANT USAGE, CREATE ON SCHEMA audit TO tmk_audit_owner;
          ALTER TABLE audit.record OWNER TO tmk_audit_owner;
          ALTER TABLE audit.anchor OWNER TO tmk_audit_owner;
          FOR part IN SELECT c.oid::regclass AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = 'audit.record'::regclass LOOP
            EXECUTE format('ALTER TABLE %s OWNER TO tmk_audit_owner', part.name);
          END LOOP;
          -- new monthly partitions are created by their owner, not by the application role
          ALTER FUNCTION audit.ensure_partitions(date, integer) OWNER TO tmk_audit_owner;
          GRANT EXECUTE ON FUNCTION audit.ensure_partitions(date, integer) TO tmk_app;
          EXECUTE format('REVOKE ALL ON audit.record, audit.anchor FROM %I', current_user);
          EXECUTE format('GRANT SELECT, INSERT ON audit.record, audit.anchor TO %I, tmk_app', current_user);
          GRANT USAGE ON SCHEMA audit TO tmk_app;
          GRANT SELECT, UPDATE ON audit.chain_head TO tmk_app;
          IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('REVOKE tmk_audit_owner FROM %I', current_user);
          END IF;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit.record, audit.chain_head, audit.anchor`);
    await q.query(`DROP FUNCTION audit.ensure_partitions(date, integer), audit.reject_change()`);
  }
}
