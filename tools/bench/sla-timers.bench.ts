import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { systemClock } from '@tmk/shared-kernel';
import { bullConnection } from '@tmk/shared-infrastructure';
import { SlaTimers } from '@tmk/consultations-application';
import {
  BullSlaTimerQueue,
  SLA_TIMER_QUEUE_NAME,
  SqlConsultationRequestRepository,
  SqlPendingDeadlines,
} from '@tmk/consultations-infrastructure';

/**
 * Deadline timers benchmark (issue 4 item 4): N pending requests in PostgreSQL, Redis flushed, time for
 * `SlaTimers.rearmAll()` to have their 2·N delayed jobs back (keyset pages of 1,000 → `addBulk`), next to raw
 * BullMQ `addBulk` of the same number of delayed jobs without the database read (the ceiling), measured in
 * the same run. Also: a sweep when every timer is still in Redis (idempotent job ids: nothing added).
 */
const N = Number(process.env['BENCH_SLA_REQUESTS'] ?? 10_000);
const databaseUrl = process.env['DATABASE_URL']!;
const redisUrl = process.env['REDIS_URL']!;
/** The region of the seeded requests, so a crashed run's leftovers are found and removed. */
const BENCH_REGION = '00000000-0000-4000-8000-00000000b5a1';

interface Timing {
  readonly name: string;
  readonly jobs: number;
  readonly millis: number;
}

/** N pending requests, deadlines a day and more ahead (nothing fires), in one INSERT … SELECT. */
async function seed(ds: DataSource): Promise<void> {
  await removeSeed(ds);
  await ds.query(
    `INSERT INTO consultations.request (id, number, status, level, urgency, mode, region_id, requester_id,
       requester_organisation_id, patient_id, profile_code, content, received_at, due_at, warn_at, sla_state,
       version)
     SELECT gen_random_uuid(), 'BENCH-' || i, 'NEW', 'REGIONAL', 'PLANNED', 'DEFERRED', $1, gen_random_uuid(),
       gen_random_uuid(), gen_random_uuid(), '39', '{}'::jsonb, now(),
       now() + interval '1 day' + i * interval '1 second',
       now() + interval '1 day' + i * interval '1 second' - interval '4 hours', 'ON_TIME', 1
     FROM generate_series(1, $2::int) AS i`,
    [BENCH_REGION, N],
  );
  await ds.query(`ANALYZE consultations.request`);
}

async function removeSeed(ds: DataSource): Promise<void> {
  await ds.query(
    `DELETE FROM consultations.request_history WHERE request_id IN
       (SELECT id FROM consultations.request WHERE region_id = $1)`,
    [BENCH_REGION],
  );
  await ds.query(`DELETE FROM consultations.request WHERE region_id = $1`, [BENCH_REGION]);
}

