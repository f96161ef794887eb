import type { DataSource, EntityManager } from 'typeorm';
import { newId, type IntegrationEvent } from '@tmk/shared-kernel';
import {
  dropQueues,
  eventually,
  openTestDataSource,
  testDatabaseUrl,
  testRedisUrl,
  uniquePrefix,
} from '@tmk/shared-testing';
import { appendToOutbox } from './outbox-writer';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { EventQueues, type DeliveryPolicy } from './event-queues';
import { EventConsumerHost } from './event-consumer-host';
import { EventSubscriptions, type IntegrationEventHandler } from './subscriptions';
import { DeadLetters } from './dead-letters';

/**
 * The backbone's guarantees, on real PostgreSQL and Redis: nothing published without a commit, no duplicate
 * effect when the relay crashes between publishing and marking, retries with backoff and a dead letter.
 */
describe('event backbone (outbox → BullMQ → inbox)', () => {
  let ds: DataSource;
  // Every world is torn down after its test, pass or fail: a relay left running would steal later tests' rows.
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  beforeAll(async () => {
    ds = await openTestDataSource();
    await ds.query(
      `CREATE TABLE IF NOT EXISTS public.test_effect (event_id uuid PRIMARY KEY, type text NOT NULL)`,
    );
  });
  afterAll(() => ds.destroy());

  /** A test's own world: unique event type, queue prefix and consumer name. */
  function world(policy: Partial<DeliveryPolicy> = {}, relayOptions: Partial<OutboxRelayOptions> = {}) {
    const tag = uniquePrefix('bb');
    const type = `test.${tag}`;
    const prefix = uniquePrefix('q');
    const consumer = `c-${tag}`;
    const queues = new EventQueues(testRedisUrl(), prefix, { maxAttempts: 3, backoffMs: 50, ...policy });
    const effects: { id: string; at: number }[] = [];
    let failWith: ((e: IntegrationEvent) => Error | undefined) | undefined;
    const handler: IntegrationEventHandler = {
      consumer,
      eventTypes: [type],
      async handle(event: IntegrationEvent, em: EntityManager) {
        effects.push({ id: event.id, at: Date.now() });
        const error = failWith?.(event);
        if (error) throw error;
        await em.query(`INSERT INTO public.test_effect (event_id, type) VALUES ($1, $2)`, [
          event.id,
          event.type,
        ]);
      },
    };
    const host = new EventConsumerHost(ds, { redisUrl: testRedisUrl(), prefix, concurrency: 20, queues });
    host.register([handler]);
    const relay = new OutboxRelay(ds, queues, new EventSubscriptions([handler]), {
      databaseUrl: testDatabaseUrl(),
      batchSize: 100,
      pollMs: 50,
      ...relayOptions,
    });
    const event = (n = 0): IntegrationEvent => ({
      id: newId(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: `agg-${n}`,
      correlationId: null,
      payload: { n },
    });
    const commit = (events: IntegrationEvent[]) => ds.transaction((em) => appendToOutbox(em, events));
    const effectCount = async (id: string): Promise<number> =>
      Number(
        (await ds.query(`SELECT count(*)::int AS n FROM public.test_effect WHERE event_id = $1`, [id]))[0].n,
      );
    const cleanup = async () => {
      await relay.stop();
      await host.close();
      await queues.close();
      await dropQueues(testRedisUrl(), prefix);
    };
    cleanups.push(cleanup);
    return {
      type,
      consumer,
      queues,
      host,
      relay,
      event,
      commit,
      effectCount,
      effects,
      failing: (f: typeof failWith) => (failWith = f),
    };
  }

  it('rolledBackTransaction_publishesNothing', async () => {
    const w = world();
    await w.host.start();
    const lost = w.event();
    await expect(
      ds.transaction(async (em) => {
        await appendToOutbox(em, [lost]);
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const kept = w.event();
    await w.commit([kept]);

    // Drain: rows other suites left unpublished come first (one relayOnce takes a batch of 100).
    let relayed = 0;
    for (let n = await w.relay.relayOnce(); n > 0; n = await w.relay.relayOnce()) relayed += n;
    expect(relayed).toBeGreaterThanOrEqual(1);
    await eventually(
      async () => ((await w.effectCount(kept.id)) === 1 ? true : undefined),
      'the committed event',
    );

    expect(await ds.query(`SELECT 1 FROM messaging.outbox WHERE id = $1`, [lost.id])).toHaveLength(0);
    expect(await w.effectCount(lost.id)).toBe(0);
    expect(w.effects.map((e) => e.id)).toEqual([kept.id]);
  });

  it('appendToOutbox_outsideTransaction_refuses', async () => {
    const w = world();
    await expect(appendToOutbox(ds.manager, [w.event()])).rejects.toThrow(/inside a transaction/);
  });

  it('relayCrashAfterPublishBeforeMark_redeliversButTheEffectHappensOnce', async () => {
    let crashes = 1;
    // keepCompleted: 0 removes finished jobs at once, so the re-published job really reaches the consumer again.
    const w = world(
      { keepCompleted: 0 },
      {
        afterPublish: async () => {
          if (crashes-- > 0) throw new Error('relay killed between publish and mark');
        },
      },
    );
    await w.host.start();
    const events = [w.event(1), w.event(2), w.event(3)];
    await w.commit(events);

    await expect(w.relay.relayOnce()).rejects.toThrow('relay killed');
    const stillUnpublished = await ds.query(
      `SELECT count(*)::int AS n FROM messaging.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
      [events.map((e) => e.id)],
    );
    expect(stillUnpublished[0].n).toBe(3);
    // The first delivery is handled before the relay recovers and publishes the same events again.
    for (const e of events)
      await eventually(async () => ((await w.effectCount(e.id)) ? true : undefined), 'first delivery');

    const inboxBefore = await ds.query(`SELECT count(*)::int AS n FROM messaging.inbox WHERE consumer = $1`, [
      w.consumer,
    ]);
    expect(await w.relay.relayOnce()).toBeGreaterThanOrEqual(3);
    const second = await w.queues.queue(w.consumer).getJobCounts('completed', 'waiting', 'active', 'delayed');
    // Wait until the re-published jobs were consumed (queue drained).
    await eventually(async () => {
      const c = await w.queues.queue(w.consumer).getJobCounts('waiting', 'active', 'delayed');
      return c['waiting'] === 0 && c['active'] === 0 && c['delayed'] === 0 ? true : undefined;
    }, 'redeliveries consumed');
    expect(second).toBeDefined();

    for (const e of events) expect(await w.effectCount(e.id)).toBe(1);
    expect(w.effects).toHaveLength(3); // the handler ran once per event: redeliveries stopped at the inbox
    const inboxAfter = await ds.query(`SELECT count(*)::int AS n FROM messaging.inbox WHERE consumer = $1`, [
      w.consumer,
    ]);
    expect(inboxAfter[0].n).toBe(inboxBefore[0].n);
    const published = await ds.query(
      `SELECT count(*)::int AS n FROM messaging.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
      [events.map((e) => e.id)],
    );
    expect(published[0].n).toBe(3);
  });

  it('throwingConsumer_isRetriedWithBackoff_thenDeadLettered_andReplayable', async () => {
    const w = world({ maxAttempts: 3, backoffMs: 100 });
    const poison = w.event(666);
    const healthy = w.event(1);
    let poisonous = true;
    w.failing((e) => (poisonous && e.id === poison.id ? new Error('handler bug: cannot read n') : undefined));
    await w.host.start();
    await w.relay.start();
    await w.commit([poison, healthy]);

    const deadLetters = new DeadLetters(ds, w.queues);
    const dead = await eventually(
      async () => {
        const list = await deadLetters.list({ consumer: w.consumer });
        return list.length ? list : undefined;
      },
      'the dead letter',
      20_000,
    );

    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ eventId: poison.id, eventType: w.type, attempts: 3, retriedAt: null });
    expect(dead[0]!.error).toContain('handler bug');
    // The healthy event in the same batch was not held back by the poisonous one.
    expect(await w.effectCount(healthy.id)).toBe(1);
    expect(await w.effectCount(poison.id)).toBe(0);
    // Three attempts of its own job, spaced by exponential backoff: 100 ms, then 200 ms. Before them the
    // event may also have been tried inside the shared batch job and inside a micro-batch with the healthy
    // event (both depend on timing), so the last three calls are the attempts.
    const calls = w.effects.filter((e) => e.id === poison.id).map((e) => e.at);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(5);
    const [first, second, third] = calls.slice(-3) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(third - second).toBeGreaterThanOrEqual(190);

    // After the fix, an operator replays it: the effect happens once, the dead letter is marked retried.
    poisonous = false;
    await deadLetters.retry(dead[0]!.id);
    await eventually(
      async () => ((await w.effectCount(poison.id)) === 1 ? true : undefined),
      'the replayed event',
    );
    expect(await deadLetters.list({ consumer: w.consumer })).toHaveLength(0);
    await expect(deadLetters.retry(dead[0]!.id)).rejects.toMatchObject({
      code: 'MESSAGING.DEAD_LETTER_NOT_FOUND',
    });
  });

  it('relay_wokenByNotify_deliversWithoutWaitingForThePoll', async () => {
    const w = world({}, { pollMs: 60_000 });
    await w.host.start();
    await w.relay.start();
    const e = w.event();
    const started = Date.now();
    await w.commit([e]);
    await eventually(
      async () => ((await w.effectCount(e.id)) ? true : undefined),
      'delivery after NOTIFY',
      5_000,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
