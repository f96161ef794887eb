import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { newId } from '@tmk/shared-kernel';
import { ApiProblem, networkProblem, toApiProblem } from './problem';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

export const REQUEST_ID_HEADER = 'X-Request-Id';

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
 * served by the api), cookies included, one `X-Request-Id` per call. A call resolves to
 * `{ data, error, response }`; use {@link unwrap} to get the data or an {@link ApiProblem}.
 */
export function createApiClient(baseUrl = ''): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    credentials: 'include',
    headers: { Accept: 'application/json, application/problem+json' },
  });
  client.use(requestIdMiddleware);
  return client;
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
