import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * What travels on the realtime channel: an event for the sockets in some rooms, or an order to disconnect
 * the sockets in some rooms (e.g. `session:<id>` after a sign-out).
 */
export type RealtimeEnvelope =
  | {
      readonly kind: 'emit';
      readonly rooms: readonly string[];
      readonly event: string;
      readonly data: object;
    }
  | { readonly kind: 'disconnect'; readonly rooms: readonly string[] };

export type RealtimeListener = (envelope: RealtimeEnvelope) => void;

/** Event names socket.io reserves; emitting them throws. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
]);

function parseEnvelope(message: string): RealtimeEnvelope | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v['rooms']) || !v['rooms'].every((r) => typeof r === 'string')) return null;
  const rooms = v['rooms'] as string[];
  if (v['kind'] === 'disconnect') return { kind: 'disconnect', rooms };
  if (v['kind'] !== 'emit' || typeof v['event'] !== 'string') return null;
  if (typeof v['data'] !== 'object' || v['data'] === null) return null;
  return { kind: 'emit', rooms, event: v['event'], data: v['data'] };
}

async function closeQuietly(client: Redis | null): Promise<void> {
  if (!client) return;
  const quit = client.quit().catch(() => undefined);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
  await Promise.race([quit, timeout]);
  client.disconnect();
}

/**
 * Fan-out of realtime notifications across processes (plain Redis pub/sub). Any process
 * — an api instance or the worker — publishes `{rooms, event, data}` to one channel under the queue prefix;
 * every api instance subscribes (RealtimeGateway) and emits to its own sockets in those rooms. Delivery is
 * best effort (at most once, nothing stored): clients re-fetch on (re)connection, so `publish` never throws
 * into the caller's already committed work — a Redis outage is logged and the notification dropped.
 */
export class RealtimeBus implements OnModuleDestroy {
  readonly channel: string;
  private readonly logger = new Logger('RealtimeBus');
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> | null = null;
  private readonly listeners = new Set<RealtimeListener>();
  private publisherFailing = false;
  private closed = false;

  constructor(
    private readonly redisUrl: string,
    prefix: string,
  ) {
    this.channel = `${prefix}:realtime`;
  }

  /** Sends `event` with `data` to every socket in any of `rooms`, on every api instance. */
  async publish(rooms: readonly string[], event: string, data: object): Promise<void> {
    if (!rooms.length) return;
    if (RESERVED_EVENTS.has(event)) throw new Error(`"${event}" is a reserved socket.io event name`);
    await this.send({ kind: 'emit', rooms: [...new Set(rooms)], event, data });
  }

  /** Disconnects every socket in any of `rooms` (their clients may reconnect and authenticate again). */
  async disconnect(rooms: readonly string[]): Promise<void> {
    if (!rooms.length) return;
    await this.send({ kind: 'disconnect', rooms: [...new Set(rooms)] });
  }

  /**
   * Hears every envelope published by any process; resolves once the channel subscription is active.
   * Returns the function that stops listening.
   */
  async subscribe(listener: RealtimeListener): Promise<() => void> {
    if (this.closed) throw new Error('RealtimeBus is closed');
    this.listeners.add(listener);
    if (!this.subscriber) {
      const subscriber = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
      let failing = false;
      subscriber.on('error', (error: Error) => {
        if (!failing) this.logger.warn(`subscriber: ${error.message} (retrying)`);
        failing = true;
      });
      subscriber.on('ready', () => {
        failing = false;
      });
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel) return;
        const envelope = parseEnvelope(message);
        if (!envelope) {
          this.logger.warn('dropped a malformed realtime message');
          return;
        }
        for (const l of this.listeners) {
          try {
            l(envelope);
          } catch (error) {
            this.logger.warn(`listener failed: ${(error as Error).message}`);
          }
        }
      });
      this.subscriber = subscriber;
      this.subscribed = subscriber.subscribe(this.channel).then(() => undefined);
    }
    await this.subscribed;
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const { publisher, subscriber } = this;
    this.publisher = null;
    this.subscriber = null;
    await Promise.all([closeQuietly(publisher), closeQuietly(subscriber)]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async send(envelope: RealtimeEnvelope): Promise<void> {
    if (this.closed) return;
    try {
      await this.client().publish(this.channel, JSON.stringify(envelope));
      this.publisherFailing = false;
    } catch (error) {
      if (!this.publisherFailing) {
        this.logger.warn(`realtime notification dropped: ${(error as Error).message}`);
      }
      this.publisherFailing = true;
    }
  }

  private client(): Redis {
    if (!this.publisher) {
      // few retries: a notification that waits longer than a moment is worth less than the caller's time
      const publisher = new Redis(this.redisUrl, { maxRetriesPerRequest: 2 });
      publisher.on('error', () => undefined); // reported by the failing publish
      this.publisher = publisher;
    }
    return this.publisher;
  }
}
