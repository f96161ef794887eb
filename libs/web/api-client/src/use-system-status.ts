import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';
import { useApiClient, type ApiClient } from './client';

/** `checking` until the first answer; `ok` when /health/ready says 200; `degraded` on anything else. */
export type SystemStatus = 'checking' | 'ok' | 'degraded';

export interface UseSystemStatus {
  readonly status: Readonly<Ref<SystemStatus>>;
  readonly checkedAt: Readonly<Ref<Date | null>>;
  /** Checks now (also done on an interval, when the tab becomes visible and when the browser goes online). */
  refresh(): Promise<void>;
}

export interface SystemStatusOptions {
  readonly client?: ApiClient;
  /** Polling period; 30 s by default. */
  readonly intervalMs?: number;
  /** A check slower than this counts as degraded; 5 s by default. */
  readonly timeoutMs?: number;
}

/**
 * Polls the api's readiness probe for the small status indicator in the footer of each SPA. Polling pauses
 * while the tab is hidden and stops when the calling component (effect scope) goes away.
 */
export function useSystemStatus(options: SystemStatusOptions = {}): UseSystemStatus {
  const client = options.client ?? useApiClient();
  const intervalMs = options.intervalMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const status = ref<SystemStatus>('checking');
  const checkedAt = ref<Date | null>(null);
  let inFlight: Promise<void> | null = null;

  function check(): Promise<void> {
    inFlight ??= (async () => {
      try {
        const { response } = await client.GET('/health/ready', { signal: AbortSignal.timeout(timeoutMs) });
        status.value = response.status === 200 ? 'ok' : 'degraded';
      } catch {
        status.value = 'degraded';
      } finally {
        checkedAt.value = new Date();
        inFlight = null;
      }
    })();
    return inFlight;
  }

  if (typeof window !== 'undefined') {
    const tick = (): void => {
      if (document.visibilityState === 'visible') void check();
    };
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    window.addEventListener('online', tick);
    void check();
    if (getCurrentScope()) {
      onScopeDispose(() => {
        window.clearInterval(timer);
        document.removeEventListener('visibilitychange', tick);
        window.removeEventListener('online', tick);
      });
    }
  }

  return { status: readonly(status), checkedAt: readonly(checkedAt), refresh: check };
}
