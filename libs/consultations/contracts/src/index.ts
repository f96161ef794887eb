import { defineIntegrationEvent, type EventOf } from '@tmk/shared-kernel';

/**
 * Integration events published by the consultations context. Primitives only; versions never change in place.
 */

/** The thin slice that proves the backbone end to end (foundation issue); real request events follow. */
export const DemoPingRecordedV1 = defineIntegrationEvent<{
  readonly pingId: string;
  readonly message: string;
}>()('consultations.DemoPingRecorded', 1);
export type DemoPingRecordedV1 = EventOf<typeof DemoPingRecordedV1>;
