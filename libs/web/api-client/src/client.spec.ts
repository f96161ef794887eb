import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CSRF_HEADER, createApiClient, onUnauthorized, readCookie, setCsrfToken } from './client';

type FetchMock = jest.Mock<(request: Request) => Promise<Response>>;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

describe('api client', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: FetchMock;

  beforeEach(() => {
    fetchMock = jest.fn<(request: Request) => Promise<Response>>();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    setCsrfToken(null);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    setCsrfToken(null);
  });

  it('sends the CSRF token on unsafe requests only', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(new Response(null, { status: 204 })));
    const client = createApiClient('http://localhost');
    setCsrfToken('token-from-me');
    await client.POST('/api/v1/auth/logout');
    await client.GET('/api/v1/auth/me');
    const [post, get] = fetchMock.mock.calls.map(([request]) => request);
    expect(post?.headers.get(CSRF_HEADER)).toBe('token-from-me');
    expect(post?.headers.get('X-Request-Id')).toBeTruthy();
    expect(get?.headers.get(CSRF_HEADER)).toBeNull();
  });

  it('sends no CSRF header when there is no session', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(json(401, { code: 'AUTH.INVALID_CREDENTIALS' })));
    const client = createApiClient('http://localhost');
    await client.POST('/api/v1/auth/login', { body: { login: 'doctor', password: 'x' } });
    expect(fetchMock.mock.calls[0]?.[0].headers.has(CSRF_HEADER)).toBe(false);
  });

  it('reports a 401 to the listeners, except for the calls that expect one', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(json(401, { code: 'ACCESS.UNAUTHENTICATED' })));
    const client = createApiClient('http://localhost');
    const seen: string[] = [];
    const stop = onUnauthorized((request) => seen.push(new URL(request.url).pathname));
    await client.GET('/api/v1/auth/me');
    await client.POST('/api/v1/auth/login', { body: { login: 'a', password: 'b' } });
    await client.GET('/api/v1/identity/regions');
    stop();
    await client.GET('/api/v1/identity/regions');
    expect(seen).toEqual(['/api/v1/identity/regions']);
  });

  it('reads a cookie from a cookie header', () => {
    expect(readCookie('tmk_csrf', 'a=1; tmk_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('tmk_csrf', 'a=1')).toBeNull();
    expect(readCookie('tmk_csrf', '')).toBeNull();
  });
});
