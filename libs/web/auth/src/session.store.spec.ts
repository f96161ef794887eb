import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import {
  CSRF_HEADER,
  createApiClient,
  currentCsrfToken,
  isApiProblem,
  setSharedApiClient,
  type Me,
} from '@tmk/web-api-client';
import { allowedFor, safeRedirect } from './roles';
import { organisationsOf, useSessionStore } from './session.store';

const ORG_A = '0190a0b2-0000-7000-8000-00000000000a';
const ORG_B = '0190a0b2-0000-7000-8000-00000000000b';

function consultant(active = ORG_A): Me {
  return {
    kind: 'staff',
    id: '0190a0b2-0000-7000-8000-000000000001',
    displayName: 'Петров Алексей Николаевич',
    timeZone: 'Asia/Novosibirsk',
    csrfToken: `csrf-${active}`,
    sessionExpiresAt: '2030-01-01T00:00:00Z',
    login: 'consultant',
    memberships: [
      { organisationId: ORG_A, organisationName: 'ГНОКБ', regionId: 'r54', role: 'CONSULTANT' },
      {
        organisationId: ORG_B,
        organisationName: 'Искитимская ЦГБ',
        regionId: 'r54',
        role: 'REQUESTING_DOCTOR',
      },
    ],
    activeOrganisationId: active,
    roles: [active === ORG_A ? 'CONSULTANT' : 'REQUESTING_DOCTOR'],
  };
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

type Handler = (request: Request) => Response;

describe('session store', () => {
  const realFetch = globalThis.fetch;
  let handler: Handler;
  const requests: Request[] = [];

  beforeEach(() => {
    setActivePinia(createPinia());
    requests.length = 0;
    handler = () => json(500, { code: 'INTERNAL.UNEXPECTED' });
    globalThis.fetch = ((request: Request) => {
      requests.push(request);
      return Promise.resolve(handler(request));
    }) as typeof fetch;
    setSharedApiClient(createApiClient('http://localhost'));
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    setSharedApiClient(undefined);
  });

  it('is anonymous when /auth/me answers 401', async () => {
    handler = () => json(401, { code: 'ACCESS.UNAUTHENTICATED', status: 401 });
    const session = useSessionStore();
    await session.ensureLoaded();
    expect(session.status).toBe('anonymous');
    expect(session.isAuthenticated).toBe(false);
    expect(session.notice).toBeNull();
  });

  it('loads the signed-in person once and remembers the CSRF token', async () => {
    handler = () => json(200, consultant());
    const session = useSessionStore();
    await Promise.all([session.ensureLoaded(), session.ensureLoaded()]);
    expect(requests).toHaveLength(1);
    expect(session.isAuthenticated).toBe(true);
    expect(session.user?.organisation?.name).toBe('ГНОКБ');
    expect(session.roles).toEqual(['CONSULTANT']);
    expect(session.organisations.map((o) => o.name)).toEqual(['ГНОКБ', 'Искитимская ЦГБ']);
    expect(currentCsrfToken()).toBe(`csrf-${ORG_A}`);
  });

  it('is unavailable (with the problem) when the api fails', async () => {
    handler = () => json(503, { code: 'HEALTH.NOT_READY', status: 503, detail: 'down' });
    const session = useSessionStore();
    await session.ensureLoaded();
    expect(session.status).toBe('unavailable');
    expect(session.problem?.code).toBe('HEALTH.NOT_READY');
  });

  it('signs in, switches organisation (roles follow) and signs out', async () => {
    handler = (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/login') return json(200, consultant());
      if (path === '/api/v1/auth/active-organisation') return json(200, consultant(ORG_B));
      if (path === '/api/v1/auth/logout') return json(204, undefined);
      return json(404, { code: 'HTTP.NOT_FOUND' });
    };
    const session = useSessionStore();
    await session.login('consultant', 'Demo-2026-pass');
    expect(session.hasRole('CONSULTANT')).toBe(true);

    await session.switchOrganisation(ORG_B);
    const switchCall = requests.find((r) => r.url.endsWith('/active-organisation'));
    expect(switchCall?.headers.get(CSRF_HEADER)).toBe(`csrf-${ORG_A}`);
    expect(session.activeOrganisation?.name).toBe('Искитимская ЦГБ');
    expect(session.hasAnyRole(['CONSULTANT'])).toBe(false);
    expect(session.hasAnyRole(['REQUESTING_DOCTOR'])).toBe(true);

    await session.logout();
    expect(session.status).toBe('anonymous');
    expect(session.notice).toBe('signedOut');
    expect(currentCsrfToken()).toBeNull();
  });

  it('passes the api problem of a failed sign-in on', async () => {
    handler = () =>
      json(429, { code: 'AUTH.TOO_MANY_ATTEMPTS', status: 429, detail: 'wait', retryAfterSeconds: 600 });
    const session = useSessionStore();
    const error = await session.login('doctor', 'wrong').catch((e: unknown) => e);
    expect(isApiProblem(error) && error.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(isApiProblem(error) && error.numberExtension('retryAfterSeconds')).toBe(600);
    expect(session.isAuthenticated).toBe(false);
  });

  it('marks an expired session when /auth/me turns 401 after a sign-in', async () => {
    handler = () => json(200, consultant());
    const session = useSessionStore();
    await session.refresh();
    handler = () => json(401, { code: 'ACCESS.UNAUTHENTICATED', status: 401 });
    await session.refresh();
    expect(session.status).toBe('anonymous');
    expect(session.notice).toBe('expired');
  });

  it('lets a patient choose whose card to act for', async () => {
    handler = () =>
      json(200, {
        kind: 'patient',
        id: 'p1',
        displayName: 'Смирнов Иван Сергеевич',
        timeZone: 'Asia/Novosibirsk',
        csrfToken: 'c',
        sessionExpiresAt: '2030-01-01T00:00:00Z',
        patients: [
          { id: 'p1', displayName: 'Смирнов Иван Сергеевич', relation: 'SELF' },
          { id: 'p2', displayName: 'Смирнова Анна Ивановна', relation: 'REPRESENTED' },
        ],
      } satisfies Me);
    const session = useSessionStore();
    await session.ensureLoaded();
    expect(session.actingFor?.id).toBe('p1');
    session.setActingFor('p2');
    expect(session.actingFor?.displayName).toBe('Смирнова Анна Ивановна');
    session.setActingFor('unknown');
    expect(session.actingFor?.id).toBe('p2');
  });
});

describe('role and redirect helpers', () => {
  it('groups memberships by organisation', () => {
    const orgs = organisationsOf([
      { organisationId: 'a', organisationName: 'A', regionId: null, role: 'REGIONAL_ADMIN' },
      { organisationId: 'a', organisationName: 'A', regionId: null, role: 'DISPATCHER' },
      { organisationId: 'b', organisationName: 'B', regionId: null, role: 'CONSULTANT' },
    ]);
    expect(orgs).toEqual([
      { id: 'a', name: 'A', regionId: null, roles: ['DISPATCHER', 'REGIONAL_ADMIN'] },
      { id: 'b', name: 'B', regionId: null, roles: ['CONSULTANT'] },
    ]);
  });

  it('allows what needs no role or a held one', () => {
    expect(allowedFor([], undefined)).toBe(true);
    expect(allowedFor(['DISPATCHER'], ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'])).toBe(false);
    expect(allowedFor(['SYSTEM_ADMIN'], ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'])).toBe(true);
  });

  it.each([
    ['/profile', '/profile'],
    ['/doctor/patients?x=1', '/patients?x=1'],
    ['/doctor/', '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('keeps the return path %j inside the app', (input, expected) => {
    expect(safeRedirect(input, '/doctor/')).toBe(expected);
  });
});
