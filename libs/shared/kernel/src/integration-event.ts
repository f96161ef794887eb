/**
 * An integration event: the only thing a bounded context tells the others. Declared in the publishing
 * context's `contracts` lib, versioned, and carrying primitives only (it is JSON in the outbox and on the
 * queue, and other contexts must not depend on the publisher's classes).
 */
export type Primitive = string | number | boolean | null;
export type EventPayload = { readonly [key: string]: Primitive | readonly Primitive[] | EventPayload };

export interface IntegrationEvent<
  TType extends string = string,
  TPayload extends EventPayload = EventPayload,
> {
  /** Unique id (UUIDv7); consumers de-duplicate on it. */
  readonly id: string;
  /** `<context>.<EventName>`, e.g. `consultations.DemoPingRecorded`. */
  readonly type: TType;
  /** Schema version of `payload`; a breaking change adds a new version, never edits an old one. */
  readonly version: number;
  /** ISO-8601 UTC time at which the change happened. */
  readonly occurredAt: string;
  /** Id of the aggregate the event is about. Delivery is unordered: consumers must not rely on order. */
  readonly aggregateId: string;
  /** The request or job that caused the event, for tracing across processes. */
  readonly correlationId: string | null;
  readonly payload: TPayload;
  /**
   * Who caused it and from where, filled by the outbox from the request context (the authenticated actor,
   * client IP, user agent). Null for system work (jobs, timers). Audit records it; consumers must not base
   * business decisions on it.
   */
  readonly meta?: EventMeta | null;
}

export interface EventMeta {
  readonly actorKind: 'staff' | 'patient' | 'integrator' | 'system' | null;
  readonly actorId: string | null;
  readonly roles: readonly string[];
  readonly organisationId: string | null;
  readonly regionId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** Describes one integration event type so publishers and consumers share name and version. */
export interface IntegrationEventDefinition<TType extends string, TPayload extends EventPayload> {
  readonly type: TType;
  readonly version: number;
  /** Phantom field: carries the payload type, never set at run time. */
  readonly _payload?: TPayload;
}

export function defineIntegrationEvent<TPayload extends EventPayload>() {
  return <TType extends string>(
    type: TType,
    version: number,
  ): IntegrationEventDefinition<TType, TPayload> => ({
    type,
    version,
  });
}

export type PayloadOf<D> = D extends IntegrationEventDefinition<string, infer P> ? P : never;
export type EventOf<D> =
  D extends IntegrationEventDefinition<infer T, infer P> ? IntegrationEvent<T, P> : never;
