import type { INestApplication } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import { RealtimeBus, loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import { DEMO, DEMO_PASSWORD } from '@tmk/identity-api';
import { REQUEST_CHANGED_EVENT, RealtimeRequestNotifier } from '@tmk/consultations-infrastructure';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { createApiApp } from './bootstrap';

/**
 * The realtime channel end to end: the real api (socket.io on /ws, identity's Authenticator, PostgreSQL with
 * the demo accounts) and a RealtimeBus of its own standing in for another process (the worker, another api
 * instance) that publishes through Redis.
 */
describe('realtime channel (real api, PostgreSQL, Redis)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let base: string;
  let otherProcess: RealtimeBus;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    config = loadConfig(testEnv());
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', 'localhost');
    otherProcess = new RealtimeBus(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    await otherProcess.close();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
  });

  async function signIn(login: string): Promise<string> {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  function socket(headers: Record<string, string> = {}): Socket {
    const s = io(base, {
      path: '/ws',
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: headers,
    });
    sockets.push(s);
    return s;
  }

  /** Resolves when connected; rejects with the server's refusal code. */
  function connected(s: Socket): Promise<void> {
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', (error) => reject(error));
    });
  }

  function refusalOf(s: Socket): Promise<{ message: string; data?: { code?: string } }> {
    return new Promise((resolve, reject) => {
      s.once('connect', () => reject(new Error('the socket was admitted')));
      s.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error));
    });
  }

  function collect(s: Socket, event: string): object[] {
    const received: object[] = [];
    s.on(event, (data: object) => received.push(data));
    return received;
  }

  function nextEvent(s: Socket, event: string, timeoutMs = 5000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      s.once(event, (data: unknown) => {
        clearTimeout(timer);
        resolve(data);
      });
    });
  }

  it('handshake_withoutSession_isRefused', async () => {
    const refused = await refusalOf(socket());
    expect(refused.message).toBe('ACCESS.UNAUTHENTICATED');
    expect(refused.data).toEqual({ code: 'ACCESS.UNAUTHENTICATED' });
  });

  it('handshake_withUnknownSessionCookie_isRefused', async () => {
    const refused = await refusalOf(socket({ cookie: `tmk_session=${'x'.repeat(43)}` }));
    expect(refused.message).toBe('ACCESS.UNAUTHENTICATED');
  });

  it('handshake_withSessionFromAForeignOrigin_isRefused', async () => {
    const cookie = await signIn('dispatcher');
    const refused = await refusalOf(socket({ cookie, origin: 'https://evil.example' }));
    expect(refused.message).toBe('REALTIME.ORIGIN_REFUSED');
    // the api's own origin is fine
    await connected(socket({ cookie, origin: new URL(config.PUBLIC_URL).origin }));
  });

  it('dispatcher_receivesTheirRegionQueueAndOwnRooms_notAnotherRegion', async () => {
    const s = socket({ cookie: await signIn('dispatcher') });
    await connected(s);
    const received = collect(s, 'test.queue');
    const ended = nextEvent(s, 'test.end');
    await otherProcess.publish(['dispatch:' + DEMO.regions.tomsk], 'test.queue', { n: 1 });
    await otherProcess.publish(['dispatch:federal'], 'test.queue', { n: 2 });
    await otherProcess.publish(['dispatch:' + DEMO.regions.nso], 'test.queue', { n: 3 });
    await otherProcess.publish([`user:${DEMO.staff.dispatcher}`], 'test.queue', { n: 4 });
    await otherProcess.publish([`org:${DEMO.organisations.ktcNso}`], 'test.queue', { n: 5 });
    await otherProcess.publish([`user:${DEMO.staff.doctor}`], 'test.queue', { n: 6 });
    // one socket in several addressed rooms gets the event once
    await otherProcess.publish(
      ['dispatch:' + DEMO.regions.nso, `user:${DEMO.staff.dispatcher}`],
      'test.queue',
      { n: 7 },
    );
    await otherProcess.publish([`user:${DEMO.staff.dispatcher}`], 'test.end', {});
    await ended; // published last on one channel: everything before it has been delivered
    expect(received).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }, { n: 7 }]);
  });

  it('signedIn_ping_answersPong', async () => {
    const s = socket({ cookie: await signIn('dispatcher') });
    await connected(s);
    const pong = nextEvent(s, 'pong');
    s.emit('ping');
    expect(Date.parse(((await pong) as { at: string }).at)).not.toBeNaN();
  });

  it('requestNotifier_fromAnotherProcess_alertsTheRegionDispatchersOfAnEmergency', async () => {
    const s = socket({ cookie: await signIn('dispatcher') });
    await connected(s);
    const changed = nextEvent(s, REQUEST_CHANGED_EVENT);
    await new RealtimeRequestNotifier(otherProcess).changed({
      requestId: '00000000-0000-7000-8000-00000000e001',
      number: null,
      status: 'NEW',
      level: 'REGIONAL',
      urgency: 'EMERGENCY',
      regionId: DEMO.regions.nso,
      requesterId: DEMO.staff.doctor,
      centreId: null,
      consultantId: null,
      slaState: 'ON_TIME',
      action: 'submitted',
    });
    expect(await changed).toMatchObject({
      requestId: '00000000-0000-7000-8000-00000000e001',
      urgency: 'EMERGENCY',
      alert: true,
    });
  });

  it('federalDispatcher_receivesTheFederalQueue_notARegionOne', async () => {
    const s = socket({ cookie: await signIn('fed-dispatcher') });
    await connected(s);
    const received = collect(s, 'test.federal');
    const ended = nextEvent(s, 'test.end');
    await otherProcess.publish(['dispatch:' + DEMO.regions.nso], 'test.federal', { n: 1 });
    await otherProcess.publish(['dispatch:federal'], 'test.federal', { n: 2 });
    await otherProcess.publish([`user:${DEMO.staff.fedDispatcher}`], 'test.end', {});
    await ended;
    expect(received).toEqual([{ n: 2 }]);
  });

  it('watch_withoutARoomAuthorizer_isDenied_andBadIdsAreRejected', async () => {
    const s = socket({ cookie: await signIn('dispatcher') });
    await connected(s);
    expect(await s.emitWithAck('watch', { requestId: '00000000-0000-7000-8000-000000000999' })).toEqual({
      ok: false,
      code: 'ACCESS.DENIED',
    });
    expect(await s.emitWithAck('watch', { requestId: 'x:dispatch:federal' })).toEqual({
      ok: false,
      code: 'REALTIME.BAD_ROOM',
    });
    expect(s.connected).toBe(true);
  });

  it('disconnectThroughTheBus_endsTheSocketsOfTheRoom', async () => {
    const s = socket({ cookie: await signIn('dispatcher') });
    await connected(s);
    const reason = new Promise<string>((resolve) => s.once('disconnect', resolve));
    await otherProcess.disconnect([`user:${DEMO.staff.dispatcher}`]);
    expect(await reason).toBe('io server disconnect');
  });

  it('signOut_thenTheSameCookie_isRefused', async () => {
    const cookie = await signIn('dispatcher');
    const open = socket({ cookie });
    await connected(open);
    const ended = new Promise<string>((resolve) => open.once('disconnect', resolve));
    const csrf = /tmk_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
    const out = await fetch(`${base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': decodeURIComponent(csrf) },
    });
    expect(out.status).toBe(204);
    // the socket that was open ends with the session
    expect(await ended).toBe('io server disconnect');
    expect((await refusalOf(socket({ cookie }))).message).toBe('ACCESS.UNAUTHENTICATED');
  });
});
