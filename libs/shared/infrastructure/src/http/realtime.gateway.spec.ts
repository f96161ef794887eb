import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Server, Socket } from 'socket.io';
import type { Actor, StaffActor } from '@tmk/shared-kernel';
import type { AppConfig } from '../config/config';
import { AUTHENTICATOR, type Authenticator } from './access';
import { MAX_WATCHED_ROOMS, RealtimeGateway, originAllowed } from './realtime.gateway';
import type { RealtimeBus } from '../realtime/realtime-bus';
import { REALTIME_ROOM_AUTHORIZER, roomsOf, type RealtimeRoomAuthorizer } from '../realtime/rooms';

const dispatcher: StaffActor = {
  kind: 'staff',
  userId: 'u-1',
  sessionId: 's-1',
  organisationId: 'org-1',
  regionId: 'reg-1',
  roles: ['DISPATCHER'],
};

interface FakeSocket {
  handshake: { headers: Record<string, string>; address: string };
  data: Record<string, unknown>;
  connected: boolean;
  rooms: Set<string>;
  join(rooms: string | string[]): void;
  leave(room: string): void;
  disconnect(): void;
}

function fakeSocket(headers: Record<string, string> = { cookie: 'tmk_session=abc' }): FakeSocket {
  const socket: FakeSocket = {
    handshake: { headers, address: '127.0.0.1' },
    data: {},
    connected: true,
    rooms: new Set(),
    join: (rooms) => {
      for (const r of Array.isArray(rooms) ? rooms : [rooms]) socket.rooms.add(r);
    },
    leave: (room) => socket.rooms.delete(room),
    disconnect: () => {
      socket.connected = false;
    },
  };
  return socket;
}

function setup(options: { authorizer?: RealtimeRoomAuthorizer } = {}) {
  let actor: Actor | null = dispatcher;
  const denials: string[] = [];
  const authenticator: Authenticator = {
    authenticate: async () => (actor ? { actor, csrfToken: 'c' } : null),
    denied: async (request, _actor, reason) => {
      denials.push(`${request.method} ${request.originalUrl}: ${reason}`);
    },
  };
  const moduleRef = {
    get: (token: unknown) => {
      if (token === AUTHENTICATOR) return authenticator;
      if (token === REALTIME_ROOM_AUTHORIZER && options.authorizer) return options.authorizer;
      throw new Error('not found');
    },
  } as unknown as ModuleRef;
  const config = { PUBLIC_URL: 'https://tmk.example' } as AppConfig;
  const gateway = new RealtimeGateway({} as RealtimeBus, moduleRef, config);
  let middleware: ((socket: Socket, next: (error?: Error) => void) => void) | undefined;
  gateway.afterInit({ use: (fn: typeof middleware) => (middleware = fn) } as unknown as Server);

  async function connect(socket = fakeSocket()): Promise<FakeSocket> {
    const error = await new Promise<Error | undefined>((resolve) =>
      middleware?.(socket as unknown as Socket, resolve),
    );
    if (error) throw error;
    gateway.handleConnection(socket as unknown as Socket);
    return socket;
  }

  return {
    gateway,
    connect,
    denials,
    setActor: (a: Actor | null) => {
      actor = a;
    },
  };
}

const allowOnly = (room: string): RealtimeRoomAuthorizer => ({ mayWatch: async (_actor, r) => r === room });

