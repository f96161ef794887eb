import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { IntegrationEventConsumer, type IntegrationEventHandler } from '@tmk/shared-infrastructure';
import { DemoPingRecordedV1 } from '@tmk/consultations-contracts';
import { EventLogStore } from '@tmk/audit-infrastructure';

/** Stores every integration event audit subscribes to in its event log. */
@Injectable()
@IntegrationEventConsumer()
export class EventLogConsumer implements IntegrationEventHandler {
  readonly consumer = 'audit';
  readonly eventTypes = [DemoPingRecordedV1.type];

  constructor(private readonly store: EventLogStore) {}

  handle(event: IntegrationEvent, em: EntityManager): Promise<void> {
    return this.store.append(em, event);
  }
}
