import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { newId } from '@tmk/shared-kernel';
import { ApiProblem, networkProblem, toApiProblem } from './problem';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

export const REQUEST_ID_HEADER = 'X-Request-Id';
export const CSRF_HEADER = 'X-CSRF-Token';
/** The cookie the api sets next to the httpOnly session cookie; readable by the SPA (ADR 0009). */
export const CSRF_COOKIE = 'tmk_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Calls whose 401 is an expected answer the caller handles itself, not "the session is gone". */
const OWN_401_PATHS = ['/api/v1/auth/login', '/api/v1/auth/me'];

let csrfFallback: string | null = null;
const unauthorizedListeners = new Set<(request: Request) => void>();

/** Reads one cookie of `document.cookie` (or of the given header value, for tests). */
export function readCookie(name: string, cookieHeader?: string): string | null {
  const header = cookieHeader ?? (typeof document === 'undefined' ? '' : document.cookie);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Remembers the CSRF token from `Me.csrfToken`; used when the `tmk_csrf` cookie cannot be read (the cookie,
 * when present, wins: it is what the server compares with). `null` forgets it (sign-out).
 */
export function setCsrfToken(token: string | null): void {
  csrfFallback = token;
}

/** The token an unsafe request carries in `X-CSRF-Token`, or null when there is no session. */
export function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? csrfFallback;
}

/**
 * Subscribes to "a call was answered 401": the session expired or was ended elsewhere. The auth library uses
 * it to send the user to the sign-in page. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: (request: Request) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Adds `X-CSRF-Token` to every unsafe request (POST, PUT, PATCH, DELETE) that has a token to send. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method.toUpperCase()) || request.headers.has(CSRF_HEADER)) return request;
    const token = currentCsrfToken();
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

/** Tells the {@link onUnauthorized} listeners about a 401 (except for the session calls that expect one). */
export const unauthorizedMiddleware: Middleware = {
  onResponse({ request, response }) {
    if (response.status !== 401) return undefined;
    const path = new URL(request.url, 'http://localhost').pathname;
    if (OWN_401_PATHS.includes(path)) return undefined;
    for (const listener of [...unauthorizedListeners]) listener(request);
    return undefined;
  },
};

/** Gives every call its own request id (UUIDv7, as the server makes them) so logs can be joined up. */
const requestIdMiddleware: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has(REQUEST_ID_HEADER)) request.headers.set(REQUEST_ID_HEADER, newId());
    return request;
  },
  onError({ request, error }) {
    // fetch rejected: no answer at all (offline, DNS, CORS, aborted). Turn it into a problem too.
    return error instanceof ApiProblem
      ? error
      : networkProblem(error, request.headers.get(REQUEST_ID_HEADER));
  },
};

/**
 * The typed API client: openapi-fetch over the server's OpenAPI schema, same-origin by default (the SPAs are
 * served by the api), cookies included, one `X-Request-Id` per call, `X-CSRF-Token` on unsafe calls, and a
 * 401 reported to {@link onUnauthorized} listeners. A call resolves to
 * `{ data, error, response }`; use {@link unwrap} to get the data or an {@link ApiProblem}.
 */
export function createApiClient(baseUrl = ''): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    credentials: 'include',
    headers: { Accept: 'application/json, application/problem+json' },
  });
  client.use(requestIdMiddleware, csrfMiddleware, unauthorizedMiddleware);
  return client;
}

let shared: ApiClient | undefined;

/** The one client the SPA's components share (created on first use). */
export function useApiClient(): ApiClient {
  return (shared ??= createApiClient());
}

/** Replaces the shared client (tests: another base URL or fetch); `undefined` makes a new one on next use. */
export function setSharedApiClient(client: ApiClient | undefined): void {
  shared = client;
}

interface CallResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Waits for a call and returns its data, or throws an {@link ApiProblem} for any non-2xx answer or network
 * failure: `const ping = await unwrap(api.POST('/api/v1/consultations/demo-pings', { body }))`.
 */
export async function unwrap<R extends CallResult>(
  pending: Promise<R>,
): Promise<Exclude<R['data'], undefined>> {
  const result = await pending;
  if (!result.response.ok) {
    throw toApiProblem(result.response, result.error, result.response.headers.get(REQUEST_ID_HEADER));
  }
  return result.data as Exclude<R['data'], undefined>;
}