describe('RealtimeGateway', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new Logger()));
  it('handshake_whenSignedInDispatcher_joinsUserSessionOrganisationAndRegionQueue', async () => {
    const { connect } = setup();
    const socket = await connect();
    expect([...socket.rooms].sort()).toEqual(['dispatch:reg-1', 'org:org-1', 'session:s-1', 'user:u-1']);
  });

  it('handshake_whenNoSession_isRefusedWithTheCode', async () => {
    const { connect, setActor } = setup();
    setActor(null);
    await expect(connect()).rejects.toMatchObject({
      message: 'ACCESS.UNAUTHENTICATED',
      data: { code: 'ACCESS.UNAUTHENTICATED' },
    });
  });

  it('handshake_whenIntegrator_isRefused', async () => {
    const { connect, setActor } = setup();
    setActor({ kind: 'integrator', clientId: 'c', organisationId: 'o', regionId: null, scopes: [] });
    await expect(connect()).rejects.toMatchObject({ message: 'ACCESS.DENIED' });
  });

  it('handshake_whenForeignOrigin_isRefusedBeforeAuthentication', async () => {
    const { connect } = setup();
    await expect(
      connect(fakeSocket({ cookie: 'tmk_session=abc', origin: 'https://evil.example', host: 'tmk.example' })),
    ).rejects.toMatchObject({ message: 'REALTIME.ORIGIN_REFUSED' });
  });

  it('watch_withoutAuthorizer_isDenied_andTheDenialRecorded', async () => {
    const { connect, gateway, denials } = setup();
    const socket = await connect();
    const answer = await gateway.watch(socket as unknown as Socket, { requestId: 'r-1' });
    expect(answer).toEqual({ ok: false, code: 'ACCESS.DENIED' });
    expect(socket.rooms.has('request:r-1')).toBe(false);
    expect(denials).toEqual(['WATCH /ws/request:r-1: realtime room not allowed']);
  });

  it('watch_whenAuthorizerAllows_joinsTheRequestRoom_unwatchLeavesIt', async () => {
    const { connect, gateway } = setup({ authorizer: allowOnly('request:r-1') });
    const socket = await connect();
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'r-1' })).toEqual({ ok: true });
    expect(socket.rooms.has('request:r-1')).toBe(true);
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'r-2' })).toMatchObject({
      ok: false,
    });
    expect(await gateway.unwatch(socket as unknown as Socket, { requestId: 'r-1' })).toEqual({ ok: true });
    expect(socket.rooms.has('request:r-1')).toBe(false);
  });

  it('watch_whenIdIsNotAPlainId_isRejectedWithoutAskingTheAuthorizer', async () => {
    const mayWatch = jest.fn(async () => true);
    const { connect, gateway } = setup({ authorizer: { mayWatch } });
    const socket = await connect();
    for (const body of [{ requestId: 'x:dispatch:federal' }, { requestId: 1 }, null, 'r-1']) {
      expect(await gateway.watch(socket as unknown as Socket, body)).toEqual({
        ok: false,
        code: 'REALTIME.BAD_ROOM',
      });
    }
    expect(mayWatch).not.toHaveBeenCalled();
  });

  it('watch_whenAuthorizerThrows_isDenied', async () => {
    const { connect, gateway } = setup({
      authorizer: {
        mayWatch: async () => {
          throw new Error('db down');
        },
      },
    });
    const socket = await connect();
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'r-1' })).toMatchObject({
      ok: false,
      code: 'ACCESS.DENIED',
    });
  });

  it('watch_whenSessionEndedSinceHandshake_disconnects', async () => {
    const { connect, gateway, setActor } = setup({ authorizer: allowOnly('request:r-1') });
    const socket = await connect();
    setActor(null);
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'r-1' })).toEqual({
      ok: false,
      code: 'ACCESS.UNAUTHENTICATED',
    });
    expect(socket.connected).toBe(false);
  });

  it('watch_whenOrganisationSwitchedSinceHandshake_asksTheClientToReconnect', async () => {
    const { connect, gateway, setActor } = setup({ authorizer: allowOnly('request:r-1') });
    const socket = await connect();
    setActor({ ...dispatcher, organisationId: 'org-2', regionId: 'reg-2' });
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'r-1' })).toEqual({
      ok: false,
      code: 'REALTIME.RECONNECT',
    });
    expect(socket.connected).toBe(false);
    expect(socket.rooms.has('request:r-1')).toBe(false);
  });

  it('watch_beyondTheLimit_isRefused', async () => {
    const { connect, gateway } = setup({ authorizer: { mayWatch: async () => true } });
    const socket = await connect();
    for (let i = 0; i < MAX_WATCHED_ROOMS; i++) {
      expect(await gateway.watch(socket as unknown as Socket, { requestId: `r-${i}` })).toEqual({ ok: true });
    }
    expect(await gateway.watch(socket as unknown as Socket, { requestId: 'one-more' })).toEqual({
      ok: false,
      code: 'REALTIME.TOO_MANY_ROOMS',
    });
  });
});

describe('roomsOf', () => {
  it('roomsOf_whenFederalDispatcher_joinsTheFederalQueue', () => {
    expect(roomsOf({ ...dispatcher, regionId: null })).toContain('dispatch:federal');
  });

  it('roomsOf_whenNotDispatcher_joinsNoQueue', () => {
    expect(roomsOf({ ...dispatcher, roles: ['CONSULTANT'] }).some((r) => r.startsWith('dispatch:'))).toBe(
      false,
    );
  });

  it('roomsOf_whenPatientRepresentsOthers_joinsEveryCardOnce', () => {
    expect(
      roomsOf({ kind: 'patient', patientId: 'p-1', sessionId: 's', actsForPatientIds: ['p-1', 'p-2'] }),
    ).toEqual(['session:s', 'patient:p-1', 'patient:p-2']);
  });
});

describe('originAllowed', () => {
  const publicUrl = 'https://tmk.example';
  it.each([
    [{}, true],
    [{ origin: 'https://tmk.example' }, true],
    [{ origin: 'http://localhost:5173', host: 'localhost:5173' }, true],
    [{ origin: 'https://evil.example', host: 'tmk.example' }, false],
    [{ origin: 'https://tmk.example.evil.example', host: 'tmk.example' }, false],
    [{ origin: 'null', host: 'tmk.example' }, false],
  ])('originAllowed_%j_is%s', (headers, expected) => {
    expect(originAllowed(headers, publicUrl)).toBe(expected);
  });
});
