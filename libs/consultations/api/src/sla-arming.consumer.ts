import { Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { IntegrationEventConsumer, type IntegrationEventHandler } from '@tmk/shared-infrastructure';
import {
  AdditionalDataProvidedV1,
  ConsultationAssignedV1,
  ConsultationEscalatedV1,
  ConsultationReassignedV1,
  ConsultationRequestedV1,
  ConsultationResubmittedV1,
  ConsultationTakenIntoWorkV1,
  OralConclusionRecordedV1,
} from '@tmk/consultations-contracts';
import { SlaTimers } from '@tmk/consultations-application';

/** The steps after which a request's deadline may have changed (or its clock restarted). */
const ARMING_EVENTS = [
  ConsultationRequestedV1,
  ConsultationAssignedV1,
  ConsultationReassignedV1,
  ConsultationEscalatedV1,
  ConsultationResubmittedV1,
  ConsultationTakenIntoWorkV1,
  AdditionalDataProvidedV1,
  OralConclusionRecordedV1,
];

/**
 * Arms the deadline timers of a request after a step that sets or moves its deadline. The payload carries
 * `dueAt` only and events arrive in any order, so the request's current `warn_at`/`due_at` are read from the
 * database; arming is idempotent (deterministic job ids), which is what makes redelivery harmless.
 */
@Injectable()
@IntegrationEventConsumer()
export class SlaArmingConsumer implements IntegrationEventHandler {
  readonly consumer = 'consultations-sla';
  readonly eventTypes = ARMING_EVENTS.map((e) => e.type);

  constructor(private readonly timers: SlaTimers) {}

  async handle(event: IntegrationEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(events: readonly IntegrationEvent[]): Promise<void> {
    const ids = events.filter((e) => e.version === 1).map((e) => e.aggregateId);
    await this.timers.armRequests(ids);
  }
}
