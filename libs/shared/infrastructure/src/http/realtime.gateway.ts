import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Request } from 'express';
import type { Server, Socket } from 'socket.io';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AUTHENTICATOR, type Authenticator } from './access';
import { RealtimeBus, type RealtimeEnvelope } from '../realtime/realtime-bus';
import {
  REALTIME_ROOM_AUTHORIZER,
  RealtimeRooms,
  roomsOf,
  type RealtimeRoomAuthorizer,
} from '../realtime/rooms';

/** Answer to `watch` / `unwatch` (the socket.io acknowledgement). */
export type WatchAnswer = { readonly ok: true } | { readonly ok: false; readonly code: string };

/** Rooms one socket may watch at a time (a page watches one or a few requests). */
export const MAX_WATCHED_ROOMS = 100;

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

interface SocketState {
  actor: Actor;
  watching: Set<string>;
}

function stateOf(socket: Socket): SocketState | undefined {
  return (socket.data as { tmk?: SocketState }).tmk;
}

/** Why a connection is refused: `connect_error` on the client has `message` = code and `data.code`. */
function refusal(code: string): Error & { data: { code: string } } {
  return Object.assign(new Error(code), { data: { code } });
}

/**
 * The Authenticator reads an express request; the handshake has what it needs (headers with the cookie or
 * the Authorization header, the address). `path` is the WebSocket path: a session that must change its
 * password is refused like any endpoint but the password ones.
 */
function handshakeRequest(socket: Socket, method = 'GET', path = '/ws'): Request {
  const { headers, address } = socket.handshake;
  return {
    headers,
    method,
    path,
    url: path,
    originalUrl: path,
    ip: address,
    get: (name: string) => headers[name.toLowerCase()],
    header: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}

/**
 * Browsers send cookies with a cross-site WebSocket handshake when SameSite allows it (e.g. a sibling
 * subdomain), so a browser's Origin must be ours: PUBLIC_URL, or the host the request was sent to (the Vite
 * dev server proxies /ws without changing Host). Clients without Origin are not browsers riding a cookie.
 */
export function originAllowed(
  headers: Record<string, string | string[] | undefined>,
  publicUrl: string,
): boolean {
  const origin = headers['origin'];
  if (origin === undefined || origin === '') return true;
  if (typeof origin !== 'string') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === new URL(publicUrl).origin) return true;
  return typeof headers['host'] === 'string' && url.host === headers['host'];
}

/** Who an actor is, for "has the session changed since the handshake" (order-insensitive). */
function actorKey(actor: Actor): string {
  const roles = actor.kind === 'staff' ? [...actor.roles].sort() : [];
  const region = actor.kind === 'staff' ? actor.regionId : null;
  return JSON.stringify([roomsOf(actor).sort(), roles, region]);
}

/**
 * The one WebSocket endpoint (`/ws`, socket.io). Only signed-in staff and patients connect (the session
 * cookie or a bearer token, checked by the platform's Authenticator in the handshake); each socket joins the
 * rooms of who it is (`roomsOf`: user, session, organisation, dispatcher queue / patient cards) and, on
 * `watch {requestId}`, `request:<id>` if REALTIME_ROOM_AUTHORIZER allows it. What reaches the sockets comes
 * from RealtimeBus, so any process (api instance or worker) can notify the clients of every api instance.
 * Payloads carry identifiers and statuses only: clients re-fetch what they show.
 */
