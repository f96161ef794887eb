import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId, type IntegrationEvent } from '@tmk/shared-kernel';
import {
  ALL_EVENT_TYPES,
  IntegrationEventConsumer,
  type IntegrationEventHandler,
} from '@tmk/shared-infrastructure';
import { toAuditDrafts } from '@tmk/audit-application';
import { AuditRecordStore } from '@tmk/audit-infrastructure';

/**
 * Every integration event of every context becomes audit records, in batches: one chain-head lock and one
 * INSERT per delivered batch, inside the inbox transaction (exactly once per event).
 */
@Injectable()
@IntegrationEventConsumer()
export class AuditRecordConsumer implements IntegrationEventHandler {
  readonly consumer = 'audit-trail';
  readonly eventTypes = [ALL_EVENT_TYPES];

  constructor(private readonly store: AuditRecordStore) {}

  async handle(event: IntegrationEvent, em: EntityManager): Promise<void> {
    await this.handleBatch([event], em);
  }

  async handleBatch(events: readonly IntegrationEvent[], em: EntityManager): Promise<void> {
    await this.store.append(
      em,
      events.flatMap((e) => toAuditDrafts(e, newId)),
    );
  }
}
