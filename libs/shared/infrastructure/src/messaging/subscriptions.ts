import type { EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';

/**
 * A consumer of integration events. `handle` runs inside the transaction that also records the event id
 * in the inbox, so its database effects happen exactly once even though delivery is at-least-once.
 * Effects outside the database (e-mail, webhooks) must be idempotent on `event.id` themselves.
 */
export interface IntegrationEventHandler {
  /** Consumer group, e.g. `audit`; one queue and one inbox namespace per consumer. */
  readonly consumer: string;
  /** Event types (`context.EventName`) this handler wants; `'*'` means every type (audit). */
  readonly eventTypes: readonly string[];
  handle(event: IntegrationEvent, em: EntityManager): Promise<void>;
  /**
   * Optional: takes every new event of a delivered batch at once (same transaction, same guarantees), for
   * handlers that write in bulk. When present it is used instead of `handle`.
   */
  handleBatch?(events: readonly IntegrationEvent[], em: EntityManager): Promise<void>;
}

export const ALL_EVENT_TYPES = '*';

export function wantsEvent(handler: Pick<IntegrationEventHandler, 'eventTypes'>, type: string): boolean {
  return handler.eventTypes.includes(type) || handler.eventTypes.includes(ALL_EVENT_TYPES);
}

/** Which consumers want which event types; the relay fans each event out to their queues. */
export class EventSubscriptions {
  private readonly byType = new Map<string, Set<string>>();

  constructor(handlers: readonly Pick<IntegrationEventHandler, 'consumer' | 'eventTypes'>[] = []) {
    for (const h of handlers) this.add(h.consumer, h.eventTypes);
  }

  add(consumer: string, eventTypes: readonly string[]): void {
    for (const type of eventTypes) {
      const set = this.byType.get(type) ?? new Set<string>();
      set.add(consumer);
      this.byType.set(type, set);
    }
  }

  consumersOf(type: string): readonly string[] {
    const exact = this.byType.get(type);
    const all = this.byType.get(ALL_EVENT_TYPES);
    if (!all) return [...(exact ?? [])];
    return [...new Set([...(exact ?? []), ...all])];
  }
}
