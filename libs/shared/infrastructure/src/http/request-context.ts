import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request (or per-job) context: the correlation id travels into logs, outbox rows and events. */
export interface RequestContext {
  readonly requestId: string;
}

export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentCorrelationId(): string | null {
  return requestContextStorage.getStore()?.requestId ?? null;
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestContextStorage.run(context, fn);
}
