import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Redis } from 'ioredis';
import { newId, systemClock } from '@tmk/shared-kernel';
import { dropQueues, eventually, openTestDataSource, testRedisUrl, uniquePrefix } from '@tmk/shared-testing';
import { ConsultationRequest } from '@tmk/consultations-domain';
import { SlaTimers, slaTimerId, type RequestChange } from '@tmk/consultations-application';
import { SqlConsultationRequestRepository } from '../persistence/request.repository';
import { SqlPendingDeadlines } from './pending-deadlines.reader';
import { BullSlaTimerQueue } from './sla-timer.queue';

/**
 * Deadline timers on real PostgreSQL and Redis: BullMQ delayed jobs fire the warning and the breach, the
 * database decides whether they still apply, and after Redis loses every job `rearmAll` re-creates them
 * from `due_at`/`warn_at`.
 */
describe('deadline timers on PostgreSQL and Redis', () => {
  const redisUrl = testRedisUrl();
  const prefix = uniquePrefix('sla');
  const region = randomUUID();
  const notified: RequestChange[] = [];
  let db: DataSource;
  let repo: SqlConsultationRequestRepository;
  let queue: BullSlaTimerQueue;
  let timers: SlaTimers;
  let redis: Redis;

  beforeAll(async () => {
    db = await openTestDataSource([], 12);
    repo = new SqlConsultationRequestRepository(db);
    queue = new BullSlaTimerQueue({ redisUrl, prefix, backoffMs: 50 });
    const notifier = { changed: async (c: RequestChange) => void notified.push(c) };
    timers = new SlaTimers(repo, queue, new SqlPendingDeadlines(db), notifier, systemClock);
    await queue.process((t) => timers.fire(t.requestId, t.kind, t.dueAt));
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    await queue.close();
    await dropQueues(redisUrl, prefix);
    redis.disconnect();
    await db.destroy();
  });

  const CONSULTANT = randomUUID();

  /** A request submitted at `at` with the given deadline; routed to a consultant when `direct`. */
  async function submitted(at: Date, dueAt: Date, warnAt: Date, direct = false): Promise<string> {
    const request = ConsultationRequest.draft({
      id: newId(),
      urgency: 'URGENT',
      mode: 'DEFERRED',
      regionId: region,
      requesterId: randomUUID(),
      requesterOrganisationId: randomUUID(),
      patientId: randomUUID(),
      profileCode: '39',
      centreId: direct ? randomUUID() : null,
      consultantId: direct ? CONSULTANT : null,
      content: {
        question: 'Тактика?',
        reason: 'нет кардиолога',
        diagnosisCode: 'I20.0',
        anamnesis: '',
        complaints: '',
        examination: '',
        consent: 'GIVEN',
        consentReason: null,
      },
      labels: {
        patientName: 'Смирнов Иван Сергеевич',
        patientBirthDate: null,
        requesterName: 'Петров П. П.',
        requesterOrganisationName: 'Кыштовская ЦРБ',
        centreName: direct ? 'ГНОКБ' : null,
        consultantName: direct ? 'Иванова И. И.' : null,
      },
    });
    request.submit(request.snapshot.requesterId, at, {
      number: await repo.nextNumber(region, '54', 2026),
      dueAt,
      warnAt,
    });
    await repo.insert(request, []);
    return request.snapshot.id;
  }

  async function change(id: string, step: (r: ConsultationRequest) => void): Promise<void> {
    const request = (await repo.findById(id))!;
    step(request);
    await repo.save(request, []);
  }

  const inMs = (ms: number) => new Date(Date.now() + ms);

  async function slaState(id: string): Promise<string> {
    const [row]: { sla_state: string }[] = await db.query(
      `SELECT sla_state FROM consultations.request WHERE id = $1`,
      [id],
    );
    return row!.sla_state;
  }

  /** The SLA steps in the request's history and the SLA events in the outbox, in order. */
  async function recorded(id: string): Promise<{ history: string[]; outbox: string[] }> {
    const history: { action: string }[] = await db.query(
      `SELECT action FROM consultations.request_history
        WHERE request_id = $1 AND action IN ('slaWarning', 'slaBreached') ORDER BY id`,
      [id],
    );
    const outbox: { type: string }[] = await db.query(
      `SELECT type FROM messaging.outbox
        WHERE aggregate_id = $1 AND type IN ('consultations.SlaWarning', 'consultations.SlaBreached')
        ORDER BY seq`,
      [id],
    );
    return { history: history.map((h) => h.action), outbox: outbox.map((o) => o.type) };
  }

  const jobOf = (id: string, kind: 'WARNING' | 'BREACHED', dueAt: Date) =>
    queue.queue.getJob(slaTimerId(id, kind, dueAt));

  /** Waits until Redis no longer holds any of these timers (they fired and were removed). */
  async function fired(...jobs: [string, 'WARNING' | 'BREACHED', Date][]): Promise<void> {
    await eventually(async () => {
      const left = await Promise.all(jobs.map(([id, kind, due]) => jobOf(id, kind, due)));
      return left.every((j) => j === undefined) ? true : undefined;
    }, 'the timers to fire');
  }

  it('timers re-armed after Redis is flushed: warning and breach recorded exactly once', async () => {
    const now = new Date();
    const soonDue = inMs(2500);
    const soon = await submitted(now, soonDue, inMs(1000));
    const laterDue = inMs(2 * 3600_000);
    const later = await submitted(now, laterDue, inMs(3600_000));
    await timers.arm(soon, inMs(1000), soonDue);
    await timers.arm(later, inMs(3600_000), laterDue);
    expect(await jobOf(later, 'BREACHED', laterDue)).toBeDefined();

    await redis.flushdb(); // Redis loses every timer
    expect(await jobOf(soon, 'WARNING', soonDue)).toBeUndefined();
    expect(await queue.queue.getDelayedCount()).toBe(0);
    // Registered while Redis was down (no timer ever armed), already past its deadline.
    const overdueDue = new Date(now.getTime() - 3600_000);
    const overdue = await submitted(
      new Date(now.getTime() - 3 * 86_400_000),
      overdueDue,
      new Date(now.getTime() - 86_400_000),
    );

    const [first, second] = await Promise.all([timers.rearmAll(), timers.rearmAll()]);
    // soon W+B, later W+B, overdue B (and whatever else is pending in the database)
    expect(Math.min(first, second)).toBeGreaterThanOrEqual(4);
    expect((await jobOf(later, 'WARNING', laterDue))?.opts.delay).toBeGreaterThan(3000_000);
    expect(await jobOf(later, 'BREACHED', laterDue)).toBeDefined();

    await eventually(
      async () => ((await slaState(overdue)) === 'BREACHED' ? true : undefined),
      'the overdue request to be marked at once',
    );
    await eventually(
      async () => ((await slaState(soon)) === 'WARNING' ? true : undefined),
      'the warning at 80 %',
    );
    await eventually(
      async () => ((await slaState(soon)) === 'BREACHED' ? true : undefined),
      'the breach at 100 %',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(soonDue.getTime());

    // Re-arming again (a sweep, a reconnect) after they fired changes nothing.
    await timers.rearmAll();
    await timers.armRequests([soon, overdue]);
    await fired([soon, 'WARNING', soonDue], [soon, 'BREACHED', soonDue], [overdue, 'BREACHED', overdueDue]);
    await new Promise((r) => setTimeout(r, 300));

    expect(await recorded(soon)).toEqual({
      history: ['slaWarning', 'slaBreached'],
      outbox: ['consultations.SlaWarning', 'consultations.SlaBreached'],
    });
    // Past its deadline when armed: the breach only (a warning after the deadline says nothing more).
    expect(await recorded(overdue)).toEqual({
      history: ['slaBreached'],
      outbox: ['consultations.SlaBreached'],
    });
    expect(await slaState(later)).toBe('ON_TIME');
    expect(await recorded(later)).toEqual({ history: [], outbox: [] });
    const [event]: { payload: { requestId: string; dueAt: string; to: string } }[] = await db.query(
      `SELECT payload FROM messaging.outbox WHERE aggregate_id = $1 AND type = 'consultations.SlaBreached'`,
      [overdue],
    );
    expect(event!.payload).toMatchObject({ requestId: overdue, dueAt: overdueDue.toISOString(), to: 'NEW' });
    expect(notified.filter((n) => n.requestId === soon).map((n) => [n.action, n.slaState])).toEqual([
      ['slaWarning', 'WARNING'],
      ['slaBreached', 'BREACHED'],
    ]);
  });

  it('a request answered or paused before its timers fire is not marked', async () => {
    const now = new Date();
    const due = inMs(2000);
    const warn = inMs(1000);
    const paused = await submitted(now, due, warn, true);
    const answered = await submitted(now, due, warn, true);
    for (const id of [paused, answered]) {
      await change(id, (r) => r.takeIntoWork(CONSULTANT, new Date(), 'Иванова И. И.'));
      await timers.arm(id, warn, due);
    }
    await change(paused, (r) => r.requestAdditionalData(CONSULTANT, new Date(), 'ЭКГ?', true));
    await change(answered, (r) => r.submitConclusion(CONSULTANT, new Date()));

    await fired(
      [paused, 'WARNING', due],
      [paused, 'BREACHED', due],
      [answered, 'WARNING', due],
      [answered, 'BREACHED', due],
    );
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime());
    for (const id of [paused, answered]) {
      expect(await slaState(id)).toBe('ON_TIME');
      expect(await recorded(id)).toEqual({ history: [], outbox: [] });
    }
    // Neither is pending: re-arming leaves them without timers.
    await timers.rearmAll();
    expect(await jobOf(paused, 'BREACHED', due)).toBeUndefined();
    expect(await jobOf(answered, 'BREACHED', due)).toBeUndefined();
  });

  it('a stale timer for an old deadline does nothing', async () => {
    const now = new Date();
    const id = await submitted(now, inMs(2 * 3600_000), inMs(3600_000));
    const oldDue = inMs(800);
    // Timers of a deadline the request no longer has (moved since): the warning is already due.
    await timers.arm(id, new Date(now.getTime() - 1000), oldDue);
    await fired([id, 'WARNING', oldDue], [id, 'BREACHED', oldDue]);
    expect(Date.now()).toBeGreaterThanOrEqual(oldDue.getTime());
    expect(await timers.fire(id, 'BREACHED', new Date(now.getTime() - 60_000).toISOString())).toBe(
      'unchanged',
    );
    expect(await slaState(id)).toBe('ON_TIME');
    expect(await recorded(id)).toEqual({ history: [], outbox: [] });
    expect(await timers.fire(randomUUID(), 'BREACHED', now.toISOString())).toBe('missing');
  });

  it('tells when the Redis connection comes back after a loss', async () => {
    let reconnects = 0;
    queue.onReconnect(() => reconnects++);
    // Drop the queue's own connection, as a Redis restart would.
    const client = (await queue.queue.getBackend().client) as unknown as { clientInfo(): Promise<string> };
    const clientId = /(?:^|\s)id=(\d+)/.exec(String(await client.clientInfo()))?.[1];
    expect(clientId).toBeDefined();
    await redis.call('CLIENT', 'KILL', 'ID', clientId!);
    await eventually(async () => (reconnects > 0 ? true : undefined), 'the reconnect listener');
    // And the queue works after the reconnect.
    const id = await submitted(new Date(), inMs(3600_000), inMs(1800_000));
    expect(await timers.armRequests([id])).toBe(2);
  });
});
