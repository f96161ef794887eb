import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import { DEMO } from '@tmk/identity-api';
import {
  INTEGRATOR_STORE,
  PASSWORD_HASHER,
  type IntegratorStore,
  type PasswordHasher,
} from '@tmk/identity-application';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { systemClock } from '@tmk/shared-kernel';
import { RequestClosingService } from '@tmk/consultations-application';
import { SqlConclusionStore, SqlConsultationRequestRepository } from '@tmk/consultations-infrastructure';
import { createApiApp } from './bootstrap';
import { ApiClient } from './testing/api-client';

/** Doctor–doctor requests through the real api on PostgreSQL: the whole path and its races. */
describe('consultations (real PostgreSQL and Redis)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let base: string;
  let db: DataSource;

  let api: ApiClient;
  const login = (name: string, organisationId?: string) => api.login(name, organisationId);
  const call = (...args: Parameters<ApiClient['call']>) => api.call(...args);
  const json = ApiClient.json;

  beforeAll(async () => {
    config = loadConfig(testEnv({}));
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${(await app.getUrl()).replace('[::1]', 'localhost')}/api/v1`;
    api = new ApiClient(base);
    db = await new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 2 } }).initialize();
  });

  afterAll(async () => {
    await db.destroy();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  const doctor = () => login('doctor');
  const dispatcher = () => login('dispatcher');
  const consultant = () => login('consultant', DEMO.organisations.gnokb);

  const content = {
    question: 'Показана ли коронарография?',
    reason: 'Нет кардиолога в ЦРБ',
    diagnosisCode: 'I20.0',
    anamnesis: 'Боли за грудиной 2 недели',
    complaints: 'Давящие боли при нагрузке',
    examination: 'ЭКГ: депрессия ST',
    consent: 'GIVEN',
    consentReason: null,
  };

  async function draft(over: Record<string, unknown> = {}) {
    return json<{ id: string; version: number; status: string }>(
      await call(await doctor(), 'POST', '/consultations/requests', {
        patientId: DEMO.patients.smirnov,
        urgency: 'URGENT',
        mode: 'DEFERRED',
        profileCode: '39',
        centreId: null,
        consultantId: null,
        content,
        ...over,
      }),
      201,
    );
  }

  async function submitted(over: Record<string, unknown> = {}) {
    const d = await draft(over);
    return json<{ id: string; version: number; status: string; number: string; dueAt: string }>(
      await call(await doctor(), 'POST', `/consultations/requests/${d.id}/submit`, {}),
    );
  }

  it('the whole path: draft → registered → assigned → in work ⇄ data → conclusion submitted, with history', async () => {
    const d = await draft();
    expect(d.status).toBe('DRAFT');
    // the version answered on creation is the stored one: an edit with it succeeds (was 0 → 409)
    const edited = await json<{ version: number; content: { question: string } }>(
      await call(await doctor(), 'PUT', `/consultations/requests/${d.id}`, {
        urgency: 'URGENT',
        mode: 'DEFERRED',
        profileCode: '39',
        centreId: null,
        consultantId: null,
        content: { ...content, question: 'Уточнённый вопрос' },
        version: d.version,
      }),
    );
    expect(edited).toMatchObject({ version: d.version + 1, content: { question: 'Уточнённый вопрос' } });
    // a draft is the author's alone
    expect((await call(await dispatcher(), 'GET', `/consultations/requests/${d.id}`)).status).toBe(404);

    const before = Date.now();
    const r = await json<{
      number: string;
      receivedAt: string;
      dueAt: string;
      warnAt: string;
      status: string;
    }>(await call(await doctor(), 'POST', `/consultations/requests/${d.id}/submit`, {}));
    expect(r.status).toBe('NEW');
    expect(r.number).toMatch(/^54-\d{4}-\d{6}$/);
    // urgent cardiology: 6 hours by the default rules
    expect(new Date(r.dueAt).getTime() - new Date(r.receivedAt).getTime()).toBe(6 * 3_600_000);
    expect(new Date(r.receivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(r.warnAt).getTime() - new Date(r.receivedAt).getTime()).toBe(
      Math.floor(0.8 * 6 * 3_600_000),
    );

    const queue = await json<{ id: string }[]>(await call(await dispatcher(), 'GET', '/consultations/queue'));
    expect(queue.map((q) => q.id)).toContain(d.id);
    const tomsk = await json<{ id: string }[]>(
      await call(await login('fed-dispatcher'), 'GET', '/consultations/queue'),
    );
    expect(tomsk.map((q) => q.id)).not.toContain(d.id);

    const centres = await json<{ id: string; consultants: { id: string }[] }[]>(
      await call(await dispatcher(), 'GET', '/consultations/centres?profileCode=39'),
    );
    const gnokb = centres.find((c) => c.id === DEMO.organisations.gnokb);
    expect(gnokb?.consultants.map((c) => c.id)).toEqual([DEMO.staff.consultant]);

    const assigned = await json<{ status: string; consultantName: string; version: number }>(
      await call(await dispatcher(), 'POST', `/consultations/requests/${d.id}/assign`, {
        centreId: DEMO.organisations.gnokb,
        consultantId: DEMO.staff.consultant,
      }),
    );
    expect(assigned).toMatchObject({ status: 'ASSIGNED', consultantName: 'Петров А. Н.' });

    const inbox = await json<{ items: { id: string }[]; total: number }>(
      await call(await consultant(), 'GET', '/consultations/inbox?box=NEW'),
    );
    expect(inbox.items.map((i) => i.id)).toContain(d.id);

    await json(await call(await consultant(), 'POST', `/consultations/requests/${d.id}/take`, {}));
    await json(
      await call(await consultant(), 'POST', `/consultations/requests/${d.id}/messages`, {
        body: 'Добрый день',
      }),
      201,
    );
    await json(
      await call(await doctor(), 'POST', `/consultations/requests/${d.id}/messages`, {
        body: 'Здравствуйте',
      }),
      201,
    );
    const waiting = await json<{ status: string; pausedAt: string }>(
      await call(await consultant(), 'POST', `/consultations/requests/${d.id}/request-data`, {
        text: 'Пришлите тропонин',
      }),
    );
    expect(waiting.status).toBe('AWAITING_DATA');
    expect(waiting.pausedAt).not.toBeNull();
    const resumed = await json<{ status: string; dueAt: string }>(
      await call(await doctor(), 'POST', `/consultations/requests/${d.id}/provide-data`, {
        text: 'Тропонин 0,02',
      }),
    );
    expect(resumed.status).toBe('IN_WORK');
    expect(new Date(resumed.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(r.dueAt).getTime());

    const chat = await json<{ kind: string; body: string; authorRole: string }[]>(
      await call(await doctor(), 'GET', `/consultations/requests/${d.id}/messages`),
    );
    expect(chat.map((m) => [m.kind, m.authorRole])).toEqual([
      ['MESSAGE', 'CONSULTANT'],
      ['MESSAGE', 'REQUESTER'],
      ['DATA_REQUEST', 'CONSULTANT'],
      ['DATA_ANSWER', 'REQUESTER'],
    ]);

    // an incomplete conclusion is refused with the missing fields
    const empty = {
      anamnesisSummary: '',
      mainDiagnosis: null,
      concomitantDiagnoses: [],
      conclusion: '',
      recommendations: '',
      additionalRecommendations: '',
      inPersonVisit: 'NOT_NEEDED',
      attachmentIds: [],
    };
    const saved = await json<{ version: number }>(
      await call(await consultant(), 'PUT', `/consultations/requests/${d.id}/conclusion`, {
        content: empty,
        version: null,
      }),
    );
    const refused = await call(
      await consultant(),
      'POST',
      `/consultations/requests/${d.id}/conclusion/submit`,
      {},
    );
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('CONSULTATIONS.CONCLUSION_INCOMPLETE');
    expect(problem.errors.map((e) => e.field).sort()).toEqual([
      'conclusion',
      'mainDiagnosis',
      'recommendations',
    ]);
    // the doctor does not see the consultant's draft
    expect(
      (
        await json<{ conclusion: unknown }>(
          await call(await doctor(), 'GET', `/consultations/requests/${d.id}`),
        )
      ).conclusion,
    ).toBeNull();

    await json(
      await call(await consultant(), 'PUT', `/consultations/requests/${d.id}/conclusion`, {
        content: {
          ...empty,
          mainDiagnosis: { code: 'I20.0', text: 'Нестабильная стенокардия' },
          conclusion: 'Показана коронарография',
          recommendations: 'Перевод в ГНОКБ',
          inPersonVisit: 'TRANSFER',
        },
        version: saved.version,
      }),
    );
    const done = await json<{ status: string; answeredAt: string; slaState: string }>(
      await call(await consultant(), 'POST', `/consultations/requests/${d.id}/conclusion/submit`, {}),
    );
    expect(done).toMatchObject({ status: 'CONCLUSION_SUBMITTED', slaState: 'ON_TIME' });

    const detail = await json<{ history: { action: string }[]; conclusion: { status: string } }>(
      await call(await doctor(), 'GET', `/consultations/requests/${d.id}`),
    );
    expect(detail.history.map((h) => h.action)).toEqual([
      'submit',
      'assign',
      'takeIntoWork',
      'requestAdditionalData',
      'provideAdditionalData',
      'submitConclusion',
    ]);
    expect(detail.conclusion.status).toBe('SUBMITTED');

    const outbox: { type: string }[] = await db.query(
      `SELECT type FROM messaging.outbox WHERE aggregate_id = $1 AND type LIKE 'consultations.%' ORDER BY id`,
      [d.id],
    );
    expect(outbox.map((o) => o.type)).toEqual([
      'consultations.ConsultationRequested',
      'consultations.ConsultationAssigned',
      'consultations.ConsultationTakenIntoWork',
      'consultations.AdditionalDataRequested',
      'consultations.AdditionalDataProvided',
      'consultations.ConclusionSubmitted',
    ]);
    // every read of the request was audited
    const reads: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM messaging.outbox WHERE type = 'platform.DataAccessed' AND payload->>'resourceId' = $1`,
      [d.id],
    );
    expect(Number(reads[0]?.n)).toBeGreaterThanOrEqual(2);

    const journal = await json<{ items: { id: string; status: string }[] }>(
      await call(await login('admin'), 'GET', '/consultations/journal?status=CONCLUSION_SUBMITTED&limit=200'),
    );
    expect(journal.items.map((i) => i.id)).toContain(d.id);

    // signing reports the conclusion signed (DocumentSigned, handled in the worker): the request closes, once
    const closing = new RequestClosingService(
      new SqlConsultationRequestRepository(db),
      new SqlConclusionStore(db),
      { changed: () => Promise.resolve() },
      systemClock,
    );
    const signedAt = new Date();
    expect(await closing.conclusionSigned(d.id, signedAt)).toBe(true);
    expect(await closing.conclusionSigned(d.id, signedAt)).toBe(false);
    const closed = await json<{
      request: { status: string; closedAt: string };
      conclusion: { status: string };
    }>(await call(await doctor(), 'GET', `/consultations/requests/${d.id}`));
    expect(closed.request.status).toBe('CLOSED');
    expect(closed.request.closedAt).toBe(signedAt.toISOString());
    expect(closed.conclusion.status).toBe('SIGNED');
    // the chat is closed with the request
    expect(
      (await call(await doctor(), 'POST', `/consultations/requests/${d.id}/messages`, { body: 'ещё' }))
        .status,
    ).toBe(409);
  });

  it('two dispatchers assign at the same moment: one wins, the other gets 409 with the current state', async () => {
    const r = await submitted();
    const [a, b] = await Promise.all(
      [DEMO.staff.consultant, DEMO.staff.consultant2].map(async (consultantId) =>
        call(await dispatcher(), 'POST', `/consultations/requests/${r.id}/assign`, {
          centreId: DEMO.organisations.gnokb,
          consultantId,
          version: r.version,
        }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (a.status === 409 ? a : b) as Response;
    const problem = (await loser.json()) as { code: string; current: { status: string; version: number } };
    expect(problem.code).toBe('CONSULTATIONS.CONCURRENT_CHANGE');
    expect(problem.current).toMatchObject({ status: 'ASSIGNED', version: r.version + 1 });
  });

  it('dispatchers return, reject with a reason and escalate to the federal queue keeping the history', async () => {
    const r = await submitted();
    const noReason = await call(await dispatcher(), 'POST', `/consultations/requests/${r.id}/reject`, {
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const escalated = await json<{ level: string; status: string }>(
      await call(await dispatcher(), 'POST', `/consultations/requests/${r.id}/escalate`, {
        reason: 'нет детского кардиолога',
      }),
    );
    expect(escalated).toMatchObject({ level: 'FEDERAL', status: 'NEW' });
    // the regional dispatcher loses it; the federal one has it, with its history
    expect((await call(await dispatcher(), 'GET', `/consultations/requests/${r.id}`)).status).toBe(404);
    const fed = await login('fed-dispatcher');
    expect(
      (await json<{ id: string }[]>(await call(fed, 'GET', '/consultations/queue'))).map((q) => q.id),
    ).toContain(r.id);
    const centres = await json<{ id: string }[]>(
      await call(fed, 'GET', '/consultations/centres?level=FEDERAL'),
    );
    expect(centres.map((c) => c.id)).toContain(DEMO.organisations.almazov);
    // a regional centre is not of the federal level
    const wrong = await call(fed, 'POST', `/consultations/requests/${r.id}/assign`, {
      centreId: DEMO.organisations.gnokb,
      consultantId: null,
    });
    expect(wrong.status).toBe(400);
    await json(
      await call(fed, 'POST', `/consultations/requests/${r.id}/assign`, {
        centreId: DEMO.organisations.almazov,
        consultantId: DEMO.staff.fedConsultant,
      }),
    );
    const detail = await json<{ history: { action: string }[] }>(
      await call(await doctor(), 'GET', `/consultations/requests/${r.id}`),
    );
    expect(detail.history.map((h) => h.action)).toEqual(['submit', 'escalate', 'assign']);

    const other = await submitted();
    const returned = await json<{ status: string }>(
      await call(await dispatcher(), 'POST', `/consultations/requests/${other.id}/return`, {
        reason: 'Нет данных ЭКГ',
      }),
    );
    expect(returned.status).toBe('RETURNED');
    await json(await call(await doctor(), 'POST', `/consultations/requests/${other.id}/resubmit`, {}));
  });

  it('the МКБ-10 dictionary answers by code (any keyboard layout) and by words', async () => {
    const byCode = await json<{ code: string; name: string }[]>(
      await call(await doctor(), 'GET', `/consultations/dictionaries/icd10?q=${encodeURIComponent('ш20.0')}`),
    );
    expect(byCode[0]).toEqual({ code: 'I20.0', name: expect.stringMatching(/стенокардия/i) });
    const byWords = await json<{ code: string }[]>(
      await call(
        await doctor(),
        'GET',
        `/consultations/dictionaries/icd10?q=${encodeURIComponent('инфаркт миокарда')}`,
      ),
    );
    expect(byWords.map((e) => e.code)).toContain('I21.9');
    expect(byWords.length).toBeLessThanOrEqual(20);
  });

  it('the wrong people get 404 or 403, never data', async () => {
    const r = await submitted();
    expect((await call(await login('tomsk-doctor'), 'GET', `/consultations/requests/${r.id}`)).status).toBe(
      404,
    );
    expect((await call(await consultant(), 'GET', `/consultations/requests/${r.id}`)).status).toBe(404);
    expect((await call(await login('admin'), 'GET', `/consultations/requests/${r.id}`)).status).toBe(403);
    expect(
      (
        await call(await doctor(), 'POST', `/consultations/requests/${r.id}/assign`, {
          centreId: DEMO.organisations.gnokb,
          consultantId: null,
        })
      ).status,
    ).toBe(403);
    const bad = await call(await doctor(), 'POST', '/consultations/requests', {
      patientId: randomUUID(),
      urgency: 'SOMETIMES',
      mode: 'DEFERRED',
      profileCode: '39',
      centreId: null,
      consultantId: null,
      content: { ...content, diagnosisCode: 'XYZ' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('a request routed straight to a centre is assigned at once; any consultant of the centre may take it', async () => {
    const r = await submitted({ centreId: DEMO.organisations.gnokb, consultantId: null, urgency: 'PLANNED' });
    expect(r.status).toBe('ASSIGNED');
    const c2 = await login('consultant2');
    const inbox = await json<{ items: { id: string }[] }>(
      await call(c2, 'GET', '/consultations/inbox?box=NEW&limit=100'),
    );
    expect(inbox.items.map((i) => i.id)).toContain(r.id);
    const taken = await json<{ consultantId: string; consultantName: string }>(
      await call(c2, 'POST', `/consultations/requests/${r.id}/take`, {}),
    );
    expect(taken).toMatchObject({ consultantId: DEMO.staff.consultant2, consultantName: 'Кузьмина О. В.' });
    expect((await call(await consultant(), 'POST', `/consultations/requests/${r.id}/take`, {})).status).toBe(
      404,
    );
  });

  it('integrators: the same Idempotency-Key creates one request, even sent concurrently', async () => {
    const hasher = app.get<PasswordHasher>(PASSWORD_HASHER);
    const clientId = `mis-${randomUUID().slice(0, 8)}`;
    await app.get<IntegratorStore>(INTEGRATOR_STORE).insertClient({
      id: randomUUID(),
      clientId,
      secretHash: await hasher.hash('client-secret-0123456789'),
      organisationId: DEMO.organisations.kyshtovka,
      name: 'МИС Кыштовской ЦРБ',
      scopes: ['consultations:write', 'consultations:read'],
      active: true,
    });
    const token = (
      (await (
        await fetch(`${base}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: 'client-secret-0123456789',
          }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const body = {
      patientId: DEMO.patients.kuznetsova,
      requesterId: DEMO.staff.doctor,
      urgency: 'PLANNED',
      mode: 'DEFERRED',
      profileCode: '39',
      centreId: null,
      consultantId: null,
      content,
    };
    const send = (key: string | null, b: unknown = body) =>
      call(null, 'POST', '/consultations/requests', b, {
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      });
    expect((await send(null)).status).toBe(400);
    const key = randomUUID();
    const results = await Promise.all([send(key), send(key), send(key)]);
    const ids = await Promise.all(
      results.map(async (r) => ((await r.json()) as { id: string; status: string }).id),
    );
    expect(new Set(ids).size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const [{ n }]: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM consultations.idempotency_key WHERE request_id = $1`,
      [ids[0]],
    );
    expect(Number(n)).toBe(1);
    const reused = await send(key, { ...body, urgency: 'URGENT' });
    expect(reused.status).toBe(409);
    const status = await json<{ request: { status: string; number: string } }>(
      await call(null, 'GET', `/consultations/requests/${ids[0]}`, undefined, {
        authorization: `Bearer ${token}`,
      }),
    );
    expect(status.request.status).toBe('NEW');
    expect(status.request.number).toMatch(/^54-/);
  });

  it('the journal exports as CSV and XLSX, streamed, audited', async () => {
    await submitted();
    const admin = await login('admin');
    const csv = await call(admin, 'GET', '/consultations/journal/export?format=csv');
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('Номер;Поступило');
    expect(text).toContain('Смирнов Иван Сергеевич');
    const xlsx = await call(admin, 'GET', '/consultations/journal/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const dashboard = await json<{ byStatus: Record<string, number> }>(
      await call(admin, 'GET', '/consultations/dashboard'),
    );
    expect(dashboard.byStatus['NEW']).toBeGreaterThan(0);
  });

  it('administrators publish versioned deadline rules and correct the calendar; new requests follow them', async () => {
    const admin = await login('admin');
    const view = await json<{
      version: number;
      inForce: Record<string, unknown> & { urgent: { byProfile: Record<string, number> } };
    }>(await call(admin, 'GET', '/consultations/deadlines/rules'));
    const base = { ...view.inForce, effectiveFrom: '2025-01-01T00:00:00Z' } as Record<string, unknown>;
    delete base['id'];
    delete base['version'];
    delete base['regionId'];
    const invalid = await call(admin, 'PUT', '/consultations/deadlines/rules', {
      rules: { ...base, urgent: { defaultHours: 48, byProfile: {} } },
      version: view.version,
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { code: string }).code).toBe('CONSULTATIONS.INVALID_RULES');
    const published = await json<{ version: number }>(
      await call(admin, 'PUT', '/consultations/deadlines/rules', {
        rules: { ...base, urgent: { defaultHours: 24, byProfile: { '39': 12 } } },
        version: view.version,
      }),
    );
    expect(published.version).toBe(view.version + 1);
    // somebody else's stale form
    const stale = await call(admin, 'PUT', '/consultations/deadlines/rules', {
      rules: base,
      version: view.version,
    });
    expect(stale.status).toBe(409);
    // a regional administrator cannot publish for another region
    const foreign = await call(
      await login('tomsk-admin'),
      'PUT',
      `/consultations/deadlines/rules?regionId=${DEMO.regions.nso}`,
      {
        rules: base,
        version: published.version,
      },
    );
    expect(foreign.status).toBe(403);

    const r = await submitted();
    expect(
      new Date(r.dueAt).getTime() - new Date((r as unknown as { receivedAt: string }).receivedAt).getTime(),
    ).toBe(12 * 3_600_000);
    // back to the defaults for whatever runs next
    await json(
      await call(admin, 'PUT', '/consultations/deadlines/rules', { rules: base, version: published.version }),
    );

    const calendar = await json<{ daysOff: string[]; corrections: unknown[] }>(
      await call(admin, 'GET', '/consultations/deadlines/calendar?year=2026'),
    );
    expect(calendar.daysOff).toContain('2026-01-09');
    expect(calendar.daysOff).not.toContain('2026-12-29');
    expect(
      (
        await call(admin, 'PUT', '/consultations/deadlines/calendar/2026-12-29', {
          working: false,
          note: 'региональный праздник',
        })
      ).status,
    ).toBe(204);
    const corrected = await json<{ daysOff: string[]; corrections: { date: string; scope: string }[] }>(
      await call(admin, 'GET', '/consultations/deadlines/calendar?year=2026'),
    );
    expect(corrected.daysOff).toContain('2026-12-29');
    expect(corrected.corrections).toEqual([expect.objectContaining({ date: '2026-12-29', scope: 'REGION' })]);
    expect(
      (await call(admin, 'PUT', '/consultations/deadlines/calendar/2026-02-30', { working: false, note: '' }))
        .status,
    ).toBe(400);
    expect((await call(admin, 'DELETE', '/consultations/deadlines/calendar/2026-12-29')).status).toBe(204);
    expect((await call(admin, 'DELETE', '/consultations/deadlines/calendar/2026-12-29')).status).toBe(404);
  });
});
