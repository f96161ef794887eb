import { unwrap, useApiClient } from './client';
import type { components, operations } from './schema';

/** Short names for the audit API's shapes (libs/audit/README.md), generated from the OpenAPI document. */
type Schemas = components['schemas'];

export type AuditRecord = Schemas['AuditRecordDto'];
export type AuditAction = AuditRecord['action'];
export type AuditOutcome = AuditRecord['outcome'];
export type AuditAnchor = Schemas['AnchorDto'];
export type SecurityHour = Schemas['SecurityHourDto'];
export type PatientAccess = Schemas['PatientAccessDto'];
/** `broken` is `{kind: 'HASH_MISMATCH' | 'GAP', seq}` when the chain does not hold. */
export type AuditIntegrity = Omit<Schemas['IntegrityDto'], 'broken'> & {
  broken: { kind: string; seq: number } | null;
};

/** The search filters of `GET /audit/records` (also used by the export). */
export type AuditFilter = NonNullable<operations['Audit_search']['parameters']['query']>;

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'create',
  'read',
  'update',
  'delete',
  'execute',
  'login',
  'logout',
  'deny',
];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** The largest period `GET /audit/security/hourly` answers for. */
export const SECURITY_MAX_DAYS = 31;

/** Runs the chain check (system administrators). */
export async function checkAuditIntegrity(): Promise<AuditIntegrity> {
  return (await unwrap(useApiClient().GET('/api/v1/audit/integrity'))) as unknown as AuditIntegrity;
}

/** A downloaded file: its content and the name the server suggested. */
export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
}

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*=` first), or `fallback`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads the audit export (`csv` or `xlsx`) for the filters through the shared client: the session cookie,
 * a request id and the 401 handling come with it; a problem answer throws an `ApiProblem`.
 */
export async function downloadAuditExport(
  format: 'csv' | 'xlsx',
  filter: Omit<AuditFilter, 'beforeSeq' | 'limit'>,
): Promise<DownloadedFile> {
  const result = useApiClient().GET('/api/v1/audit/records/export', {
    params: { query: { ...filter, format } },
    parseAs: 'blob',
  });
  const { response } = await result;
  const blob = (await unwrap(result)) as unknown as Blob;
  return { blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), `audit.${format}`) };
}

/** Hands a downloaded file to the browser's "save" (a temporary object URL and a link click). */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
