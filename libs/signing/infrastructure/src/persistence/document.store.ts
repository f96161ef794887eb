import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { appendToOutbox } from '@tmk/shared-infrastructure';
import type { DocumentStore } from '@tmk/signing-application';
import type { SignatureRecord, StoredDocument, SubjectType, VerificationResult } from '@tmk/signing-domain';

interface DocumentRow {
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  patient_id: string;
  title: string;
  file_name: string;
  media_type: 'application/pdf';
  size_bytes: number;
  sha256: string;
  time_zone: string;
  prepared_at: Date;
  status: 'PREPARED' | 'SIGNED';
  signed_at: Date | null;
}

interface SignatureRow {
  id: string;
  document_id: string;
  signer_id: string;
  role: SignatureRecord['role'];
  valid: boolean;
  report: VerificationResult;
  cms_sha256: string;
  received_at: Date;
}

const DOCUMENT_COLUMNS = `id, subject_type, subject_id, patient_id, title, file_name, media_type, size_bytes, sha256,
  time_zone, prepared_at, status, signed_at`;

const documentOf = (r: DocumentRow): StoredDocument => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  patientId: r.patient_id,
  title: r.title,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  timeZone: r.time_zone,
  preparedAt: r.prepared_at,
  status: r.status,
  signedAt: r.signed_at,
});

/** Dates inside the stored report come back as strings: revive them. */
function reportOf(raw: VerificationResult): VerificationResult {
  return {
    ...raw,
    signers: raw.signers.map((s) => ({
      ...s,
      notBefore: new Date(s.notBefore),
      notAfter: new Date(s.notAfter),
      signingTime: s.signingTime ? new Date(s.signingTime) : null,
    })),
  };
}

const signatureOf = (r: SignatureRow): SignatureRecord => ({
  id: r.id,
  documentId: r.document_id,
  signerId: r.signer_id,
  role: r.role,
  valid: r.valid,
  report: reportOf(r.report),
  receivedAt: r.received_at,
  cmsSha256: r.cms_sha256,
});

const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** Documents and signatures in schema `signing` (PostgreSQL bytea: a conclusion PDF is tens of kilobytes). */
@Injectable()
export class SqlDocumentStore implements DocumentStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findBySubject(subjectType: SubjectType, subjectId: string): Promise<StoredDocument | null> {
    const rows: DocumentRow[] = await this.db.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM signing.document WHERE subject_type = $1 AND subject_id = $2`,
      [subjectType, subjectId],
    );
    return rows[0] ? documentOf(rows[0]) : null;
  }

  async findById(id: string): Promise<StoredDocument | null> {
    const rows: DocumentRow[] = await this.db.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM signing.document WHERE id = $1`,
      [id],
    );
    return rows[0] ? documentOf(rows[0]) : null;
  }

  async findBySha256(sha256: string): Promise<StoredDocument[]> {
    const rows: DocumentRow[] = await this.db.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM signing.document WHERE sha256 = $1 ORDER BY prepared_at LIMIT 10`,
      [sha256],
    );
    return rows.map(documentOf);
  }

  async content(id: string): Promise<Uint8Array | null> {
    const rows: { content: Buffer }[] = await this.db.query(
      `SELECT content FROM signing.document WHERE id = $1`,
      [id],
    );
    return rows[0] ? bytesOf(rows[0].content) : null;
  }

  async insertPrepared(
    document: StoredDocument,
    content: Uint8Array,
    events: (document: StoredDocument) => readonly IntegrationEvent[],
  ): Promise<StoredDocument> {
    const inserted = await this.db.transaction(async (em) => {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO signing.document (${DOCUMENT_COLUMNS}, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (subject_type, subject_id) DO NOTHING
         RETURNING id`,
        [
          document.id,
          document.subjectType,
          document.subjectId,
          document.patientId,
          document.title,
          document.fileName,
          document.mediaType,
          document.sizeBytes,
          document.sha256,
          document.timeZone,
          document.preparedAt,
          document.status,
          document.signedAt,
          Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        ],
      );
      if (rows.length === 0) return false;
      await appendToOutbox(em, events(document));
      return true;
    });
    if (inserted) return document;
    const existing = await this.findBySubject(document.subjectType, document.subjectId);
    if (!existing) throw new Error('A conflicting document vanished');
    return existing;
  }

  async signatures(documentId: string): Promise<SignatureRecord[]> {
    const rows: SignatureRow[] = await this.db.query(
      `SELECT id, document_id, signer_id, role, valid, report, cms_sha256, received_at
         FROM signing.signature WHERE document_id = $1 ORDER BY received_at, id`,
      [documentId],
    );
    return rows.map(signatureOf);
  }

  async signatureContent(documentId: string, signatureId: string): Promise<Uint8Array | null> {
    const rows: { cms: Buffer }[] = await this.db.query(
      `SELECT cms FROM signing.signature WHERE document_id = $1 AND id = $2`,
      [documentId, signatureId],
    );
    return rows[0] ? bytesOf(rows[0].cms) : null;
  }

  async addSignature(
    record: SignatureRecord,
    cms: Uint8Array,
    marksSigned: boolean,
    events: readonly IntegrationEvent[],
  ): Promise<'ADDED' | 'ALREADY_SIGNED'> {
    return this.db.transaction(async (em) => {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO signing.signature
           (id, document_id, signer_id, role, valid, reasons, report, cms, cms_sha256, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (document_id, signer_id) WHERE valid DO NOTHING
         RETURNING id`,
        [
          record.id,
          record.documentId,
          record.signerId,
          record.role,
          record.valid,
          record.report.reasons,
          JSON.stringify(record.report),
          Buffer.from(cms.buffer, cms.byteOffset, cms.byteLength),
          record.cmsSha256,
          record.receivedAt,
        ],
      );
      if (rows.length === 0) return 'ALREADY_SIGNED' as const;
      if (marksSigned) {
        await em.query(
          `UPDATE signing.document SET status = 'SIGNED', signed_at = $2 WHERE id = $1 AND status = 'PREPARED'`,
          [record.documentId, record.receivedAt],
        );
      }
      await appendToOutbox(em, events);
      return 'ADDED' as const;
    });
  }
}
