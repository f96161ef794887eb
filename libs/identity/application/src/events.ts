import {
  newId,
  type Clock,
  type EventPayload,
  type IntegrationEvent,
  type IntegrationEventDefinition,
} from '@tmk/shared-kernel';

/** Builds an integration event; the outbox fills the correlation id from the request context. */
export function integrationEvent<T extends string, P extends EventPayload>(
  definition: IntegrationEventDefinition<T, P>,
  aggregateId: string,
  payload: P,
  clock: Clock,
): IntegrationEvent<T, P> {
  return {
    id: newId(),
    type: definition.type,
    version: definition.version,
    occurredAt: clock.now().toISOString(),
    aggregateId,
    correlationId: null,
    payload,
  };
}
