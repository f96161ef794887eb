import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { newId, type IntegrationEvent } from '@tmk/shared-kernel';
import {
  EventConsumerHost,
  EventQueues,
  EventSubscriptions,
  OutboxRelay,
  appendToOutbox,
  bullConnection,
  type IntegrationEventHandler,
} from '@tmk/shared-infrastructure';

/**
 * Event backbone benchmark: events/s and commit-to-consumed lag through outbox → relay → BullMQ → inbox
 * consumer, next to raw BullMQ add + process on the same Redis (the ceiling), measured in the same run.
 */
const N = Number(process.env['BENCH_EVENTS'] ?? 20_000);
const PRODUCERS = Number(process.env['BENCH_PRODUCERS'] ?? 4);
const TX_SIZE = Number(process.env['BENCH_TX_SIZE'] ?? 50);
const CONCURRENCY = 100;
const databaseUrl = process.env['DATABASE_URL']!;
const redisUrl = process.env['REDIS_URL']!;

interface Result {
  readonly name: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly seconds: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarise(name: string, lags: number[], startedAt: number, endedAt: number): Result {
  lags.sort((a, b) => a - b);
  const seconds = (endedAt - startedAt) / 1000;
  return {
    name,
    perSecond: lags.length / seconds,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    seconds,
  };
}

function sampleEvent(type: string, i: number): IntegrationEvent {
  return {
    id: newId(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: `bench-${i % 1000}`,
    correlationId: null,
    payload: { n: i, message: 'consultation request registered', urgency: 'PLANNED' },
  };
}

async function rawBullMq(prefix: string): Promise<Result> {
  const name = 'raw';
  const queue = new Queue(name, { connection: bullConnection(redisUrl), prefix });
  const lags: number[] = [];
  let endedAt = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  const worker = new Worker(
    name,
    async (job) => {
      lags.push(Date.now() - (job.data as { at: number }).at);
      if (lags.length === N) {
        endedAt = Date.now();
        resolveDone();
      }
    },
    { connection: bullConnection(redisUrl), prefix, concurrency: CONCURRENCY },
  );
  const startedAt = Date.now();
  for (let i = 0; i < N; i += 500) {
    const at = Date.now();
    await queue.addBulk(
      Array.from({ length: Math.min(500, N - i) }, (_, k) => {
        const event = sampleEvent('bench.raw', i + k);
        return {
          name: event.type,
          data: { ...event, at },
          opts: { jobId: event.id, removeOnComplete: true },
        };
      }),
    );
  }
  await done;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return summarise('raw BullMQ add + process', lags, startedAt, endedAt);
}

async function backbone(ds: DataSource, prefix: string): Promise<Result> {
  const type = `bench.${prefix}`;
  const lags: number[] = [];
  let endedAt = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  const handler: IntegrationEventHandler = {
    consumer: `bench-${prefix}`,
    eventTypes: [type],
    async handle(event) {
      lags.push(Date.now() - Date.parse(event.occurredAt));
      if (lags.length === N) {
        endedAt = Date.now();
        resolveDone();
      }
    },
  };
  const queues = new EventQueues(redisUrl, prefix, { maxAttempts: 3, backoffMs: 100, keepCompleted: 0 });
  const host = new EventConsumerHost(ds, { redisUrl, prefix, concurrency: CONCURRENCY, queues });
  host.register([handler]);
  await host.start();
  const relay = new OutboxRelay(ds, queues, new EventSubscriptions([handler]), {
    databaseUrl,
    batchSize: 500,
    pollMs: 200,
  });
  await relay.start();

  const startedAt = Date.now();
  let next = 0;
  const producer = async () => {
    while (next < N) {
      const from = next;
      next += TX_SIZE;
      const size = Math.min(TX_SIZE, N - from);
      // occurredAt is stamped just before the commit: lag = commit → consumed.
      await ds.transaction(async (em) => {
        const events = Array.from({ length: size }, (_, k) => sampleEvent(type, from + k));
        await appendToOutbox(em, events);
      });
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
  await done;
  await relay.stop();
  await host.close();
  for (const q of [queues.queue(handler.consumer)]) await q.obliterate({ force: true });
  await queues.close();
  await ds.query(`DELETE FROM messaging.inbox WHERE consumer = $1`, [handler.consumer]);
  await ds.query(`DELETE FROM messaging.outbox WHERE type = $1`, [type]);
  return summarise(
    `backbone outbox → relay → BullMQ → inbox (tx of ${TX_SIZE}, ${PRODUCERS} producers)`,
    lags,
    startedAt,
    endedAt,
  );
}

async function main(): Promise<void> {
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 20 } }).initialize();
  const stamp = Date.now().toString(36);
  // Warm-up: JIT, connection pools, Redis scripts.
  await rawBullMq(`warm-raw-${stamp}`).catch(() => undefined);
  const raw = await rawBullMq(`bench-raw-${stamp}`);
  const ours = await backbone(ds, `bb${stamp}`);
  await ds.destroy();

  const fmt = (r: Result) =>
    `${r.name.padEnd(72)} ${r.perSecond.toFixed(0).padStart(8)} ev/s   p50 ${r.p50.toFixed(0).padStart(5)} ms   p99 ${r.p99
      .toFixed(0)
      .padStart(5)} ms   (${r.seconds.toFixed(2)} s)`;
  console.log(`\nEvent backbone, ${N} events, consumer concurrency ${CONCURRENCY}`);
  console.log(fmt(raw));
  console.log(fmt(ours));
  const ratio = ours.perSecond / raw.perSecond;
  console.log(
    `ratio backbone / raw BullMQ: ${(ratio * 100).toFixed(0)} %   (targets: ≥ 5000 ev/s and ≥ 50 %)`,
  );
  console.log(
    `verdict: ${ours.perSecond >= 5000 ? 'meets' : 'MISSES'} the throughput target; ${ratio >= 0.5 ? 'meets' : 'MISSES'} the ratio target`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
