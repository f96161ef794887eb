import type { DataSource } from 'typeorm';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface AnchorView {
  readonly id: number;
  readonly seq: number;
  readonly hash: string;
  readonly signedAt: string;
  readonly publicKey: string;
  /** The signature checks out against the stored public key and the chain still has this hash at seq. */
  readonly valid: boolean;
}

/** What is signed: a fixed text naming the chain position, hash and time. */
export function anchorMessage(seq: number, hash: Buffer, signedAt: Date): Buffer {
  return Buffer.from(
    `tmk-audit-anchor/v1\n${seq}\n${hash.toString('hex')}\n${signedAt.toISOString()}`,
    'utf8',
  );
}

/**
 * Daily anchors of the audit chain: the chain head signed with the system key (Ed25519 or any key type
 * node:crypto signs with), stored in `audit.anchor` and, when AUDIT_ANCHOR_DIR is set, appended to a JSON
 * lines file there (meant to live elsewhere: another volume, WORM storage, a printed report). An attacker who
 * rewrites the whole chain after an anchor is caught by the anchor's hash no longer matching.
 */
export class AuditAnchorService {
  private readonly key: KeyObject | null;
  private readonly anchorDir: string | null;

  constructor(
    private readonly db: DataSource,
    options: { signingKeyPem?: string | null; anchorDir?: string | null } = {},
  ) {
    this.key = options.signingKeyPem ? createPrivateKey(options.signingKeyPem) : null;
    this.anchorDir = options.anchorDir ?? null;
  }

  get enabled(): boolean {
    return this.key !== null;
  }

  async anchorNow(): Promise<AnchorView | null> {
    if (!this.key) return null;
    const [head]: { seq: string; hash: Buffer }[] = await this.db.query(
      `SELECT seq, hash FROM audit.chain_head WHERE id = 1`,
    );
    if (!head) return null;
    const signedAt = new Date();
    const seq = Number(head.seq);
    const signature = sign(null, anchorMessage(seq, head.hash, signedAt), this.key);
    const publicKey = createPublicKey(this.key).export({ type: 'spki', format: 'pem' }).toString();
    const [row]: { id: string }[] = await this.db.query(
      `INSERT INTO audit.anchor (seq, hash, signed_at, signature, public_key) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [seq, head.hash, signedAt, signature, publicKey],
    );
    if (this.anchorDir) {
      await mkdir(this.anchorDir, { recursive: true });
      await appendFile(
        join(this.anchorDir, 'audit-anchors.jsonl'),
        `${JSON.stringify({ seq, hash: head.hash.toString('hex'), signedAt: signedAt.toISOString(), signature: signature.toString('base64'), publicKey })}\n`,
      );
    }
    return {
      id: Number(row?.id),
      seq,
      hash: head.hash.toString('hex'),
      signedAt: signedAt.toISOString(),
      publicKey,
      valid: true,
    };
  }

  async list(limit = 100): Promise<AnchorView[]> {
    const rows: {
      id: string;
      seq: string;
      hash: Buffer;
      signed_at: Date;
      signature: Buffer;
      public_key: string;
      chain_hash: Buffer | null;
    }[] = await this.db.query(
      `SELECT a.*, r.hash AS chain_hash FROM audit.anchor a
           LEFT JOIN audit.record r ON r.seq = a.seq
          ORDER BY a.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => {
      const seq = Number(r.seq);
      let valid = false;
      try {
        valid =
          verify(null, anchorMessage(seq, r.hash, r.signed_at), createPublicKey(r.public_key), r.signature) &&
          (seq === 0 || (r.chain_hash !== null && r.chain_hash.equals(r.hash)));
      } catch {
        valid = false;
      }
      return {
        id: Number(r.id),
        seq,
        hash: r.hash.toString('hex'),
        signedAt: r.signed_at.toISOString(),
        publicKey: r.public_key,
        valid,
      };
    });
  }

  async lastAnchorAt(): Promise<Date | null> {
    const [row]: { signed_at: Date }[] = await this.db.query(
      `SELECT signed_at FROM audit.anchor ORDER BY id DESC LIMIT 1`,
    );
    return row?.signed_at ?? null;
  }

  /** Monthly partitions for the coming year (idempotent). */
  async ensurePartitions(months = 13): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      `SELECT audit.ensure_partitions(date_trunc('month', now())::date, $1) AS n`,
      [months],
    );
    return row?.n ?? 0;
  }
}
