import { Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { IntegrationEventConsumer, type IntegrationEventHandler } from '@tmk/shared-infrastructure';
import { DocumentSignedV1 } from '@tmk/signing-contracts';
import { RequestClosingService } from '@tmk/consultations-application';

/** Signing accepted the signature of a conclusion: its request closes. */
@Injectable()
@IntegrationEventConsumer()
export class DocumentSignedConsumer implements IntegrationEventHandler {
  readonly consumer = 'consultations-signing';
  readonly eventTypes = [DocumentSignedV1.type];

  constructor(private readonly closing: RequestClosingService) {}

  async handle(event: IntegrationEvent): Promise<void> {
    const e = event as DocumentSignedV1;
    if (e.payload.subjectType !== 'consultation-conclusion') return;
    await this.closing.conclusionSigned(e.payload.subjectId, new Date(e.payload.signedAt));
  }
}
