import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@tmk/shared-kernel';
import type {
  ChatMessage,
  ChatStore,
  ConclusionRecord,
  ConclusionStore,
  ConsiliumMember,
  ConsiliumStore,
  IdempotencyStore,
} from '@tmk/consultations-application';

/** The transaction handle repositories pass to `within`, or the pool when there is none. */
const runner = (db: DataSource, tx: unknown): Pick<EntityManager, 'query'> =>
  (tx as EntityManager | undefined) ?? db;

@Injectable()
export class SqlChatStore implements ChatStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(requestId: string): Promise<ChatMessage[]> {
    const rows: {
      id: string;
      author_id: string;
      author_name: string;
      author_role: string;
      body: string;
      kind: ChatMessage['kind'];
      created_at: Date;
      attachment_ids: string[] | null;
    }[] = await this.db.query(
      `SELECT m.id, m.author_id, m.author_name, m.author_role, m.body, m.kind, m.created_at,
              (SELECT array_agg(a.id ORDER BY a.uploaded_at) FROM consultations.attachment a WHERE a.message_id = m.id)
                AS attachment_ids
         FROM consultations.request_message m WHERE m.request_id = $1 ORDER BY m.created_at, m.id`,
      [requestId],
    );
    return rows.map((r) => ({
      id: r.id,
      requestId,
      authorId: r.author_id,
      authorName: r.author_name,
      authorRole: r.author_role,
      body: r.body,
      kind: r.kind,
      createdAt: r.created_at,
      attachmentIds: r.attachment_ids ?? [],
    }));
  }

  async add(
    m: Omit<ChatMessage, 'attachmentIds'>,
    attachmentIds: readonly string[],
    tx?: unknown,
  ): Promise<void> {
    const write = async (q: Pick<EntityManager, 'query'>) => {
      await q.query(
        `INSERT INTO consultations.request_message (id, request_id, author_id, author_name, author_role, body, kind, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [m.id, m.requestId, m.authorId, m.authorName, m.authorRole, m.body, m.kind, m.createdAt],
      );
      if (attachmentIds.length === 0) return;
      const [, linked]: [unknown, number] = await q.query(
        `UPDATE consultations.attachment SET message_id = $1
          WHERE id = ANY($2::uuid[]) AND request_id = $3 AND uploaded_by = $4 AND message_id IS NULL`,
        [m.id, attachmentIds, m.requestId, m.authorId],
      );
      if (linked !== new Set(attachmentIds).size) {
        throw DomainError.validation(
          'CONSULTATIONS.UNKNOWN_ATTACHMENT',
          'Attach your own new files of this request',
          [{ field: 'attachmentIds', code: 'UNKNOWN', message: 'unknown or already attached file' }],
        );
      }
    };
    if (tx) return write(runner(this.db, tx));
    await this.db.transaction((em) => write(em));
  }
}

interface ConclusionRow {
  request_id: string;
  template: string;
  content: ConclusionRecord['content'];
  status: ConclusionRecord['status'];
  author_id: string;
  submitted_at: Date | null;
  signed_at: Date | null;
  version: number;
}

const toConclusion = (r: ConclusionRow): ConclusionRecord => ({
  requestId: r.request_id,
  template: r.template,
  content: r.content,
  status: r.status,
  authorId: r.author_id,
  submittedAt: r.submitted_at,
  signedAt: r.signed_at,
  version: r.version,
});

@Injectable()
export class SqlConclusionStore implements ConclusionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(requestId: string): Promise<ConclusionRecord | null> {
    const [row]: ConclusionRow[] = await this.db.query(
      `SELECT * FROM consultations.conclusion WHERE request_id = $1`,
      [requestId],
    );
    return row ? toConclusion(row) : null;
  }

  async saveDraft(
    record: Omit<ConclusionRecord, 'version'>,
    expectedVersion: number | null,
  ): Promise<ConclusionRecord> {
    const rows: ConclusionRow[] =
      expectedVersion === null
        ? await this.db.query(
            `INSERT INTO consultations.conclusion (request_id, template, content, status, author_id, version)
             VALUES ($1, $2, $3, 'DRAFT', $4, 1) ON CONFLICT (request_id) DO NOTHING RETURNING *`,
            [record.requestId, record.template, JSON.stringify(record.content), record.authorId],
          )
        : (
            await this.db.query(
              `UPDATE consultations.conclusion SET content = $3, author_id = $4, version = version + 1, updated_at = now()
                WHERE request_id = $1 AND version = $2 AND status = 'DRAFT' RETURNING *`,
              [record.requestId, expectedVersion, JSON.stringify(record.content), record.authorId],
            )
          )[0];
    const saved = rows[0];
    if (!saved) {
      const current = await this.find(record.requestId);
      throw DomainError.conflict(
        'CONSULTATIONS.CONCLUSION_CHANGED',
        current?.status === 'DRAFT'
          ? 'The conclusion was changed elsewhere; reload it'
          : 'The conclusion is already submitted',
        { current: current ? { version: current.version, status: current.status } : null },
      );
    }
    return toConclusion(saved);
  }

  async setStatus(tx: unknown, requestId: string, status: 'SUBMITTED' | 'SIGNED', at: Date): Promise<void> {
    const column = status === 'SUBMITTED' ? 'submitted_at' : 'signed_at';
    const from = status === 'SUBMITTED' ? 'DRAFT' : 'SUBMITTED';
    const [, n]: [unknown, number] = await runner(this.db, tx).query(
      `UPDATE consultations.conclusion SET status = $2, ${column} = $3, version = version + 1, updated_at = now()
        WHERE request_id = $1 AND status = $4`,
      [requestId, status, at, from],
    );
    if (n !== 1)
      throw DomainError.conflict('CONSULTATIONS.CONCLUSION_CHANGED', `The conclusion is not ${from}`);
  }
}

@Injectable()
export class SqlConsiliumStore implements ConsiliumStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(requestId: string): Promise<ConsiliumMember[]> {
    const rows: {
      consultant_id: string;
      name: string;
      invited_by: string;
      invited_at: Date;
      opinion: string | null;
      opinion_at: Date | null;
    }[] = await this.db.query(
      `SELECT consultant_id, name, invited_by, invited_at, opinion, opinion_at FROM consultations.consilium_member
        WHERE request_id = $1 ORDER BY invited_at`,
      [requestId],
    );
    return rows.map((r) => ({
      consultantId: r.consultant_id,
      name: r.name,
      invitedBy: r.invited_by,
      invitedAt: r.invited_at,
      opinion: r.opinion,
      opinionAt: r.opinion_at,
    }));
  }

  async invite(requestId: string, m: Omit<ConsiliumMember, 'opinion' | 'opinionAt'>): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO consultations.consilium_member (request_id, consultant_id, name, invited_by, invited_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING consultant_id`,
      [requestId, m.consultantId, m.name, m.invitedBy, m.invitedAt],
    );
    return rows.length === 1;
  }

  async opinion(requestId: string, consultantId: string, text: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE consultations.consilium_member SET opinion = $3, opinion_at = $4
        WHERE request_id = $1 AND consultant_id = $2`,
      [requestId, consultantId, text, at],
    );
  }
}

@Injectable()
export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(clientId: string, key: string): Promise<{ bodySha256: string; requestId: string } | null> {
    const [row]: { body_sha256: string; request_id: string }[] = await this.db.query(
      `SELECT body_sha256, request_id FROM consultations.idempotency_key WHERE client_id = $1 AND key = $2`,
      [clientId, key],
    );
    return row ? { bodySha256: row.body_sha256, requestId: row.request_id } : null;
  }

  async remember(tx: unknown, clientId: string, key: string, bodySha256: string, requestId: string) {
    await runner(this.db, tx).query(
      `INSERT INTO consultations.idempotency_key (client_id, key, body_sha256, request_id) VALUES ($1, $2, $3, $4)`,
      [clientId, key, bodySha256, requestId],
    );
  }
}
