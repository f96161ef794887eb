import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

/**
 * Audit completeness: journeys through the real api and worker, each step with its own request id, and the
 * audit records every step must leave (and the ones it must not). The expected records are listed per step.
 */
const PASSWORD = 'Demo-2026-pass';
const base = process.env['E2E_BASE_URL'] ?? 'http://localhost:3000';

interface Rec {
  action: string;
  outcome: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  actorId: string | null;
  actorKind: string;
  reason: string | null;
  changes: Record<string, unknown> | null;
  requestId: string | null;
}

async function session(loginName: string): Promise<{ api: APIRequestContext; csrf: string; id: string }> {
  const api = await playwrightRequest.newContext({ baseURL: base });
  const res = await api.post('/api/v1/auth/login', { data: { login: loginName, password: PASSWORD } });
  expect(res.status(), `login ${loginName}`).toBe(200);
  const me = (await res.json()) as { csrfToken: string; id: string };
  return { api, csrf: me.csrfToken, id: me.id };
}

let step = 0;
const rid = (name: string) => `e2e-audit-${Date.now()}-${++step}-${name}`;

test.describe('audit completeness', () => {
  test('every PHI read and every state change of the journeys is in the audit trail, nothing else', async () => {
    const sys = await session('sysadmin');
    const recordsOf = async (requestId: string, expected: number): Promise<Rec[]> => {
      let last: Rec[] = [];
      await expect
        .poll(
          async () => {
            const r = await sys.api.get(`/api/v1/audit/records?requestId=${encodeURIComponent(requestId)}`);
            last = (await r.json()) as Rec[];
            return last.length;
          },
          { timeout: 15_000, message: `audit records of ${requestId}` },
        )
        .toBe(expected);
      return last;
    };

    // ── Journey 1: a requesting doctor finds a family by phone, opens a card, registers a patient ──
    const doctor = await session('doctor');
    const search = rid('search');
    const found = await doctor.api.get('/api/v1/identity/patients/search?phone=%2B79130000001', {
      headers: { 'x-request-id': search },
    });
    const matches = (await found.json()) as { id: string }[];
    expect(matches).toHaveLength(2);
    // expected: one read per patient in the result (the father and the child he represents)
    const searchRecs = await recordsOf(search, 2);
    expect(searchRecs.map((r) => [r.action, r.resourceType, r.actorId]).sort()).toEqual([
      ['read', 'patient-search', doctor.id],
      ['read', 'patient-search', doctor.id],
    ]);
    expect(new Set(searchRecs.map((r) => r.patientId))).toEqual(new Set(matches.map((m) => m.id)));

    const open = rid('open-card');
    await doctor.api.get(`/api/v1/identity/patients/${matches[0]?.id}`, {
      headers: { 'x-request-id': open },
    });
    // expected: one read of the card
    expect(await recordsOf(open, 1)).toEqual([
      expect.objectContaining({
        action: 'read',
        resourceType: 'patient',
        patientId: matches[0]?.id,
        actorId: doctor.id,
      }),
    ]);

    const create = rid('create');
    const created = await doctor.api.post('/api/v1/identity/patients', {
      headers: { 'x-request-id': create, 'x-csrf-token': doctor.csrf },
      data: { surname: 'Журналов', name: 'Аудит', birthDate: '1999-09-09', sex: 'MALE' },
    });
    expect(created.status()).toBe(201);
    const patient = (await created.json()) as { id: string };
    // expected: one create of the patient card
    expect(await recordsOf(create, 1)).toEqual([
      expect.objectContaining({ action: 'create', resourceType: 'patient', patientId: patient.id }),
    ]);

    const invalid = rid('invalid');
    const refused = await doctor.api.post('/api/v1/identity/patients', {
      headers: { 'x-request-id': invalid, 'x-csrf-token': doctor.csrf },
      data: {
        surname: 'Ошибкин',
        name: 'Тест',
        birthDate: '1999-09-09',
        sex: 'MALE',
        snils: '112-233-445 96',
      },
    });
    expect(refused.status()).toBe(422);

    const denied = rid('denied');
    expect(
      (await doctor.api.get('/api/v1/identity/staff', { headers: { 'x-request-id': denied } })).status(),
    ).toBe(403);
    // expected: the denial, as a security event
    expect(await recordsOf(denied, 1)).toEqual([
      expect.objectContaining({ action: 'deny', outcome: 'denied', actorId: doctor.id }),
    ]);

    const logout = rid('logout');
    await doctor.api.post('/api/v1/auth/logout', {
      headers: { 'x-request-id': logout, 'x-csrf-token': doctor.csrf },
    });
    expect(await recordsOf(logout, 1)).toEqual([
      expect.objectContaining({ action: 'logout', actorId: doctor.id }),
    ]);
    // expected: nothing for the rejected card (no state change, no data shown)
    expect(await recordsOf(invalid, 0)).toEqual([]);

    // ── Journey 2: a regional admin creates a user, resets the password, deactivates the account ──
    const admin = await session('admin');
    const createUser = rid('create-user');
    const user = (await (
      await admin.api.post('/api/v1/identity/staff', {
        headers: { 'x-request-id': createUser, 'x-csrf-token': admin.csrf },
        data: {
          login: `audit-e2e-${Date.now()}`,
          surname: 'Журнальная',
          name: 'Анна',
          timeZone: 'Asia/Novosibirsk',
          initialPassword: 'Initial-2026-pass',
          memberships: [{ organisationId: '00000000-0000-7000-8000-000000000204', role: 'CONSULTANT' }],
        },
      })
    ).json()) as { id: string };
    // expected: the account created and the role granted
    expect((await recordsOf(createUser, 2)).map((r) => [r.action, r.resourceType, r.reason]).sort()).toEqual([
      ['create', 'staff-user', null],
      ['update', 'staff-user', 'role granted'],
    ]);
    const reset = rid('reset');
    await admin.api.post(`/api/v1/identity/staff/${user.id}/password-reset`, {
      headers: { 'x-request-id': reset, 'x-csrf-token': admin.csrf },
      data: { newPassword: 'Reset-2026-pass!' },
    });
    // expected: one update, the password itself masked
    expect(await recordsOf(reset, 1)).toEqual([
      expect.objectContaining({ reason: 'PASSWORD_RESET', changes: { password: '***' }, actorId: admin.id }),
    ]);
    const deactivate = rid('deactivate');
    await admin.api.post(`/api/v1/identity/staff/${user.id}/deactivate`, {
      headers: { 'x-request-id': deactivate, 'x-csrf-token': admin.csrf },
    });
    expect(await recordsOf(deactivate, 1)).toEqual([
      expect.objectContaining({ reason: 'DEACTIVATED', resourceId: user.id }),
    ]);

    // ── Journey 3: a failed login ──
    const anon = await playwrightRequest.newContext({ baseURL: base });
    const failed = rid('failed-login');
    await anon.post('/api/v1/auth/login', {
      headers: { 'x-request-id': failed },
      data: { login: 'dispatcher', password: 'wrong-one' },
    });
    expect(await recordsOf(failed, 1)).toEqual([
      expect.objectContaining({ action: 'login', outcome: 'failure', actorId: 'dispatcher' }),
    ]);

    // the chain is intact after all of it
    const integrity = (await (await sys.api.get('/api/v1/audit/integrity')).json()) as {
      ok: boolean;
      checked: number;
    };
    expect(integrity.ok).toBe(true);
    expect(integrity.checked).toBeGreaterThan(10);
  });
});
