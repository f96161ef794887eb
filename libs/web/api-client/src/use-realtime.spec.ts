import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { effectScope } from 'vue';
import { useRealtime, type RealtimeOptions } from './use-realtime';

type Handler = (...args: unknown[]) => void;

/** Enough of a socket.io client socket: local listeners, what the client sent, server-side triggers. */
class FakeSocket {
  connected = false;
  active = true;
  readonly sent: [string, unknown][] = [];
  connects = 0;
  watchAnswer: unknown = { ok: true };
  private readonly listeners = new Map<string, Set<Handler>>();

  on(event: string, handler: Handler): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(handler);
    return this;
  }
  off(event: string, handler: Handler): this {
    this.listeners.get(event)?.delete(handler);
    return this;
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
  emit(event: string, data: unknown): this {
    this.sent.push([event, data]);
    return this;
  }
  timeout(): { emitWithAck: (event: string, data: unknown) => Promise<unknown> } {
    return {
      emitWithAck: async (event, data) => {
        this.sent.push([event, data]);
        return this.watchAnswer;
      },
    };
  }
  connect(): this {
    this.connects++;
    return this;
  }
  disconnect(): this {
    if (this.connected) this.fire('disconnect', 'io client disconnect');
    this.connected = false;
    return this;
  }
  // the server's side
  fire(event: string, ...args: unknown[]): void {
    for (const h of [...(this.listeners.get(event) ?? [])]) h(...args);
  }
  serverConnects(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

function options(socket: FakeSocket): RealtimeOptions {
  return { createSocket: () => socket as unknown as Socket, retryMs: 10 };
}

describe('useRealtime', () => {
  const scopes: ReturnType<typeof effectScope>[] = [];
  function inScope<T>(fn: () => T): T {
    const scope = effectScope();
    scopes.push(scope);
    return scope.run(fn) as T;
  }
  afterEach(() => {
    for (const s of scopes.splice(0)) s.stop();
    jest.useRealTimers();
  });

  it('on_deliversServerEvents_untilTheComponentGoesAway', () => {
    const socket = new FakeSocket();
    const received: unknown[] = [];
    inScope(() => useRealtime(options(socket)).on('consultations.request.changed', (d) => received.push(d)));
    socket.serverConnects();
    socket.fire('consultations.request.changed', { requestId: 'r-1' });
    scopes[0]?.stop();
    socket.fire('consultations.request.changed', { requestId: 'r-2' });
    expect(received).toEqual([{ requestId: 'r-1' }]);
  });

  it('twoComponents_shareOneSocket_closedWithTheLast', () => {
    const socket = new FakeSocket();
    const factory = jest.fn(() => socket as unknown as Socket);
    inScope(() => useRealtime({ createSocket: factory }));
    inScope(() => useRealtime({ createSocket: factory }));
    expect(factory).toHaveBeenCalledTimes(1);
    socket.serverConnects();
    scopes[0]?.stop();
    expect(socket.connected).toBe(true);
    scopes[1]?.stop();
    expect(socket.connected).toBe(false);
  });

  it('watch_answersTheServersVerdict_andUnwatchesOnUnmount', async () => {
    const socket = new FakeSocket();
    const realtime = inScope(() => useRealtime(options(socket)));
    socket.serverConnects();
    expect(await realtime.watch('r-1')).toBe(true);
    socket.watchAnswer = { ok: false, code: 'ACCESS.DENIED' };
    expect(await realtime.watch('r-2')).toBe(false);
    scopes[0]?.stop();
    expect(socket.sent).toEqual([
      ['watch', { requestId: 'r-1' }],
      ['watch', { requestId: 'r-2' }],
      ['unwatch', { requestId: 'r-1' }],
      ['unwatch', { requestId: 'r-2' }],
    ]);
  });

  it('reconnection_watchesAgain_andTellsThePagesToCatchUp', async () => {
    const socket = new FakeSocket();
    const caughtUp = jest.fn();
    const realtime = inScope(() => useRealtime(options(socket)));
    realtime.onReconnect(caughtUp);
    socket.serverConnects();
    expect(caughtUp).not.toHaveBeenCalled();
    await realtime.watch('r-1');
    socket.sent.length = 0;
    socket.connected = false;
    socket.fire('disconnect', 'transport close');
    expect(realtime.status.value).toBe('offline');
    socket.serverConnects();
    expect(socket.sent).toEqual([['watch', { requestId: 'r-1' }]]);
    expect(caughtUp).toHaveBeenCalledTimes(1);
    expect(realtime.status.value).toBe('connected');
  });

  it('refusal_isReported_andNotRetriedUntilReconnect', () => {
    const socket = new FakeSocket();
    const realtime = inScope(() => useRealtime(options(socket)));
    socket.active = false;
    socket.fire(
      'connect_error',
      Object.assign(new Error('ACCESS.UNAUTHENTICATED'), { data: { code: 'ACCESS.UNAUTHENTICATED' } }),
    );
    expect(realtime.status.value).toBe('refused');
    expect(realtime.refusal.value).toBe('ACCESS.UNAUTHENTICATED');
    expect(socket.connects).toBe(0);
    realtime.reconnect();
    expect(socket.connects).toBe(1);
    expect(realtime.status.value).toBe('connecting');
  });

  it('serverDisconnect_connectsAgainAfterAMoment', () => {
    jest.useFakeTimers();
    const socket = new FakeSocket();
    inScope(() => useRealtime(options(socket)));
    socket.serverConnects();
    socket.connected = false;
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connects).toBe(0);
    jest.advanceTimersByTime(10);
    expect(socket.connects).toBe(1);
  });

  it('close_removesOnlyThisCallersHandlers', () => {
    const socket = new FakeSocket();
    const a = inScope(() => useRealtime(options(socket)));
    const b = inScope(() => useRealtime(options(socket)));
    const before = socket.listenerCount('e');
    a.on('e', () => undefined);
    b.on('e', () => undefined);
    a.close();
    expect(socket.listenerCount('e')).toBe(before + 1);
  });
});
