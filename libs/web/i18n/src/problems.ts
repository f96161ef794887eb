/**
 * The one place that maps API problem codes (`code` of an RFC 9457 problem document, see
 * shared-infrastructure's problem-details) to messages under `problems.*`. Unknown codes fall back by HTTP
 * status, then to a generic message, so a new server code never shows up as a raw string.
 */
const byCode: Readonly<Record<string, ProblemMessageKey>> = {
  'REQUEST.VALIDATION_FAILED': 'problems.validation',
  'HTTP.BAD_REQUEST': 'problems.validation',
  'ACCESS.UNAUTHENTICATED': 'problems.unauthenticated',
  'HTTP.UNAUTHORIZED': 'problems.unauthenticated',
  'ACCESS.DENIED': 'problems.denied',
  'HTTP.FORBIDDEN': 'problems.denied',
  'HTTP.NOT_FOUND': 'problems.notFound',
  'HTTP.CONFLICT': 'problems.conflict',
  'HTTP.PAYLOAD_TOO_LARGE': 'problems.payloadTooLarge',
  'HTTP.TOO_MANY_REQUESTS': 'problems.tooManyRequests',
  'INTERNAL.UNEXPECTED': 'problems.unexpected',
  'HEALTH.NOT_READY': 'problems.notReady',
  'NETWORK.UNREACHABLE': 'problems.network',
};

export type ProblemMessageKey =
  | 'problems.generic'
  | 'problems.validation'
  | 'problems.unauthenticated'
  | 'problems.denied'
  | 'problems.notFound'
  | 'problems.conflict'
  | 'problems.tooManyRequests'
  | 'problems.payloadTooLarge'
  | 'problems.unexpected'
  | 'problems.notReady'
  | 'problems.network';

function byStatus(status: number | undefined): ProblemMessageKey {
  if (status === undefined) return 'problems.generic';
  if (status === 0) return 'problems.network';
  if (status === 400 || status === 422) return 'problems.validation';
  if (status === 401) return 'problems.unauthenticated';
  if (status === 403) return 'problems.denied';
  if (status === 404) return 'problems.notFound';
  if (status === 409) return 'problems.conflict';
  if (status === 413) return 'problems.payloadTooLarge';
  if (status === 429) return 'problems.tooManyRequests';
  if (status === 503) return 'problems.notReady';
  if (status >= 500) return 'problems.unexpected';
  return 'problems.generic';
}

/** The i18n key that explains a problem to the user. */
export function problemMessageKey(code: string | null | undefined, status?: number): ProblemMessageKey {
  return (code ? byCode[code] : undefined) ?? byStatus(status);
}

/** Problem codes with a dedicated message (for tests and documentation). */
export const KNOWN_PROBLEM_CODES: readonly string[] = Object.keys(byCode);
