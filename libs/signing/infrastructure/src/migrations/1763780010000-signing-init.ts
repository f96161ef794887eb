import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema `signing`: documents held for signing (the exact rendered bytes and their SHA-256, never
 * re-rendered), every signature given for them with its verification report (accepted or rejected), and the
 * trust store administrators manage (CA certificates, CRLs).
 */
export class SigningInit1763780010000 implements MigrationInterface {
  name = 'SigningInit1763780010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS signing`);
    await q.query(`
      CREATE TABLE signing.document (
        id            uuid PRIMARY KEY,
        subject_type  text NOT NULL,
        subject_id    uuid NOT NULL,
        patient_id    uuid NOT NULL,
        title         text NOT NULL,
        file_name     text NOT NULL,
        media_type    text NOT NULL,
        content       bytea NOT NULL,
        size_bytes    integer NOT NULL CHECK (size_bytes = octet_length(content)),
        sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        time_zone     text NOT NULL,
        prepared_at   timestamptz NOT NULL,
        status        text NOT NULL CHECK (status IN ('PREPARED','SIGNED')),
        signed_at     timestamptz,
        CHECK ((status = 'SIGNED') = (signed_at IS NOT NULL)),
        UNIQUE (subject_type, subject_id)
      )`);
    await q.query(`CREATE INDEX document_sha256_idx ON signing.document (sha256)`);
    await q.query(`
      CREATE TABLE signing.signature (
        id            uuid PRIMARY KEY,
        document_id   uuid NOT NULL REFERENCES signing.document (id),
        signer_id     uuid NOT NULL,
        role          text NOT NULL CHECK (role IN ('AUTHOR','CONSILIUM','ORGANISATION')),
        valid         boolean NOT NULL,
        reasons       text[] NOT NULL,
        report        jsonb NOT NULL,
        cms           bytea NOT NULL,
        cms_sha256    text NOT NULL,
        received_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX signature_document_idx ON signing.signature (document_id, received_at)`);
    // One accepted signature per signer and document: concurrent duplicates lose here.
    await q.query(
      `CREATE UNIQUE INDEX signature_one_valid_per_signer ON signing.signature (document_id, signer_id) WHERE valid`,
    );
    await q.query(`
      CREATE TABLE signing.trust_anchor (
        id            uuid PRIMARY KEY,
        subject       text NOT NULL,
        issuer        text NOT NULL,
        serial_number text NOT NULL,
        not_before    timestamptz NOT NULL,
        not_after     timestamptz NOT NULL,
        self_signed   boolean NOT NULL,
        der           bytea NOT NULL,
        sha256        text NOT NULL UNIQUE,
        added_at      timestamptz NOT NULL,
        added_by      uuid
      )`);
    await q.query(`
      CREATE TABLE signing.crl (
        id            uuid PRIMARY KEY,
        issuer        text NOT NULL,
        source_url    text,
        this_update   timestamptz NOT NULL,
        next_update   timestamptz,
        revoked_count integer NOT NULL,
        der           bytea NOT NULL,
        sha256        text NOT NULL,
        fetched_at    timestamptz NOT NULL
      )`);
    // One CRL per issuer and source (a URL, or uploaded files): a newer one replaces it.
    await q.query(`CREATE UNIQUE INDEX crl_issuer_source ON signing.crl (issuer, coalesce(source_url, ''))`);
    // Changes of the trust store bump this counter, so every process rebuilds its verifier.
    await q.query(
      `CREATE TABLE signing.trust_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL)`,
    );
    await q.query(`INSERT INTO signing.trust_version (version) VALUES (0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA signing CASCADE`);
  }
}