@WebSocketGateway({ path: '/ws', cors: false, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private authenticator: Authenticator | null | undefined;
  private roomAuthorizer: RealtimeRoomAuthorizer | null | undefined;
  private stopListening: (() => void) | null = null;

  @WebSocketServer()
  server!: Server;

  constructor(
    private readonly bus: RealtimeBus,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.stopListening = await this.bus.subscribe((envelope) => this.deliver(envelope));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
  }

  handleConnection(client: Socket): void {
    const state = stateOf(client);
    if (!state) {
      client.disconnect(true); // not admitted by the middleware (cannot happen; never serve such a socket)
      return;
    }
    void client.join(roomsOf(state.actor));
    this.logger.debug(`ws connected ${client.id} (${state.actor.kind})`);
  }

  @SubscribeMessage('ping')
  ping(): { event: 'pong'; data: { at: string } } {
    return { event: 'pong', data: { at: new Date().toISOString() } };
  }

  /** `watch {requestId}` → ack `{ok}`; events of `request:<id>` follow while the socket is connected. */
  @SubscribeMessage('watch')
  async watch(@ConnectedSocket() client: Socket, @MessageBody() body: unknown): Promise<WatchAnswer> {
    const state = stateOf(client);
    const requestId = (body as { requestId?: unknown } | null)?.requestId;
    if (!state) return { ok: false, code: 'ACCESS.UNAUTHENTICATED' };
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      return { ok: false, code: 'REALTIME.BAD_ROOM' };
    }
    const room = RealtimeRooms.request(requestId);
    // the session may have ended or changed (organisation switch) since the handshake: check it again
    let actor: Actor | null;
    try {
      actor = await this.currentActor(client);
    } catch (error) {
      return {
        ok: false,
        code: (error as { data?: { code?: string } }).data?.code ?? 'REALTIME.UNAVAILABLE',
      };
    }
    if (!actor) {
      client.disconnect(true);
      return { ok: false, code: 'ACCESS.UNAUTHENTICATED' };
    }
    if (actorKey(actor) !== actorKey(state.actor)) {
      client.disconnect(true); // the client reconnects and joins the rooms of who it is now
      return { ok: false, code: 'REALTIME.RECONNECT' };
    }
    if (state.watching.has(room)) return { ok: true };
    if (state.watching.size >= MAX_WATCHED_ROOMS) return { ok: false, code: 'REALTIME.TOO_MANY_ROOMS' };
    if (!(await this.mayWatch(actor, room))) {
      await this.resolveAuthenticator()
        ?.denied(handshakeRequest(client, 'WATCH', `/ws/${room}`), actor, 'realtime room not allowed')
        .catch(() => undefined);
      return { ok: false, code: 'ACCESS.DENIED' };
    }
    if (!client.connected) return { ok: false, code: 'REALTIME.RECONNECT' };
    state.watching.add(room);
    await client.join(room);
    return { ok: true };
  }

  @SubscribeMessage('unwatch')
  async unwatch(@ConnectedSocket() client: Socket, @MessageBody() body: unknown): Promise<WatchAnswer> {
    const state = stateOf(client);
    const requestId = (body as { requestId?: unknown } | null)?.requestId;
    if (!state) return { ok: false, code: 'ACCESS.UNAUTHENTICATED' };
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      return { ok: false, code: 'REALTIME.BAD_ROOM' };
    }
    const room = RealtimeRooms.request(requestId);
    state.watching.delete(room);
    await client.leave(room);
    return { ok: true };
  }

  /** Handshake middleware: a browser from our origin, authenticated, staff or patient. */
  private async admit(socket: Socket): Promise<void> {
    if (!originAllowed(socket.handshake.headers, this.config.PUBLIC_URL)) {
      throw refusal('REALTIME.ORIGIN_REFUSED');
    }
    const actor = await this.currentActor(socket);
    if (!actor) throw refusal('ACCESS.UNAUTHENTICATED');
    if (actor.kind === 'integrator') throw refusal('ACCESS.DENIED'); // systems poll; no realtime for them
    const state: SocketState = { actor, watching: new Set() };
    (socket.data as { tmk?: SocketState }).tmk = state;
  }

  private async currentActor(socket: Socket): Promise<Actor | null> {
    const authenticator = this.resolveAuthenticator();
    if (!authenticator) return null;
    try {
      return (await authenticator.authenticate(handshakeRequest(socket)))?.actor ?? null;
    } catch (error) {
      if (error instanceof DomainError) throw refusal(error.code); // e.g. AUTH.PASSWORD_CHANGE_REQUIRED
      this.logger.warn(`ws authentication failed: ${(error as Error).message}`);
      throw refusal('REALTIME.UNAVAILABLE');
    }
  }

  private async mayWatch(actor: Actor, room: string): Promise<boolean> {
    const authorizer = this.resolveRoomAuthorizer();
    if (!authorizer) return false;
    try {
      return (await authorizer.mayWatch(actor, room)) === true;
    } catch (error) {
      if (!(error instanceof DomainError)) this.logger.warn(`mayWatch failed: ${(error as Error).message}`);
      return false;
    }
  }

  private deliver(envelope: RealtimeEnvelope): void {
    if (!this.server) return;
    try {
      if (envelope.kind === 'emit') {
        this.server.to([...envelope.rooms]).emit(envelope.event, envelope.data);
      } else {
        this.server.in([...envelope.rooms]).disconnectSockets(true);
      }
    } catch (error) {
      this.logger.warn(`realtime delivery failed: ${(error as Error).message}`);
    }
  }

  private resolveAuthenticator(): Authenticator | null {
    if (this.authenticator === undefined) {
      try {
        this.authenticator = this.moduleRef.get<Authenticator>(AUTHENTICATOR, { strict: false });
      } catch {
        this.authenticator = null;
      }
    }
    return this.authenticator;
  }

  private resolveRoomAuthorizer(): RealtimeRoomAuthorizer | null {
    if (this.roomAuthorizer === undefined) {
      try {
        this.roomAuthorizer = this.moduleRef.get<RealtimeRoomAuthorizer>(REALTIME_ROOM_AUTHORIZER, {
          strict: false,
        });
      } catch {
        this.roomAuthorizer = null;
      }
    }
    return this.roomAuthorizer;
  }
}
