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
  /** Event types (`context.EventName`) this handler wants. */
  readonly eventTypes: readonly string[];
  handle(event: IntegrationEvent, em: EntityManager): Promise<void>;
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
    return [...(this.byType.get(type) ?? [])];
  }
}
