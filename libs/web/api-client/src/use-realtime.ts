import { io, type Socket } from 'socket.io-client';
import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';

/**
 * `connecting` until the first handshake; `connected`; `offline` while the client retries (network, api
 * restart); `refused` when the server turned the socket away (`refusal` says why) — no retry until
 * `reconnect()`, e.g. after signing in again.
 */
export type RealtimeStatus = 'connecting' | 'connected' | 'offline' | 'refused';

export interface UseRealtime {
  readonly status: Readonly<Ref<RealtimeStatus>>;
  /** The server's code when refused: ACCESS.UNAUTHENTICATED, AUTH.PASSWORD_CHANGE_REQUIRED, … */
  readonly refusal: Readonly<Ref<string | null>>;
  /** Listens to a server event (e.g. 'consultations.request.changed'); returns the function that stops it. */
  on<T = unknown>(event: string, handler: (data: T) => void): () => void;
  /**
   * Called when the connection comes back after a loss: events may have been missed meanwhile, so re-fetch
   * what the page shows. Watched requests are watched again by the composable itself.
   */
  onReconnect(handler: () => void): () => void;
  /** Receives the events of one request while this component lives; false if the server said no. */
  watch(requestId: string): Promise<boolean>;
  unwatch(requestId: string): void;
  /** Connects again with the current session (after a sign-in or an organisation switch). */
  reconnect(): void;
  /** Drops this caller's handlers and watches; automatic when the calling component (effect scope) ends. */
  close(): void;
}

export interface RealtimeOptions {
  /** The socket.io path on this origin; '/ws'. */
  readonly path?: string;
  /** Builds the socket (tests). Default: socket.io-client on this origin with the session cookie. */
  readonly createSocket?: (path: string) => Socket;
  /** Wait before connecting again after the server dropped the socket or was unavailable; 2 s. */
  readonly retryMs?: number;
}

interface Connection {
  readonly socket: Socket;
  readonly status: Ref<RealtimeStatus>;
  readonly refusal: Ref<string | null>;
  /** requestId → how many callers watch it. */
  readonly watched: Map<string, number>;
  readonly reconnectListeners: Set<() => void>;
  users: number;
  everConnected: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
}

/** One socket per tab, shared by every component that uses it; closed when the last one is gone. */
let shared: Connection | null = null;

const WATCH_TIMEOUT_MS = 10_000;

function defaultSocket(path: string): Socket {
  // same origin: the browser sends the httpOnly session cookie with the handshake
  return io({ path, withCredentials: true, reconnectionDelayMax: 10_000 });
}

function refusalCode(error: Error): string {
  const code = (error as Error & { data?: { code?: unknown } }).data?.code;
  return typeof code === 'string' ? code : error.message;
}

function open(options: RealtimeOptions): Connection {
  if (shared) {
    shared.users++;
    return shared;
  }
  const retryMs = options.retryMs ?? 2000;
  const socket = (options.createSocket ?? defaultSocket)(options.path ?? '/ws');
  const c: Connection = {
    socket,
    status: ref<RealtimeStatus>('connecting'),
    refusal: ref<string | null>(null),
    watched: new Map(),
    reconnectListeners: new Set(),
    users: 1,
    everConnected: false,
    retryTimer: null,
  };
  const retrySoon = (): void => {
    if (c.retryTimer !== null) return;
    c.retryTimer = setTimeout(() => {
      c.retryTimer = null;
      if (!socket.connected) socket.connect();
    }, retryMs);
  };
  socket.on('connect', () => {
    c.status.value = 'connected';
    c.refusal.value = null;
    if (!c.everConnected) {
      c.everConnected = true;
      return;
    }
    // a new server-side socket: rooms are gone, watch again, and tell the pages to catch up
    for (const requestId of c.watched.keys()) socket.emit('watch', { requestId });
    for (const listener of [...c.reconnectListeners]) listener();
  });
  socket.on('connect_error', (error: Error) => {
    if (socket.active) {
      c.status.value = 'offline'; // a transport problem: socket.io retries by itself
      return;
    }
    const code = refusalCode(error);
    if (code === 'REALTIME.UNAVAILABLE') {
      c.status.value = 'offline'; // the server could not check the session just now
      retrySoon();
      return;
    }
    c.status.value = 'refused';
    c.refusal.value = code;
  });
  socket.on('disconnect', (reason: string) => {
    if (reason === 'io client disconnect') return;
    c.status.value = 'offline';
    // the server ended the socket (session changed, signed out elsewhere): try again; a refusal stops it
    if (reason === 'io server disconnect') retrySoon();
  });
  shared = c;
  return c;
}

