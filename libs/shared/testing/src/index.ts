import { randomBytes } from 'node:crypto';
import { DataSource, type EntitySchema } from 'typeorm';
import { Redis } from 'ioredis';

/**
 * Real-PostgreSQL/Redis test harness. `npm test` creates an isolated, migrated test database and a private
 * Redis and passes them as TEST_DATABASE_URL / TEST_REDIS_URL; tests isolate from each other with unique
 * ids and queue prefixes, never by truncating shared tables.
 */
export function testDatabaseUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run integration tests through `npm test` (or set it to a migrated database).',
    );
  }
  return url;
}

export function testRedisUrl(): string {
  const url = process.env['TEST_REDIS_URL'];
  if (!url) throw new Error('TEST_REDIS_URL is not set: run integration tests through `npm test`.');
  return url;
}

/** A queue prefix no other test uses, so BullMQ keys never collide. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

export async function openTestDataSource(
  entities: (new (...args: never[]) => unknown)[] | EntitySchema[] = [],
  poolSize = 10,
): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: testDatabaseUrl(),
    entities,
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize },
  });
  return dataSource.initialize();
}

/** Environment for a process (api, worker) pointed at the test services, with fast retries. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniquePrefix('q'),
    LOG_LEVEL: 'silent',
    OPS_TOKEN: 'test-ops-token-0123456789abcdef',
    EVENT_BACKOFF_MS: '50',
    EVENT_MAX_ATTEMPTS: '3',
    OUTBOX_POLL_MS: '100',
    ...overrides,
  };
}

/** Deletes every BullMQ key under a prefix (tests clean up after themselves). */
export async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a value that is not undefined; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
