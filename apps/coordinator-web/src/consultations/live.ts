import { computed, onBeforeUnmount, onMounted, watch, type ComputedRef, type Ref } from 'vue';
import { useRealtime } from '@tmk/web-api-client';

/**
 * How the coordination centre's screens stay current. The api pushes `consultations.request.changed` over
 * socket.io (`/ws`); while that channel is not connected the screens poll instead. Everything about it is
 * here, so the pages only say what to re-fetch.
 */
export const REQUEST_CHANGED = 'consultations.request.changed';
/** Polling period while the realtime channel is down (and the only source when it is switched off). */
export const POLL_MS = 15_000;
/** A slow safety poll while the channel is up, in case an event was lost on the way. */
export const SAFETY_POLL_MS = 30_000;
/** Set to false to rely on polling alone (e.g. if the realtime channel misbehaves in some deployment). */
export const USE_REALTIME = true;

/** What the api sends: identifiers and statuses only, never clinical data. */
export interface RequestChanged {
  readonly requestId: string;
  readonly number?: string | null;
  readonly status?: string;
  readonly urgency?: string;
  readonly level?: string;
  readonly action?: string;
  /** An emergency request has just entered the queue. */
  readonly alert?: boolean;
}

export type LiveMode = 'realtime' | 'polling';

export interface LiveOptions {
  /** Re-fetch what the screen shows (called at most every few hundred ms). */
  readonly refresh: () => void;
  /** Every change event, before the refresh (e.g. to raise the emergency alarm at once). */
  readonly onChange?: (change: RequestChanged) => void;
  /** Listen to this request's own room as well (chat messages, its page); null: none. */
  readonly requestId?: Ref<string | null>;
  /** Skip chat messages (queues do not show them). */
  readonly ignoreMessages?: boolean;
}

export interface Live {
  readonly mode: ComputedRef<LiveMode>;
}

/** Keeps a screen current: realtime events when connected, a poll every {@link POLL_MS} otherwise. */
export function useLive(options: LiveOptions): Live {
  const realtime = USE_REALTIME ? useRealtime() : null;
  const mode = computed<LiveMode>(() => (realtime?.status.value === 'connected' ? 'realtime' : 'polling'));

  let lastRefresh = Date.now();
  const refresh = (): void => {
    lastRefresh = Date.now();
    options.refresh();
  };
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    clearTimeout(debounce);
    debounce = setTimeout(refresh, 300);
  };

  realtime?.on<RequestChanged>(REQUEST_CHANGED, (change) => {
    if (!change || typeof change.requestId !== 'string') return;
    if (options.ignoreMessages && change.action === 'message') return;
    // a queue hears every request of its level; a request page only its own
    if (options.requestId && change.requestId !== options.requestId.value) return;
    options.onChange?.(change);
    soon();
  });
  realtime?.onReconnect(soon);

  if (realtime && options.requestId) {
    watch(
      options.requestId,
      (id, previous) => {
        if (previous) realtime.unwatch(previous);
        if (id) void realtime.watch(id);
      },
      { immediate: true },
    );
  }

  // Polling: every POLL_MS while the channel is down, a slow safety poll while it is up.
  let poll: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    const period = mode.value === 'polling' ? POLL_MS : SAFETY_POLL_MS;
    if (Date.now() - lastRefresh >= period - 500 && document.visibilityState !== 'hidden') refresh();
    poll = setTimeout(tick, 1000);
  };
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') soon();
  };
  onMounted(() => {
    lastRefresh = Date.now();
    poll = setTimeout(tick, 1000);
    document.addEventListener('visibilitychange', onVisible);
  });
  // back from polling: catch up on what may have been missed
  watch(mode, (now, before) => {
    if (now === 'realtime' && before === 'polling') soon();
  });
  onBeforeUnmount(() => {
    clearTimeout(poll);
    clearTimeout(debounce);
    document.removeEventListener('visibilitychange', onVisible);
  });

  return { mode };
}
