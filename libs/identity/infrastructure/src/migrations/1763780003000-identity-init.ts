import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema `identity`: organisations, staff, patients, sessions, login throttling, integrators, dictionaries. */
export class IdentityInit1763780003000 implements MigrationInterface {
  name = 'IdentityInit1763780003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    await q.query(`
      CREATE TABLE identity.region (
        id         uuid PRIMARY KEY,
        code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2,3}$'),
        name       text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        time_zone  text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE identity.organisation (
        id                      uuid PRIMARY KEY,
        region_id               uuid REFERENCES identity.region (id),
        name                    text NOT NULL CHECK (length(name) BETWEEN 3 AND 500),
        short_name              text CHECK (short_name IS NULL OR length(short_name) <= 200),
        level                   smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
        is_consultation_centre  boolean NOT NULL DEFAULT false,
        is_coordination_centre  boolean NOT NULL DEFAULT false,
        time_zone               text NOT NULL,
        frmo_oid                text UNIQUE,
        active                  boolean NOT NULL DEFAULT true,
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisation_region_idx ON identity.organisation (region_id)`);
    await q.query(`
      CREATE TABLE identity.dictionary_entry (
        dictionary  text NOT NULL CHECK (dictionary IN ('specialty', 'position')),
        code        text NOT NULL,
        name        text NOT NULL,
        oid         text NOT NULL,
        version     text NOT NULL,
        PRIMARY KEY (dictionary, code)
      )`);
    await q.query(`
      CREATE TABLE identity.staff_user (
        id                    uuid PRIMARY KEY,
        login                 text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        surname               text NOT NULL,
        name                  text NOT NULL,
        patronymic            text,
        snils                 text UNIQUE CHECK (snils IS NULL OR snils ~ '^[0-9]{11}$'),
        specialty_code        text,
        position_code         text,
        time_zone             text NOT NULL,
        password_hash         text,
        must_change_password  boolean NOT NULL DEFAULT false,
        active                boolean NOT NULL DEFAULT true,
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE identity.membership (
        user_id          uuid NOT NULL REFERENCES identity.staff_user (id),
        organisation_id  uuid NOT NULL REFERENCES identity.organisation (id),
        role             text NOT NULL CHECK (role IN ('REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER',
                                                       'REGIONAL_ADMIN', 'SYSTEM_ADMIN')),
        granted_at       timestamptz NOT NULL DEFAULT now(),
        granted_by       uuid,
        PRIMARY KEY (user_id, organisation_id, role)
      )`);
    await q.query(`CREATE INDEX membership_organisation_idx ON identity.membership (organisation_id)`);
    await q.query(`
      CREATE TABLE identity.patient (
        id                        uuid PRIMARY KEY,
        surname                   text NOT NULL,
        name                      text NOT NULL,
        patronymic                text,
        birth_date                date NOT NULL,
        sex                       text NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
        snils                     text CHECK (snils IS NULL OR snils ~ '^[0-9]{11}$'),
        oms_policy                text CHECK (oms_policy IS NULL OR oms_policy ~ '^[0-9]{16}$'),
        oms_checksum_warning      boolean NOT NULL DEFAULT false,
        phone                     text CHECK (phone IS NULL OR phone ~ '^\\+[1-9][0-9]{7,14}$'),
        email                     text,
        attached_organisation_id  uuid REFERENCES identity.organisation (id),
        region_id                 uuid NOT NULL REFERENCES identity.region (id),
        version                   integer NOT NULL DEFAULT 1,
        created_at                timestamptz NOT NULL DEFAULT now(),
        created_by                text NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX patient_snils_key ON identity.patient (snils) WHERE snils IS NOT NULL`,
    );
    await q.query(`CREATE INDEX patient_phone_idx ON identity.patient (phone) WHERE phone IS NOT NULL`);
    await q.query(
      `CREATE INDEX patient_oms_idx ON identity.patient (oms_policy) WHERE oms_policy IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE identity.representative (
        patient_id         uuid NOT NULL REFERENCES identity.patient (id),
        representative_id  uuid NOT NULL REFERENCES identity.patient (id),
        relation           text NOT NULL CHECK (relation IN ('PARENT', 'GUARDIAN', 'TRUSTEE', 'OTHER')),
        created_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (patient_id, representative_id),
        CHECK (patient_id <> representative_id)
      )`);
    await q.query(`CREATE INDEX representative_by_idx ON identity.representative (representative_id)`);
    await q.query(`
      CREATE TABLE identity.session (
        id                      uuid PRIMARY KEY,
        token_hash              bytea NOT NULL UNIQUE,
        subject_kind            text NOT NULL CHECK (subject_kind IN ('staff', 'patient')),
        staff_user_id           uuid REFERENCES identity.staff_user (id),
        patient_id              uuid REFERENCES identity.patient (id),
        active_organisation_id  uuid REFERENCES identity.organisation (id),
        csrf_token              text NOT NULL,
        method                  text NOT NULL,
        created_at              timestamptz NOT NULL,
        last_seen_at            timestamptz NOT NULL,
        expires_at              timestamptz NOT NULL,
        revoked_at              timestamptz,
        ip                      text,
        user_agent              text,
        CHECK ((subject_kind = 'staff') = (staff_user_id IS NOT NULL)),
        CHECK ((subject_kind = 'patient') = (patient_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX session_staff_idx ON identity.session (staff_user_id) WHERE revoked_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX session_patient_idx ON identity.session (patient_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE identity.login_throttle (
        login_key          text PRIMARY KEY,
        failures           integer NOT NULL,
        window_started_at  timestamptz NOT NULL,
        locked_until       timestamptz
      )`);
    await q.query(`
      CREATE TABLE identity.integration_client (
        id               uuid PRIMARY KEY,
        client_id        text NOT NULL UNIQUE,
        secret_hash      text NOT NULL,
        organisation_id  uuid NOT NULL REFERENCES identity.organisation (id),
        name             text NOT NULL,
        scopes           text[] NOT NULL,
        active           boolean NOT NULL DEFAULT true,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE identity.access_token (
        token_hash  bytea PRIMARY KEY,
        client_id   uuid NOT NULL REFERENCES identity.integration_client (id),
        scopes      text[] NOT NULL,
        expires_at  timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA identity CASCADE`);
  }
}
