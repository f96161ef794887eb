import type { IntegrationEvent } from '@tmk/shared-kernel';
import type { ConsultationRequest } from './consultation-request';

/** Port: requests, their history and the integration events of a change, written in one transaction. */
export interface ConsultationRequestRepository {
  /** The next human-readable number, unique per region and year: `<region code>-<year>-<000001>`. */
  nextNumber(regionId: string, regionCode: string, year: number): Promise<string>;
  /** `within` runs in the same transaction (e.g. recording an idempotency key), after the request rows. */
  insert(
    request: ConsultationRequest,
    events: readonly IntegrationEvent[],
    options?: { source?: 'UI' | 'API'; within?: (tx: unknown) => Promise<void> },
  ): Promise<void>;
  /**
   * Saves a changed request if nobody changed it since it was loaded (`version`); otherwise throws
   * `409 CONSULTATIONS.CONCURRENT_CHANGE` carrying the current state. History rows come from the
   * aggregate's pending events.
   */
  save(
    request: ConsultationRequest,
    events: readonly IntegrationEvent[],
    within?: (tx: unknown) => Promise<void>,
  ): Promise<void>;
  findById(id: string): Promise<ConsultationRequest | null>;
}

export const CONSULTATION_REQUEST_REPOSITORY = Symbol('ConsultationRequestRepository');
