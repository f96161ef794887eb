import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@tmk/shared-kernel';
import {
  CONSULTATION_REQUEST_REPOSITORY,
  type ConsultationRequestRepository,
} from '@tmk/consultations-domain';
import { notifyChange, requestIntegrationEvents } from './request-events';
import { CONCLUSION_STORE, REQUEST_NOTIFIER, type ConclusionStore, type RequestNotifier } from './ports';

/**
 * The hand-off back from signing: when signing reports DocumentSigned for a request's conclusion, the
 * request closes (issue "consultations" item 6). Runs in the worker; idempotent (a repeated or late event
 * finds the request closed already and changes nothing).
 */
@Injectable()
export class RequestClosingService {
  constructor(
    @Inject(CONSULTATION_REQUEST_REPOSITORY) private readonly requests: ConsultationRequestRepository,
    @Inject(CONCLUSION_STORE) private readonly conclusions: ConclusionStore,
    @Inject(REQUEST_NOTIFIER) private readonly notifier: RequestNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async conclusionSigned(requestId: string, signedAt: Date): Promise<boolean> {
    const request = await this.requests.findById(requestId);
    if (!request || request.snapshot.status !== 'CONCLUSION_SUBMITTED') return false;
    request.close('signing', signedAt);
    const events = requestIntegrationEvents(request.snapshot, request.pendingEvents, this.clock);
    await this.requests.save(request, events, (tx) =>
      this.conclusions.setStatus(tx, requestId, 'SIGNED', signedAt),
    );
    await notifyChange(this.notifier, request.snapshot, 'close');
    return true;
  }
}
