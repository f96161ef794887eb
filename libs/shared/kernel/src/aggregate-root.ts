/** Base for aggregates: state changes only through intention-revealing methods that record domain events. */
export interface DomainEvent {
  readonly name: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
}

export abstract class AggregateRoot<TEvent extends DomainEvent = DomainEvent> {
  private pending: TEvent[] = [];

  protected record(event: TEvent): void {
    this.pending.push(event);
  }

  /** The events recorded since the last pull, without forgetting them (to derive integration events). */
  get pendingEvents(): readonly TEvent[] {
    return [...this.pending];
  }

  /** Returns and forgets the events recorded since the last call (the repository publishes them). */
  pullEvents(): TEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