/** "Redis flush" for this run's keys only (the bench Redis may hold other benches' queues). */
async function flush(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

async function rearm(ds: DataSource, redis: Redis, prefix: string, label: string): Promise<Timing[]> {
  const queue = new BullSlaTimerQueue({ redisUrl, prefix });
  const timers = new SlaTimers(
    new SqlConsultationRequestRepository(ds),
    queue,
    new SqlPendingDeadlines(ds),
    { changed: async () => undefined },
    systemClock,
  );
  await queue.queue.waitUntilReady();
  await flush(redis, prefix);
  let started = performance.now();
  const jobs = await timers.rearmAll();
  const millis = performance.now() - started;
  const delayed = await queue.queue.getDelayedCount();
  if (delayed !== jobs) throw new Error(`${label}: ${delayed} delayed jobs in Redis, expected ${jobs}`);
  started = performance.now();
  const again = await timers.rearmAll();
  const sweepMillis = performance.now() - started;
  if ((await queue.queue.getDelayedCount()) !== jobs) throw new Error(`${label}: the sweep added jobs`);
  await queue.queue.obliterate({ force: true });
  await queue.close();
  return [
    { name: 'rearmAll() after a flush (DB keyset pages of 1,000 → addBulk)', jobs, millis },
    { name: 'rearmAll() again, every timer still in Redis (the sweep)', jobs: again, millis: sweepMillis },
  ];
}

/** The ceiling: delayed jobs of the same shape (ids, data, options) added straight from memory. */
async function rawAddBulk(redis: Redis, prefix: string, jobs: number): Promise<Timing> {
  const queue = new Queue(SLA_TIMER_QUEUE_NAME, { connection: bullConnection(redisUrl), prefix });
  await queue.waitUntilReady();
  await flush(redis, prefix);
  const base = Date.now() + 86_400_000;
  const requests = Array.from({ length: Math.ceil(jobs / 2) }, (_, i) => ({
    id: randomUUID(),
    dueAt: base + i * 1000,
  }));
  const started = performance.now();
  for (let i = 0; i < jobs; i += 2000) {
    const now = Date.now();
    await queue.addBulk(
      Array.from({ length: Math.min(2000, jobs - i) }, (_, k) => {
        const n = i + k;
        const { id, dueAt } = requests[Math.floor(n / 2)]!;
        const kind = n % 2 === 0 ? 'WARNING' : 'BREACHED';
        const fireAt = kind === 'WARNING' ? dueAt - 4 * 3600_000 : dueAt;
        return {
          name: kind,
          data: { requestId: id, kind, dueAt: new Date(dueAt).toISOString(), fireAt },
          opts: {
            jobId: `${id}:${kind === 'WARNING' ? 'W' : 'B'}:${dueAt}`,
            delay: fireAt - now,
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: true,
            removeOnFail: true,
          },
        };
      }),
    );
  }
  const millis = performance.now() - started;
  const delayed = await queue.getDelayedCount();
  if (delayed !== jobs) throw new Error(`raw: ${delayed} delayed jobs in Redis, expected ${jobs}`);
  await queue.obliterate({ force: true });
  await queue.close();
  return { name: 'raw BullMQ addBulk of the same delayed jobs (no DB read)', jobs, millis };
}

async function main(): Promise<void> {
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 4 } }).initialize();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const stamp = Date.now().toString(36);
  try {
    const started = performance.now();
    await seed(ds);
    const seedMillis = performance.now() - started;
    const [{ pending }]: { pending: number }[] = await ds.query(
      `SELECT count(*)::int AS pending FROM consultations.request
        WHERE status IN ('NEW','RETURNED','ASSIGNED','IN_WORK','AWAITING_DATA') AND sla_state <> 'BREACHED'
          AND paused_at IS NULL AND due_at IS NOT NULL`,
    );
    // Warm-up: JIT, connection pools, Redis scripts, PostgreSQL plans.
    await rearm(ds, redis, `slawarm-${stamp}`, 'warm-up');
    await rawAddBulk(redis, `slawarmraw-${stamp}`, 2 * N);
    const [ours, sweep] = await rearm(ds, redis, `sla-${stamp}`, 'bench');
    const raw = await rawAddBulk(redis, `slaraw-${stamp}`, ours!.jobs);

    const row = (t: Timing) =>
      `${t.name.padEnd(66)} ${String(t.jobs).padStart(7)} jobs ${t.millis.toFixed(0).padStart(7)} ms ${(
        (t.jobs / t.millis) *
        1000
      )
        .toFixed(0)
        .padStart(8)} jobs/s`;
    console.log(
      `\nDeadline timers: ${N.toLocaleString('en')} pending requests seeded in ${(seedMillis / 1000).toFixed(1)} s ` +
        `(${pending.toLocaleString('en')} pending in the database, all re-armed)`,
    );
    console.log(row(raw));
    console.log(row(ours!));
    console.log(row(sweep!));
    console.log(
      `ratio rearmAll / raw addBulk: ${(ours!.millis / raw.millis).toFixed(2)}× the time ` +
        `(${((raw.millis / ours!.millis) * 100).toFixed(0)} % of raw throughput)`,
    );
  } finally {
    await removeSeed(ds).catch(() => undefined);
    redis.disconnect();
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
