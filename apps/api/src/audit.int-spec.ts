import { Module, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appendToOutbox, loadConfig, PlatformModule, type AppConfig } from '@tmk/shared-infrastructure';
import { DataAccessedV1, newId, type IntegrationEvent } from '@tmk/shared-kernel';
import { AuditWorkerModule } from '@tmk/audit-api';
import { AuthService } from '@tmk/identity-application';
import { DEMO, DEMO_PASSWORD } from '@tmk/identity-api';
import { dropQueues, eventually, testEnv } from '@tmk/shared-testing';
import { createApiApp } from './bootstrap';
import { persistence } from './persistence';

@Module({})
class TestWorkerModule {}

const root = join(__dirname, '..', '..', '..');

/** The audit trail end to end: sources, hash chain, append-only storage, crash safety. */
describe('audit trail (real PostgreSQL, Redis, worker)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: INestApplicationContext | null = null;
  let base: string;
  let db: DataSource;

  beforeAll(async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'tmk-audit-')), 'signing-key.pem');
    writeFileSync(
      keyFile,
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    config = loadConfig(testEnv({ AUDIT_SIGNING_KEY_FILE: keyFile }));
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${(await app.getUrl()).replace('[::1]', 'localhost')}/api/v1`;
    db = await new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 3 } }).initialize();
  });

  afterAll(async () => {
    await worker?.close();
    await db.destroy();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  async function startInProcessWorker(): Promise<void> {
    worker = await NestFactory.createApplicationContext(
      {
        module: TestWorkerModule,
        imports: [PlatformModule.forWorker(config, persistence), AuditWorkerModule],
      },
      { logger: false },
    );
    await worker.init();
  }

  async function login(loginName: string): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'audit-test/1.0' },
      body: JSON.stringify({ login: loginName, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = (cookies.find((c) => c?.startsWith('tmk_csrf=')) ?? '').split('=')[1] ?? '';
    return { cookie: cookies.join('; '), csrf };
  }

  const records = (sql: string, params: unknown[] = []) =>
    db.query(sql, params) as Promise<Record<string, unknown>[]>;

  it('aPatientCardRead_isRecordedWithWhoWhatWhenWhere_andThePatientSeesIt', async () => {
    await startInProcessWorker();
    const doctor = await login('doctor');
    const read = await fetch(`${base}/identity/patients/${DEMO.patients.kuznetsova}`, {
      headers: {
        cookie: doctor.cookie,
        'user-agent': 'audit-test/1.0',
        'x-request-id': 'req-audit-read-0001',
      },
    });
    expect(read.status).toBe(200);
    const [record] = await eventually(async () => {
      const rows = await records(`SELECT * FROM audit.record WHERE request_id = 'req-audit-read-0001'`);
      return rows.length ? rows : undefined;
    }, 'the audit record of the read');
    expect(record).toMatchObject({
      actor_kind: 'staff',
      actor_id: DEMO.staff.doctor,
      actor_roles: ['REQUESTING_DOCTOR'],
      actor_organisation_id: DEMO.organisations.kyshtovka,
      actor_region_id: DEMO.regions.nso,
      action: 'read',
      resource_type: 'patient',
      resource_id: DEMO.patients.kuznetsova,
      patient_id: DEMO.patients.kuznetsova,
      outcome: 'success',
      user_agent: 'audit-test/1.0',
      source_event_type: 'platform.DataAccessed',
    });
    expect(record?.['ip']).toMatch(/127\.0\.0\.1/);
    // the patient sees who opened their card (role and organisation, not the doctor's name)
    const session = await app
      .get(AuthService)
      .openSession(
        { kind: 'patient', patientId: DEMO.patients.kuznetsova },
        'oidc',
        { ip: null, userAgent: null },
        'esia-demo',
      );
    const mine = await fetch(`${base}/audit/my-data-accesses?patientId=${DEMO.patients.kuznetsova}`, {
      headers: { cookie: `tmk_session=${session.token}` },
    });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toContainEqual(
      expect.objectContaining({
        actorRoles: ['REQUESTING_DOCTOR'],
        actorOrganisationId: DEMO.organisations.kyshtovka,
        resourceType: 'patient',
      }),
    );
    // an empty search reveals nothing and records nothing (a later read of the same request id would show)
    await fetch(`${base}/identity/patients/search?phone=%2B79990000000`, {
      headers: { cookie: doctor.cookie, 'x-request-id': 'req-audit-empty-0001' },
    });
    await fetch(`${base}/identity/patients/search?phone=%2B79130000003`, {
      headers: { cookie: doctor.cookie, 'x-request-id': 'req-audit-found-0001' },
    });
    await eventually(async () => {
      const rows = await records(`SELECT 1 FROM audit.record WHERE request_id = 'req-audit-found-0001'`);
      return rows.length ? rows : undefined;
    }, 'the record of the search that found someone');
    expect(await records(`SELECT 1 FROM audit.record WHERE request_id = 'req-audit-empty-0001'`)).toEqual([]);
  });

  it('sensitiveChanges_areMasked_andSecurityEventsCount', async () => {
    const admin = await login('admin');
    const created = await fetch(`${base}/identity/staff`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        login: `audit-${Date.now()}`,
        surname: 'Аудитова',
        name: 'Вера',
        timeZone: 'Asia/Novosibirsk',
        initialPassword: 'Initial-2026-pass',
        memberships: [{ organisationId: DEMO.organisations.iskitim, role: 'REQUESTING_DOCTOR' }],
      }),
    });
    const user = (await created.json()) as { id: string };
    await fetch(`${base}/identity/staff/${user.id}/password-reset`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ newPassword: 'Another-2026-pass' }),
    });
    const rows = await eventually(async () => {
      const r = await records(
        `SELECT action, reason, changes, actor_id FROM audit.record WHERE resource_id = $1 ORDER BY seq`,
        [user.id],
      );
      return r.length >= 3 ? r : undefined;
    }, 'records of the account changes');
    expect(rows).toContainEqual(
      expect.objectContaining({
        action: 'update',
        reason: 'PASSWORD_RESET',
        changes: { password: '***' },
        actor_id: DEMO.staff.admin,
      }),
    );
    expect(JSON.stringify(rows)).not.toContain('Another-2026-pass');
  });

  it('appendOnly_updateAndDeleteAreRefused_forTheAppRoleAndByTrigger', async () => {
    await expect(db.query(`UPDATE audit.record SET reason = 'edited' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM audit.record WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit.record`)).rejects.toThrow(/append-only|permission/);
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL ROLE tmk_app`);
      await expect(runner.query(`UPDATE audit.record SET reason = 'edited' WHERE seq = 1`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('aSuperuserEditOrDelete_isPinpointedByVerification', async () => {
    const ok = await verify();
    expect(ok).toMatchObject({ ok: true, broken: null });
    expect(ok.checked).toBeGreaterThan(0);
    const [victim] = await records(`SELECT seq, reason FROM audit.record ORDER BY seq DESC OFFSET 1 LIMIT 1`);
    const seq = Number(victim?.['seq']);
    const asSuperuser = async (sql: string, params: unknown[] = []) => {
      const runner = db.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL session_replication_role = replica`); // superuser: triggers off
        await runner.query(sql, params);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    };
    await asSuperuser(`UPDATE audit.record SET reason = 'quietly edited' WHERE seq = $1`, [seq]);
    expect(await verify()).toMatchObject({ ok: false, broken: { kind: 'HASH_MISMATCH', seq } });
    await asSuperuser(`UPDATE audit.record SET reason = $2 WHERE seq = $1`, [
      seq,
      victim?.['reason'] ?? null,
    ]);
    expect(await verify()).toMatchObject({ ok: true });
    const [row] = await records(`SELECT * FROM audit.record WHERE seq = $1`, [seq]);
    await asSuperuser(`DELETE FROM audit.record WHERE seq = $1`, [seq]);
    expect(await verify()).toMatchObject({
      ok: false,
      broken: { kind: 'GAP', seq: seq + 1, expectedSeq: seq },
    });
    const columns = Object.keys(row ?? {});
    await asSuperuser(
      `INSERT INTO audit.record (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => (row as Record<string, unknown>)[c]),
    );
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('aSignedAnchor_ofTheChainHead_verifiesWithItsPublicKey_andStopsMatchingWhenTheChainIsRewritten', async () => {
    const sysadmin = await login('sysadmin');
    const created = await fetch(`${base}/audit/anchors`, {
      method: 'POST',
      headers: { cookie: sysadmin.cookie, 'x-csrf-token': sysadmin.csrf },
    });
    expect(created.status).toBe(201);
    const anchor = (await created.json()) as {
      id: number;
      seq: number;
      hash: string;
      signedAt: string;
      publicKey: string;
    };
    const [row] = await records(`SELECT signature FROM audit.anchor WHERE id = $1`, [anchor.id]);
    const message = Buffer.from(
      `tmk-audit-anchor/v1\n${anchor.seq}\n${anchor.hash}\n${anchor.signedAt}`,
      'utf8',
    );
    expect(
      verifySignature(null, message, createPublicKey(anchor.publicKey), row?.['signature'] as Buffer),
    ).toBe(true);
    const list = (await (
      await fetch(`${base}/audit/anchors`, { headers: { cookie: sysadmin.cookie } })
    ).json()) as { id: number; valid: boolean }[];
    expect(list.find((a) => a.id === anchor.id)?.valid).toBe(true);
    await expect(db.query(`UPDATE audit.anchor SET seq = 0 WHERE id = $1`, [anchor.id])).rejects.toThrow(
      /append-only/,
    );
  });

  async function verify(): Promise<{ ok: boolean; checked: number; broken: unknown }> {
    const sysadmin = await login('sysadmin');
    const res = await fetch(`${base}/audit/integrity`, { headers: { cookie: sysadmin.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as { ok: boolean; checked: number; broken: unknown };
  }

  it('workerKilledMidBatch_afterRestart_noGapAndNoDuplicate', async () => {
    await worker?.close();
    worker = null;
    const total = 3000;
    const events: IntegrationEvent[] = Array.from({ length: total }, (_, i) => ({
      id: newId(),
      type: DataAccessedV1.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: DEMO.patients.smirnov,
      correlationId: `crash-${i}`,
      payload: {
        resourceType: 'patient',
        resourceId: DEMO.patients.smirnov,
        patientIds: [DEMO.patients.smirnov],
        action: 'read',
        path: '/crash',
      },
    }));
    await db.transaction((em) => appendToOutbox(em, events));
    const ids = events.map((e) => e.id);
    const count = async () =>
      Number(
        (
          await records(
            `SELECT count(*)::int AS n FROM audit.record WHERE source_event_id = ANY($1::uuid[])`,
            [ids],
          )
        )[0]?.['n'],
      );
    const env = {
      ...process.env,
      ...testEnv({ QUEUE_PREFIX: config.QUEUE_PREFIX, OUTBOX_BATCH_SIZE: '100', EVENT_LOCK_MS: '3000' }),
      LOG_LEVEL: 'silent',
    };
    const start = (): ChildProcess =>
      spawn(
        process.execPath,
        [
          '-r',
          join(root, 'tools/runtime/register-paths.cjs'),
          join(root, 'dist/server/apps/worker/src/main.js'),
        ],
        {
          env,
          stdio: 'ignore',
        },
      );
    const first = start();
    await eventually(async () => ((await count()) > 0 ? true : undefined), 'the first audit records', 30_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const afterKill = await count();
    expect(afterKill).toBeLessThan(total); // killed in the middle
    const second = start();
    try {
      await eventually(
        async () => ((await count()) === total ? true : undefined),
        'every event recorded after the restart',
        60_000,
      );
      const [dups] = await records(
        `SELECT count(*)::int - count(DISTINCT source_event_id)::int AS d FROM audit.record WHERE source_event_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(dups?.['d']).toBe(0);
      expect(await verify()).toMatchObject({ ok: true, broken: null });
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
  }, 180_000);
});
