import { onScopeDispose, watch, type Ref } from 'vue';
import { useRealtime, type RequestStatus, type SlaState, type Urgency } from '@tmk/web-api-client';
import { useSessionStore } from '@tmk/web-auth';

/** What the api tells about a changed request (identifiers and statuses only). */
export interface RequestChanged {
  readonly requestId: string;
  readonly number: string | null;
  readonly status: RequestStatus;
  readonly urgency: Urgency;
  readonly slaState: SlaState;
  readonly action: string;
}

export const REQUEST_CHANGED = 'consultations.request.changed';

/** Even with a live channel, refresh this often (events are best effort). */
const SAFETY_POLL_MS = 120_000;

export interface LiveUpdateOptions {
  /** The request this page shows: its room is watched, so changes by anyone arrive. */
  readonly requestId?: Readonly<Ref<string | null>>;
  /** Which events concern the page; all by default. */
  readonly filter?: (event: RequestChanged) => boolean;
  /** Polling interval while the realtime channel is down; 20 s. */
  readonly pollMs?: number;
}

/**
 * Keeps a page fresh: `refresh` runs on every `consultations.request.changed` event that concerns it (a burst
 * is coalesced), after the socket reconnects, when the tab becomes visible again, every `pollMs` while there
 * is no realtime connection or the request's room was refused, and every two minutes regardless.
 */
export function useLiveUpdates(
  refresh: (event: RequestChanged | null) => void,
  options: LiveUpdateOptions = {},
): void {
  const realtime = useRealtime();
  const session = useSessionStore();
  const pollMs = options.pollMs ?? 20_000;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let last: RequestChanged | null = null;
  /** Whether the request's room was joined (changes by others arrive); true for pages without one. */
  let watching = !options.requestId;
  let lastRefresh = Date.now();

  const soon = (event: RequestChanged | null): void => {
    last = event ?? last;
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      lastRefresh = Date.now();
      const e = last;
      last = null;
      refresh(e);
    }, 250);
  };

  realtime.on<RequestChanged>(REQUEST_CHANGED, (event) => {
    if (!options.filter || options.filter(event)) soon(event);
  });
  realtime.onReconnect(() => soon(null));

  // Poll while the channel is down, or while the request's own room is refused (its changes by others
  // would not arrive); otherwise a slow safety poll, since delivery is best effort.
  const timer = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    const live = realtime.status.value === 'connected' && watching;
    if (!live || Date.now() - lastRefresh >= SAFETY_POLL_MS) {
      lastRefresh = Date.now();
      refresh(null);
    }
  }, pollMs);
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') soon(null);
  };
  document.addEventListener('visibilitychange', onVisible);

  if (options.requestId) {
    watch(
      options.requestId,
      (id, previous) => {
        if (previous) realtime.unwatch(previous);
        watching = false;
        if (id)
          void realtime.watch(id).then((ok) => {
            if (options.requestId?.value === id) watching = ok;
          });
      },
      { immediate: true },
    );
  }

  // Another organisation means other rooms (and roles): connect again as who the person is now.
  watch(
    () => session.me?.activeOrganisationId,
    (id, previous) => {
      if (previous !== undefined && id !== previous) realtime.reconnect();
    },
  );

  onScopeDispose(() => {
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    document.removeEventListener('visibilitychange', onVisible);
  });
}
