import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventMeta } from '@tmk/shared-kernel';

/**
 * Per-request (or per-job) context: the correlation id travels into logs, outbox rows and events; after
 * authentication the guard adds who is acting and from where (`meta`), which the outbox stores with every
 * event the request causes (audit's "who").
 */
export interface RequestContext {
  readonly requestId: string;
  meta?: EventMeta;
}

export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | null {
  return requestContextStorage.getStore()?.requestId ?? null;
}

export function currentEventMeta(): EventMeta | null {
  return requestContextStorage.getStore()?.meta ?? null;
}

/** Records who acts in the current request (called by the access guard after authentication). */
export function setRequestMeta(meta: EventMeta): void {
  const store = requestContextStorage.getStore();
  if (store) store.meta = meta;
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestContextStorage.run(context, fn);
}