function release(c: Connection): void {
  c.users--;
  if (c.users > 0) return;
  if (c.retryTimer !== null) clearTimeout(c.retryTimer);
  c.socket.removeAllListeners();
  c.socket.disconnect();
  if (shared === c) shared = null;
}

/**
 * The realtime channel of the api (socket.io at `/ws`, authenticated by the session cookie). The server puts
 * the socket in the rooms of who is signed in (own notifications, the organisation, the dispatcher queue);
 * `watch(requestId)` adds one request's events. Events carry identifiers and statuses only: re-fetch the data
 * through the api client. Handlers and watches end with the calling component.
 *
 * ```ts
 * const realtime = useRealtime();
 * realtime.on<{ requestId: string; alert: boolean }>('consultations.request.changed', (e) => reload(e));
 * realtime.onReconnect(reloadAll);
 * ```
 */
export function useRealtime(options: RealtimeOptions = {}): UseRealtime {
  const c = open(options);
  const handlers: [string, (data: never) => void][] = [];
  const reconnectHandlers = new Set<() => void>();
  const mine = new Map<string, number>();
  let closed = false;

  function on<T = unknown>(event: string, handler: (data: T) => void): () => void {
    if (closed) return () => undefined;
    c.socket.on(event, handler as (data: unknown) => void);
    const entry: [string, (data: never) => void] = [event, handler as (data: never) => void];
    handlers.push(entry);
    return () => {
      c.socket.off(event, handler as (data: unknown) => void);
      const i = handlers.indexOf(entry);
      if (i >= 0) handlers.splice(i, 1);
    };
  }

  function onReconnect(handler: () => void): () => void {
    if (closed) return () => undefined;
    c.reconnectListeners.add(handler);
    reconnectHandlers.add(handler);
    return () => {
      c.reconnectListeners.delete(handler);
      reconnectHandlers.delete(handler);
    };
  }

  async function watch(requestId: string): Promise<boolean> {
    if (closed) return false;
    mine.set(requestId, (mine.get(requestId) ?? 0) + 1);
    c.watched.set(requestId, (c.watched.get(requestId) ?? 0) + 1);
    try {
      const answer = (await c.socket.timeout(WATCH_TIMEOUT_MS).emitWithAck('watch', { requestId })) as {
        ok?: unknown;
      } | null;
      return answer?.ok === true;
    } catch {
      return false; // no answer in time; watched again on the next connection
    }
  }

  function unwatch(requestId: string): void {
    const count = mine.get(requestId) ?? 0;
    if (count === 0) return;
    if (count === 1) mine.delete(requestId);
    else mine.set(requestId, count - 1);
    const total = (c.watched.get(requestId) ?? 1) - 1;
    if (total > 0) {
      c.watched.set(requestId, total);
      return;
    }
    c.watched.delete(requestId);
    c.socket.emit('unwatch', { requestId }); // buffered while offline, after any buffered `watch`
  }

  function reconnect(): void {
    if (closed) return;
    c.status.value = 'connecting';
    c.refusal.value = null;
    c.socket.disconnect();
    c.socket.connect();
  }

  function close(): void {
    if (closed) return;
    for (const [event, handler] of handlers.splice(0))
      c.socket.off(event, handler as (data: unknown) => void);
    for (const handler of reconnectHandlers) c.reconnectListeners.delete(handler);
    reconnectHandlers.clear();
    for (const [requestId, count] of [...mine]) for (let i = 0; i < count; i++) unwatch(requestId);
    closed = true;
    release(c);
  }

  if (getCurrentScope()) onScopeDispose(close);

  return {
    status: readonly(c.status),
    refusal: readonly(c.refusal),
    on,
    onReconnect,
    watch,
    unwatch,
    reconnect,
    close,
  };
}
