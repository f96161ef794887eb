/** One invalid field of a request, as the server reports it in `errors[]`. */
export interface ApiFieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * A failed API call in one shape, whatever went wrong: an RFC 9457 problem document from the server, a
 * non-JSON error page from a proxy, or no answer at all (`status` 0, code `NETWORK.UNREACHABLE`). The UI
 * translates `code` (see `problemMessageKey` in @tmk/web-i18n) and shows `requestId` for support.
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly ApiFieldError[] = [],
    readonly requestId: string | null = null,
    /** Other members of the problem document, e.g. `retryAfterSeconds`, `existingPatientId`. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${code} (${status}): ${detail}`);
  }

  /** The field errors of one field (`snils`, `login`, …). */
  fieldErrors(field: string): readonly ApiFieldError[] {
    return this.errors.filter((e) => e.field === field);
  }

  /** A numeric extension member, or null. */
  numberExtension(name: string): number | null {
    const value = this.extensions[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }

  /** A string extension member, or null. */
  stringExtension(name: string): string | null {
    const value = this.extensions[name];
    return typeof value === 'string' ? value : null;
  }
}

const STANDARD_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'requestId',
  'errors',
]);

export function isApiProblem(value: unknown): value is ApiProblem {
  return value instanceof ApiProblem;
}

export const NETWORK_UNREACHABLE = 'NETWORK.UNREACHABLE';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldErrors(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    field: typeof e['field'] === 'string' ? e['field'] : '',
    code: typeof e['code'] === 'string' ? e['code'] : 'INVALID',
    message: typeof e['message'] === 'string' ? e['message'] : '',
  }));
}

/**
 * Normalises a non-2xx answer. `body` is what openapi-fetch parsed (JSON when it could, text otherwise);
 * the request id comes from the problem, else the response header, else the id the client sent.
 */
export function toApiProblem(
  response: Response,
  body: unknown,
  sentRequestId: string | null = null,
): ApiProblem {
  const requestId =
    (isRecord(body) && typeof body['requestId'] === 'string' ? body['requestId'] : null) ??
    response.headers.get('X-Request-Id') ??
    sentRequestId;
  if (isRecord(body) && typeof body['code'] === 'string') {
    const detail = typeof body['detail'] === 'string' ? body['detail'] : response.statusText;
    const status = typeof body['status'] === 'number' ? body['status'] : response.status;
    const extensions = Object.fromEntries(Object.entries(body).filter(([key]) => !STANDARD_MEMBERS.has(key)));
    return new ApiProblem(status, body['code'], detail, fieldErrors(body['errors']), requestId, extensions);
  }
  const detail =
    typeof body === 'string' && body.length > 0 && body.length < 500 ? body : response.statusText;
  return new ApiProblem(
    response.status,
    `HTTP.${response.status}`,
    detail || `HTTP ${response.status}`,
    [],
    requestId,
  );
}

export function networkProblem(error: unknown, requestId: string | null): ApiProblem {
  const detail = error instanceof Error ? error.message : 'The server could not be reached';
  return new ApiProblem(0, NETWORK_UNREACHABLE, detail, [], requestId);
}
