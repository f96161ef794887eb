import { createHash } from 'node:crypto';

/**
 * The audit record: a fixed vocabulary (issue "audit", domain.md §6 — order 947н п.19: every access grant and
 * operation with exact time, including the content of changes). Records are append-only and hash-chained:
 * `hash = SHA-256(previousHash || canonical(record))`, one chain over all records in `seq` order.
 */
export const AUDIT_ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'execute',
  'login',
  'logout',
  'deny',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export type ActorKind = 'staff' | 'patient' | 'integrator' | 'system' | 'anonymous';

/** What the sources provide; `seq` and `hash` are assigned when the record joins the chain. */
export interface AuditDraft {
  readonly id: string;
  /** Server time of the action, UTC, millisecond precision. */
  readonly at: Date;
  readonly actorKind: ActorKind;
  readonly actorId: string | null;
  readonly actorRoles: readonly string[];
  readonly actorOrganisationId: string | null;
  readonly actorRegionId: string | null;
  /** The patient a representative acted for, or the person a user acted on behalf of. */
  readonly onBehalfOf: string | null;
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly patientId: string | null;
  readonly outcome: AuditOutcome;
  readonly reason: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly requestId: string | null;
  /** The integration event the record came from (idempotency and tracing). */
  readonly sourceEventId: string | null;
  readonly sourceEventType: string | null;
  /** For changes: the changed fields, sensitive values masked (see `maskChanges`). */
  readonly changes: Readonly<Record<string, unknown>> | null;
  /** Retention class; the default keeps records 25 years (outpatient records). */
  readonly retention: string;
}

export interface AuditRecord extends AuditDraft {
  readonly seq: number;
  readonly hash: Buffer;
}

export const GENESIS_HASH = Buffer.alloc(32, 0);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hashed content of a record, in a fixed field order (changing it is a new chain version). */
export function canonicalRecord(seq: number, r: AuditDraft): string {
  return JSON.stringify([
    1,
    seq,
    r.id,
    r.at.toISOString(),
    r.actorKind,
    r.actorId,
    [...r.actorRoles],
    r.actorOrganisationId,
    r.actorRegionId,
    r.onBehalfOf,
    r.action,
    r.resourceType,
    r.resourceId,
    r.patientId,
    r.outcome,
    r.reason,
    r.ip,
    r.userAgent,
    r.requestId,
    r.sourceEventId,
    r.sourceEventType,
    r.changes === null ? null : canonicalJson(r.changes),
    r.retention,
  ]);
}

export function chainHash(previous: Buffer, canonical: string): Buffer {
  return createHash('sha256').update(previous).update(canonical, 'utf8').digest();
}

/** Appends drafts to a chain whose head is (`headSeq`, `headHash`). */
export function extendChain(headSeq: number, headHash: Buffer, drafts: readonly AuditDraft[]): AuditRecord[] {
  let previous = headHash;
  return drafts.map((draft, i) => {
    const seq = headSeq + i + 1;
    const hash = chainHash(previous, canonicalRecord(seq, draft));
    previous = hash;
    return { ...draft, seq, hash };
  });
}

export type ChainBreak =
  | { readonly kind: 'HASH_MISMATCH'; readonly seq: number }
  | { readonly kind: 'GAP'; readonly seq: number; readonly expectedSeq: number };

/**
 * Checks records (in `seq` order) against the chain starting after (`prevSeq`, `prevHash`); returns the
 * first break, or null, plus the new head to continue from.
 */
export function verifySegment(
  prevSeq: number,
  prevHash: Buffer,
  records: readonly AuditRecord[],
): { readonly broken: ChainBreak | null; readonly headSeq: number; readonly headHash: Buffer } {
  let seq = prevSeq;
  let hash = prevHash;
  for (const record of records) {
    if (record.seq !== seq + 1)
      return { broken: { kind: 'GAP', seq: record.seq, expectedSeq: seq + 1 }, headSeq: seq, headHash: hash };
    const expected = chainHash(hash, canonicalRecord(record.seq, record));
    if (!expected.equals(record.hash))
      return { broken: { kind: 'HASH_MISMATCH', seq: record.seq }, headSeq: seq, headHash: hash };
    seq = record.seq;
    hash = record.hash;
  }
  return { broken: null, headSeq: seq, headHash: hash };
}

/**
 * The masking policy for changed fields: values of sensitive fields are replaced by a marker that still
 * shows that they changed. Field names are compared case-insensitively and by suffix (`patient.snils`).
 */
export const SENSITIVE_FIELDS = [
  'password',
  'passwordhash',
  'secret',
  'token',
  'snils',
  'omspolicy',
  'phone',
  'email',
  'birthdate',
];
export const MASK = '***';

export function maskChanges(
  changes: Readonly<Record<string, unknown>> | null,
): Record<string, unknown> | null {
  if (changes === null) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const leaf = key.split('.').pop()?.toLowerCase() ?? '';
    if (SENSITIVE_FIELDS.some((s) => leaf.includes(s))) out[key] = value === null ? null : MASK;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out[key] = maskChanges(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

export const DEFAULT_RETENTION = 'outpatient-25y';
/** Retention classes in years; a record type not listed keeps the default. */
export const RETENTION_YEARS: Readonly<Record<string, number>> = { 'outpatient-25y': 25, 'security-5y': 5 };
