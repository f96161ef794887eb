import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AttachmentRecord, AttachmentStore } from '@tmk/consultations-application';
import type { FileKind } from '@tmk/consultations-domain';

interface Row {
  id: string;
  request_id: string;
  message_id: string | null;
  file_name: string;
  media_type: string;
  kind: FileKind;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = `id, request_id, message_id, file_name, media_type, kind, size_bytes, sha256, storage_key,
  uploaded_by, uploaded_at`;

const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  requestId: r.request_id,
  messageId: r.message_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  kind: r.kind,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

const TOTAL = `SELECT COALESCE(sum(size_bytes), 0)::text AS total FROM consultations.attachment WHERE request_id = $1`;

/** `consultations.attachment` in plain SQL. */
@Injectable()
export class SqlAttachmentStore implements AttachmentStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totalBytes(requestId: string): Promise<number> {
    const [row]: { total: string }[] = await this.db.query(TOTAL, [requestId]);
    return Number(row?.total ?? 0);
  }

  async insertWithinQuota(a: AttachmentRecord, maxTotalBytes: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      // One upload of a request at a time passes this point, so two cannot exceed the quota together.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `consultations.attachment:${a.requestId}`,
      ]);
      const [row]: { total: string }[] = await em.query(TOTAL, [a.requestId]);
      if (Number(row?.total ?? 0) + a.sizeBytes > maxTotalBytes) return false;
      await em.query(
        `INSERT INTO consultations.attachment (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          a.id,
          a.requestId,
          a.messageId,
          a.fileName,
          a.mediaType,
          a.kind,
          a.sizeBytes,
          a.sha256,
          a.storageKey,
          a.uploadedBy,
          a.uploadedAt,
        ],
      );
      return true;
    });
  }

  async list(requestId: string): Promise<AttachmentRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM consultations.attachment WHERE request_id = $1 ORDER BY uploaded_at, id`,
      [requestId],
    );
    return rows.map(toRecord);
  }

  async find(requestId: string, attachmentId: string): Promise<AttachmentRecord | null> {
    const [row]: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM consultations.attachment WHERE request_id = $1 AND id = $2`,
      [requestId, attachmentId],
    );
    return row ? toRecord(row) : null;
  }
}
