import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import { DEMO, DEMO_PASSWORD } from '@tmk/identity-api';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { createApiApp } from './bootstrap';

/** Identity through the real api on PostgreSQL: sessions, lockout, expiry, revocation, CSRF, patients. */
describe('identity (real PostgreSQL and Redis)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let base: string;
  let db: DataSource;

  interface Session {
    cookie: string;
    csrf: string;
  }

  beforeAll(async () => {
    config = loadConfig(
      testEnv({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', SESSION_IDLE_MINUTES: '30' }),
    );
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${(await app.getUrl()).replace('[::1]', 'localhost')}/api/v1`;
    db = await new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 2 } }).initialize();
  });

  afterAll(async () => {
    await db.destroy();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  async function login(loginName: string, password = DEMO_PASSWORD): Promise<Session> {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: loginName, password }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('tmk_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const pick = (name: string) => cookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';
    const csrf = pick('tmk_csrf').split('=')[1] ?? '';
    return { cookie: `${pick('tmk_session')}; ${pick('tmk_csrf')}`, csrf };
  }

  const call = (s: Session | null, method: string, path: string, body?: unknown, csrf = s?.csrf) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(s ? { cookie: s.cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('staffLogin_returnsMe_withRolesOfTheActiveOrganisation_andSwitchesOrganisation', async () => {
    const s = await login('consultant');
    const me = (await (await call(s, 'GET', '/auth/me')).json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      kind: 'staff',
      displayName: 'Петров Алексей Николаевич',
      login: 'consultant',
    });
    expect((me['memberships'] as unknown[]).length).toBe(2);
    const other = (me['memberships'] as { organisationId: string }[]).find(
      (m) => m.organisationId !== me['activeOrganisationId'],
    );
    const switched = await call(s, 'POST', '/auth/active-organisation', {
      organisationId: other?.organisationId,
    });
    expect(switched.status).toBe(200);
    const after = (await switched.json()) as { activeOrganisationId: string; roles: string[] };
    expect(after.activeOrganisationId).toBe(other?.organisationId);
    expect(after.roles).toHaveLength(1);
    const foreign = await call(s, 'POST', '/auth/active-organisation', {
      organisationId: DEMO.organisations.tokb,
    });
    expect(foreign.status).toBe(422);
  });

  it('wrongPassword_andUnknownLogin_lookTheSame_andLockAfterTheLimit_evenForUnknownLogins', async () => {
    const attempt = (loginName: string, password: string) =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: loginName, password }),
      });
    const wrong = await attempt('fed-dispatcher', 'not-the-password');
    const unknown = await attempt(`ghost-${randomBytes(3).toString('hex')}`, 'not-the-password');
    const [a, b] = [
      (await wrong.json()) as Record<string, unknown>,
      (await unknown.json()) as Record<string, unknown>,
    ];
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect([a['code'], a['detail']]).toEqual([b['code'], b['detail']]);
    await attempt('fed-dispatcher', 'not-the-password');
    const third = await attempt('fed-dispatcher', 'not-the-password');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('900');
    // locked: even the right password is refused now, without revealing it was right
    const right = await attempt('fed-dispatcher', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    const events: { type: string }[] = await db.query(
      `SELECT type FROM messaging.outbox WHERE type = 'identity.LoginFailed' AND payload->>'login' = 'fed-dispatcher'`,
    );
    expect(events.length).toBeGreaterThanOrEqual(4);
    await db.query(`DELETE FROM identity.login_throttle WHERE login_key = 'fed-dispatcher'`);
  });

  it('csrf_missingOrForeignToken_isRefused_andNothingChanges', async () => {
    const s1 = await login('doctor');
    const s2 = await login('doctor');
    const body = { timeZone: 'Europe/Moscow' };
    const missing = await call(s1, 'PATCH', '/auth/profile', body, '');
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { code: string }).code).toBe('AUTH.CSRF');
    const foreign = await call(s1, 'PATCH', '/auth/profile', body, s2.csrf);
    expect(foreign.status).toBe(403);
    const [row]: { time_zone: string }[] = await db.query(
      `SELECT time_zone FROM identity.staff_user WHERE id = $1`,
      [DEMO.staff.doctor],
    );
    expect(row?.time_zone).toBe('Asia/Novosibirsk');
  });

  it('idleAndAbsoluteExpiry_endTheSession', async () => {
    const idle = await login('dispatcher');
    await db.query(
      `UPDATE identity.session SET last_seen_at = now() - interval '31 minutes' WHERE staff_user_id = $1 AND revoked_at IS NULL`,
      [DEMO.staff.dispatcher],
    );
    expect((await call(idle, 'GET', '/auth/me')).status).toBe(401);
    const absolute = await login('dispatcher');
    await db.query(
      `UPDATE identity.session SET expires_at = now() - interval '1 second' WHERE staff_user_id = $1 AND revoked_at IS NULL`,
      [DEMO.staff.dispatcher],
    );
    expect((await call(absolute, 'GET', '/auth/me')).status).toBe(401);
  });

  it('logoutEverywhere_revokesEverySessionOfThePerson', async () => {
    const a = await login('tomsk-doctor');
    const b = await login('tomsk-doctor');
    expect((await call(a, 'POST', '/auth/logout-all')).status).toBe(204);
    expect((await call(a, 'GET', '/auth/me')).status).toBe(401);
    expect((await call(b, 'GET', '/auth/me')).status).toBe(401);
  });

  it('adminCreatesUser_whoLogsIn_thenDeactivationAndReset_revokeTheirSessions', async () => {
    const admin = await login('admin');
    const loginName = `nurse-${randomBytes(3).toString('hex')}`;
    const created = await call(admin, 'POST', '/identity/staff', {
      login: loginName,
      surname: 'Новикова',
      name: 'Ольга',
      timeZone: 'Asia/Novosibirsk',
      initialPassword: 'Initial-2026-pass',
      memberships: [{ organisationId: DEMO.organisations.iskitim, role: 'REQUESTING_DOCTOR' }],
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; mustChangePassword: boolean };
    expect(user.mustChangePassword).toBe(true);
    const own = await login(loginName, 'Initial-2026-pass');
    expect((await call(own, 'GET', '/auth/me')).status).toBe(200);
    // until the user sets their own password, nothing else is open to them
    const blocked = await call(own, 'PATCH', '/auth/profile', { timeZone: 'Asia/Omsk' });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { code: string }).code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await call(own, 'POST', '/auth/password', {
          currentPassword: 'Initial-2026-pass',
          newPassword: 'Own-choice-2026',
        })
      ).status,
    ).toBe(204);
    expect((await call(own, 'PATCH', '/auth/profile', { timeZone: 'Asia/Omsk' })).status).toBe(200);
    expect(
      (
        await call(admin, 'POST', `/identity/staff/${user.id}/password-reset`, {
          newPassword: 'Reset-2026-pass!',
        })
      ).status,
    ).toBe(204);
    expect((await call(own, 'GET', '/auth/me')).status).toBe(401);
    const again = await login(loginName, 'Reset-2026-pass!');
    expect((await call(admin, 'POST', `/identity/staff/${user.id}/deactivate`)).status).toBe(200);
    expect((await call(again, 'GET', '/auth/me')).status).toBe(401);
    const deactivatedLogin = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: loginName, password: 'Reset-2026-pass!' }),
    });
    expect(deactivatedLogin.status).toBe(401);
    const events: { type: string }[] = await db.query(
      `SELECT type FROM messaging.outbox WHERE aggregate_id = $1 ORDER BY occurred_at`,
      [user.id],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'identity.UserRegistered',
        'identity.RoleGranted',
        'identity.UserAccountChanged',
        'identity.LoginSucceeded',
      ]),
    );
  });

  it('duplicateLogin_is409_andLeavesNoHalfWrittenUser', async () => {
    const admin = await login('admin');
    const res = await call(admin, 'POST', '/identity/staff', {
      login: 'doctor',
      surname: 'Дубль',
      name: 'Дубль',
      timeZone: 'Asia/Novosibirsk',
      initialPassword: 'Initial-2026-pass',
      memberships: [{ organisationId: DEMO.organisations.iskitim, role: 'REQUESTING_DOCTOR' }],
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('IDENTITY.LOGIN_TAKEN');
    const [count]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM identity.staff_user WHERE surname = 'Дубль'`,
    );
    expect(count?.n).toBe(0);
  });

  it('weakPassword_is422_withFieldCodes', async () => {
    const admin = await login('admin');
    const res = await call(admin, 'POST', '/identity/staff', {
      login: `weak-${randomBytes(3).toString('hex')}`,
      surname: 'Слабый',
      name: 'Пароль',
      timeZone: 'Asia/Novosibirsk',
      initialPassword: 'short',
      memberships: [{ organisationId: DEMO.organisations.iskitim, role: 'REQUESTING_DOCTOR' }],
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { field: string; code: string }[] };
    expect(problem.code).toBe('IDENTITY.WEAK_PASSWORD');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ field: 'initialPassword', code: 'PASSWORD_TOO_SHORT' }),
    );
  });

  it('patients_phoneSearchFindsRepresented_duplicateSnilsIs409_invalidSnilsIs422', async () => {
    const doctor = await login('doctor');
    const found = (await (
      await call(doctor, 'GET', '/identity/patients/search?phone=8%20(913)%20000-00-01')
    ).json()) as {
      id: string;
      matchedAs: string;
    }[];
    expect(found.map((p) => [p.id, p.matchedAs])).toEqual([
      [DEMO.patients.smirnov, 'SELF'],
      [DEMO.patients.smirnova, 'REPRESENTED'],
    ]);
    const bySnils = (await (
      await call(doctor, 'GET', '/identity/patients/search?snils=987-654-321%2083')
    ).json()) as { id: string }[];
    expect(bySnils.map((p) => p.id)).toEqual([DEMO.patients.kuznetsova]);
    const surname = `Проверкин-${[...randomBytes(6)].map((b) => 'абвгдежзиклмнопрстуфхцчшэюя'[b % 27]).join('')}`;
    const card = { surname, name: 'Тест', birthDate: '1970-05-05', sex: 'MALE' };
    const duplicate = await call(doctor, 'POST', '/identity/patients', { ...card, snils: '112 233 445 95' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      code: 'IDENTITY.SNILS_TAKEN',
      existingPatientId: DEMO.patients.smirnov,
    });
    const invalid = await call(doctor, 'POST', '/identity/patients', { ...card, snils: '112-233-445 96' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      code: 'IDENTITY.INVALID_SNILS',
      errors: [{ field: 'snils', code: 'SNILS_CHECKSUM' }],
    });
    const [n]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM identity.patient WHERE surname = $1`,
      [surname],
    );
    expect(n?.n).toBe(0);
    const created = await call(doctor, 'POST', '/identity/patients', {
      ...card,
      phone: '+7 913 555 00 01',
      omsPolicy: '5400000000000014',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      phone: '+79135550001',
      omsChecksumWarning: true,
      regionId: DEMO.regions.nso,
    });
  });

  it('organisation_concurrentEdits_oneWins_theOtherGets409WithTheCurrentState', async () => {
    const admin = await login('admin');
    const org = (await (
      await call(admin, 'GET', `/identity/organisations/${DEMO.organisations.iskitim}`)
    ).json()) as Record<string, unknown>;
    const edit = (name: string) =>
      call(admin, 'PATCH', `/identity/organisations/${DEMO.organisations.iskitim}`, {
        regionId: org['regionId'],
        name,
        shortName: org['shortName'],
        level: org['level'],
        isConsultationCentre: org['isConsultationCentre'],
        isCoordinationCentre: org['isCoordinationCentre'],
        timeZone: org['timeZone'],
        version: org['version'],
      });
    const results = await Promise.all([edit(`${String(org['name'])} `), edit(`${String(org['name'])}  `)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(await loser?.json()).toMatchObject({
      code: 'IDENTITY.STALE_VERSION',
      currentVersion: Number(org['version']) + 1,
    });
  });
});
