import { Module, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory, ModulesContainer, MetadataScanner } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_POLICY, PlatformModule, loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import { AuditWorkerModule } from '@tmk/audit-api';
import { dropQueues, eventually, testEnv } from '@tmk/shared-testing';
import { createApiApp } from './bootstrap';
import { persistence } from './persistence';

/** The worker's consumers and relay, in-process (apps do not import each other). */
@Module({})
class TestWorkerModule {}

describe('api process (real PostgreSQL and Redis)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let base: string;
  const ops = { authorization: 'Bearer test-ops-token-0123456789abcdef', 'content-type': 'application/json' };

  beforeAll(async () => {
    config = loadConfig(testEnv());
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', 'localhost');
    worker = await NestFactory.createApplicationContext(
      {
        module: TestWorkerModule,
        imports: [PlatformModule.forWorker(config, persistence), AuditWorkerModule],
      },
      { logger: false },
    );
    await worker.init();
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  it('everyRoute_declaresAnAccessPolicy', () => {
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!type) continue;
        for (const name of scanner.getAllMethodNames(type.prototype)) {
          const handler = (type.prototype as Record<string, unknown>)[name] as object;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          routes++;
          const policy =
            Reflect.getMetadata(ACCESS_POLICY, handler) ?? Reflect.getMetadata(ACCESS_POLICY, type);
          if (!policy) undeclared.push(`${type.name}.${name}`);
        }
      }
    }
    expect(routes).toBeGreaterThanOrEqual(5);
    expect(undeclared).toEqual([]);
  });

  it('health_liveAndReady_answer200WithChecks', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('opsEndpoint_withoutToken_is401ProblemJson_wrongToken_is403', async () => {
    const anonymous = await fetch(`${base}/api/v1/ops/dead-letters`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await anonymous.json()).toMatchObject({ status: 401, code: 'ACCESS.UNAUTHENTICATED' });
    const wrong = await fetch(`${base}/api/v1/ops/dead-letters`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'ACCESS.DENIED' });
  });

  it('invalidBody_is400WithEveryFieldError_andNothingIsStored', async () => {
    const before = (await fetch(`${base}/api/v1/audit/event-log?limit=500`, { headers: ops }).then((r) =>
      r.json(),
    )) as unknown[];
    const response = await fetch(`${base}/api/v1/consultations/demo-pings`, {
      method: 'POST',
      headers: { ...ops, 'x-request-id': 'req-invalid-body-1' },
      body: JSON.stringify({ message: '', admin: true }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('req-invalid-body-1');
    const problem = (await response.json()) as { errors: { field: string; code: string }[] };
    expect(problem).toMatchObject({
      type: 'urn:tmk:problem:REQUEST.VALIDATION_FAILED',
      code: 'REQUEST.VALIDATION_FAILED',
      status: 400,
      requestId: 'req-invalid-body-1',
      instance: '/api/v1/consultations/demo-pings',
    });
    expect(problem.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'admin:unknownField',
      'message:minLength',
    ]);
    const after = (await fetch(`${base}/api/v1/audit/event-log?limit=500`, { headers: ops }).then((r) =>
      r.json(),
    )) as unknown[];
    expect(after).toHaveLength(before.length);
  });

  it('malformedJson_andUnknownRoute_areProblemDocuments', async () => {
    const malformed = await fetch(`${base}/api/v1/consultations/demo-pings`, {
      method: 'POST',
      headers: ops,
      body: '{"message":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await malformed.json()).toMatchObject({ code: 'HTTP.BAD_REQUEST' });
    const missing = await fetch(`${base}/api/v1/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'HTTP.NOT_FOUND' });
  });

  it('demoPing_travelsThroughOutboxAndWorker_intoTheAuditLog_withTheRequestIdAsCorrelation', async () => {
    const response = await fetch(`${base}/api/v1/consultations/demo-pings`, {
      method: 'POST',
      headers: { ...ops, 'x-request-id': 'req-slice-0001' },
      body: JSON.stringify({ message: '  проверка связи  ' }),
    });
    expect(response.status).toBe(201);
    const ping = (await response.json()) as { id: string; recordedAt: string };
    const entries = await eventually(async () => {
      const r = await fetch(`${base}/api/v1/audit/event-log?aggregateId=${ping.id}`, { headers: ops });
      const list = (await r.json()) as unknown[];
      return list.length ? list : undefined;
    }, 'the audit event log entry');
    expect(entries).toEqual([
      expect.objectContaining({
        eventType: 'consultations.DemoPingRecorded',
        eventVersion: 1,
        aggregateId: ping.id,
        occurredAt: ping.recordedAt,
        correlationId: 'req-slice-0001',
        payload: { pingId: ping.id, message: 'проверка связи' },
      }),
    ]);
  });

  it('securityEvents_ofIdentity_reachTheAuditLog_withoutThePassword', async () => {
    const login = `probe-${Date.now()}`;
    const failed = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `req-${login}` },
      body: JSON.stringify({ login, password: 'secret-never-logged' }),
    });
    expect(failed.status).toBe(401);
    const entries = await eventually(async () => {
      const r = await fetch(`${base}/api/v1/audit/event-log?eventType=identity.LoginFailed&limit=500`, {
        headers: ops,
      });
      const list = (await r.json()) as { correlationId: string; payload: Record<string, unknown> }[];
      const mine = list.filter((e) => e.payload['login'] === login);
      return mine.length ? mine : undefined;
    }, 'the LoginFailed audit entry');
    expect(entries[0]).toMatchObject({
      correlationId: `req-${login}`,
      payload: { login, method: 'password', reason: 'INVALID_CREDENTIALS', lockedNow: false },
    });
    expect(JSON.stringify(entries)).not.toContain('secret-never-logged');
  });

  it('openApiDocument_isServed_withProblemResponses', async () => {
    const doc = (await fetch(`${base}/api/docs-json`).then((r) => r.json())) as {
      info: { title: string };
      paths: Record<string, Record<string, { responses: Record<string, { content: object }> }>>;
    };
    expect(doc.info.title).toBe('ТМК API');
    expect(doc.paths['/api/v1/consultations/demo-pings'].post.responses.default.content).toHaveProperty([
      'application/problem+json',
    ]);
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
  });
});
