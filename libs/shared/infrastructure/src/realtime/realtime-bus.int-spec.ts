import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { testRedisUrl, uniquePrefix } from '@tmk/shared-testing';
import { RealtimeBus, type RealtimeEnvelope } from './realtime-bus';

describe('RealtimeBus (real Redis)', () => {
  const buses: RealtimeBus[] = [];
  function bus(prefix: string, url = testRedisUrl()): RealtimeBus {
    const b = new RealtimeBus(url, prefix);
    buses.push(b);
    return b;
  }

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    Logger.overrideLogger(new Logger());
  });

  it('publish_reachesEverySubscriberOfThePrefix_onlyThatPrefix_andSkipsMalformedMessages', async () => {
    const prefix = uniquePrefix('rt');
    const api1: RealtimeEnvelope[] = [];
    const api2: RealtimeEnvelope[] = [];
    const otherStack: RealtimeEnvelope[] = [];
    await bus(prefix).subscribe((e) => api1.push(e));
    await bus(prefix).subscribe((e) => api2.push(e));
    await bus(uniquePrefix('rt')).subscribe((e) => otherStack.push(e));
    const stranger = new Redis(testRedisUrl());
    try {
      await stranger.publish(`${prefix}:realtime`, '{"kind":"emit","rooms":"user:x"}');
      await stranger.publish(`${prefix}:realtime`, 'not json');
    } finally {
      stranger.disconnect();
    }
    const worker = bus(prefix);
    await worker.publish(['user:a', 'user:a', 'org:b'], 'x.changed', { id: 1 });
    await worker.disconnect(['session:s']);
    const expected: RealtimeEnvelope[] = [
      { kind: 'emit', rooms: ['user:a', 'org:b'], event: 'x.changed', data: { id: 1 } },
      { kind: 'disconnect', rooms: ['session:s'] },
    ];
    const deadline = Date.now() + 5000;
    while ((api1.length < 2 || api2.length < 2) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(api1).toEqual(expected);
    expect(api2).toEqual(expected);
    expect(otherStack).toEqual([]);
  });

  it('publish_whenRedisIsUnreachable_dropsTheNotificationWithoutThrowing', async () => {
    const unreachable = bus(uniquePrefix('rt'), 'redis://127.0.0.1:1/0');
    await expect(unreachable.publish(['user:a'], 'x.changed', {})).resolves.toBeUndefined();
  });

  it('publish_withAReservedEventName_throws', async () => {
    await expect(bus(uniquePrefix('rt')).publish(['user:a'], 'disconnect', {})).rejects.toThrow(/reserved/);
  });
});
