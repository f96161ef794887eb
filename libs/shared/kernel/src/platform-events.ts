import { defineIntegrationEvent, type EventOf } from './integration-event';

/**
 * Events every context may publish through shared infrastructure (not owned by one context).
 * `DataAccessed`: a read of patient data (card, document, download, export) — audit records one entry per
 * patient concerned; the actor, IP and user agent travel in the event's `meta`.
 */
export const DataAccessedV1 = defineIntegrationEvent<{
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly patientIds: readonly string[];
  readonly action: 'read' | 'export' | 'download';
  readonly path: string;
}>()('platform.DataAccessed', 1);
export type DataAccessedV1 = EventOf<typeof DataAccessedV1>;
