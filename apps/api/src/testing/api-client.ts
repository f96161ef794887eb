import { DEMO_PASSWORD } from '@tmk/identity-api';

/** A signed-in browser session: its cookies and CSRF token. */
export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/**
 * A small client of the real api for integration tests: logs demo users in (cached per user and
 * organisation) and sends JSON calls with the session's cookie and CSRF header.
 */
export class ApiClient {
  private readonly sessions = new Map<string, Session>();

  constructor(readonly base: string) {}

  async login(name: string, organisationId?: string): Promise<Session> {
    const key = `${name}@${organisationId ?? ''}`;
    const known = this.sessions.get(key);
    if (known) return known;
    const res = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: name, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
    const cookies = res.headers.getSetCookie();
    const pick = (n: string) => cookies.find((c) => c.startsWith(`${n}=`))?.split(';')[0] ?? '';
    const s = {
      cookie: `${pick('tmk_session')}; ${pick('tmk_csrf')}`,
      csrf: pick('tmk_csrf').split('=')[1] ?? '',
    };
    if (organisationId) {
      await ApiClient.json(await this.call(s, 'POST', '/auth/active-organisation', { organisationId }));
    }
    this.sessions.set(key, s);
    return s;
  }

  call(
    s: Session | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  /** The body as JSON, after checking the status (the text goes into the failure message). */
  static async json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  static async bytes(res: Response, status = 200): Promise<Uint8Array> {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
