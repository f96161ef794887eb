import { defineIntegrationEvent, type Actor, type EventOf } from '@tmk/shared-kernel';

/**
 * Integration events published by the consultations context. Primitives only; versions never change in place.
 */

/** The thin slice that proves the backbone end to end (foundation issue); real request events follow. */
export const DemoPingRecordedV1 = defineIntegrationEvent<{
  readonly pingId: string;
  readonly message: string;
}>()('consultations.DemoPingRecorded', 1);
export type DemoPingRecordedV1 = EventOf<typeof DemoPingRecordedV1>;

/**
 * The life of a doctor–doctor request, one event type per step (issue "consultations", item 10). All share
 * one payload shape: where the request is now and what changed; `details` carries step-specific values
 * (reason, question, centre, consultant…) as strings.
 */
export interface RequestEventPayload {
  readonly [key: string]:
    string | number | boolean | null | Readonly<Record<string, string | number | boolean | null>>;
  readonly requestId: string;
  readonly number: string | null;
  readonly regionId: string;
  readonly level: string;
  readonly urgency: string;
  readonly profileCode: string;
  readonly patientId: string;
  readonly requesterId: string;
  readonly centreId: string | null;
  readonly consultantId: string | null;
  readonly from: string;
  readonly to: string;
  readonly byUserId: string;
  readonly dueAt: string | null;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

const requestEvent = (name: string) =>
  defineIntegrationEvent<RequestEventPayload>()(`consultations.${name}`, 1);

export const ConsultationRequestedV1 = requestEvent('ConsultationRequested');
export const ConsultationAssignedV1 = requestEvent('ConsultationAssigned');
export const ConsultationReassignedV1 = requestEvent('ConsultationReassigned');
export const ConsultationEscalatedV1 = requestEvent('ConsultationEscalated');
export const ConsultationReturnedV1 = requestEvent('ConsultationReturned');
export const ConsultationResubmittedV1 = requestEvent('ConsultationResubmitted');
export const ConsultationTakenIntoWorkV1 = requestEvent('ConsultationTakenIntoWork');
export const AdditionalDataRequestedV1 = requestEvent('AdditionalDataRequested');
export const AdditionalDataProvidedV1 = requestEvent('AdditionalDataProvided');
export const OralConclusionRecordedV1 = requestEvent('OralConclusionRecorded');
export const ConclusionSubmittedV1 = requestEvent('ConclusionSubmitted');
export const ConsultationClosedV1 = requestEvent('ConsultationClosed');
export const ConsultationCancelledV1 = requestEvent('ConsultationCancelled');
export const ConsultationRejectedV1 = requestEvent('ConsultationRejected');
export const SlaWarningV1 = requestEvent('SlaWarning');
export const SlaBreachedV1 = requestEvent('SlaBreached');

/** Domain action → the integration event it publishes. */
export const REQUEST_EVENT_OF_ACTION = {
  submit: ConsultationRequestedV1,
  assign: ConsultationAssignedV1,
  reassign: ConsultationReassignedV1,
  escalate: ConsultationEscalatedV1,
  returnForClarification: ConsultationReturnedV1,
  resubmit: ConsultationResubmittedV1,
  takeIntoWork: ConsultationTakenIntoWorkV1,
  requestAdditionalData: AdditionalDataRequestedV1,
  provideAdditionalData: AdditionalDataProvidedV1,
  recordOralConclusion: OralConclusionRecordedV1,
  submitConclusion: ConclusionSubmittedV1,
  close: ConsultationClosedV1,
  cancel: ConsultationCancelledV1,
  reject: ConsultationRejectedV1,
  slaWarning: SlaWarningV1,
  slaBreached: SlaBreachedV1,
} as const;

/** Who may be told about a request's change (the realtime channel), as published to the SPAs. */
export const REQUEST_CHANGED_CHANNEL = 'tmk:consultations:changed';

// ── Documents for signing (published query contract) ──────────────────────────────────────────────────

/** A party of the conclusion as printed: an organisation, or a person with a position. */
export interface ConclusionPartyV1 {
  readonly organisation: string;
  readonly unit: string | null;
  readonly person: string;
  readonly position: string | null;
}

/**
 * A submitted conclusion, with what the printed document needs (names as snapshotted by the request), in
 * primitives. Dates are ISO-8601 strings; `birthDate` is a calendar date (YYYY-MM-DD).
 */
export interface ConclusionForSigningV1 {
  readonly requestId: string;
  readonly requestNumber: string;
  readonly template: string;
  readonly urgency: 'PLANNED' | 'URGENT' | 'EMERGENCY';
  readonly profileCode: string;
  readonly receivedAt: string;
  readonly submittedAt: string;
  /** Of the consulting organisation: dates are printed there. */
  readonly timeZone: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly patientBirthDate: string | null;
  readonly requesting: ConclusionPartyV1;
  readonly consulting: ConclusionPartyV1;
  readonly question: string;
  readonly anamnesisSummary: string;
  readonly mainDiagnosis: { readonly code: string; readonly text: string } | null;
  readonly concomitantDiagnoses: readonly { readonly code: string; readonly text: string }[];
  readonly conclusion: string;
  readonly recommendations: string;
  readonly additionalRecommendations: string;
  readonly inPersonVisit: 'NOT_NEEDED' | 'VISIT' | 'TRANSFER';
  readonly attachmentNames: readonly string[];
  /** The author (the request's consultant): the signature that makes the document legally significant. */
  readonly authorId: string;
  /** Consilium members, who may add their signatures. */
  readonly consiliumMemberIds: readonly string[];
}

/** What an actor may do with a request's documents; null from `access` means no relation at all (404). */
export interface ConsultationDocumentAccessV1 {
  readonly requestId: string;
  readonly patientId: string;
  /** May download the documents and their signatures. */
  readonly read: boolean;
  /** May sign: the author (AUTHOR) or a consilium member (CONSILIUM); null: may not sign. */
  readonly signAs: 'AUTHOR' | 'CONSILIUM' | null;
}

/**
 * Implemented by consultations, used by signing (inject with `CONSULTATION_DOCUMENTS`): the submitted
 * conclusion to render and sign, and who may see or sign it — signing keeps no copy of the request's
 * relations and never reads consultations' tables.
 */
export interface ConsultationDocumentsV1 {
  /** The conclusion once submitted (status SUBMITTED or SIGNED); null before that or for no such request. */
  conclusion(requestId: string): Promise<ConclusionForSigningV1 | null>;
  access(actor: Actor, requestId: string): Promise<ConsultationDocumentAccessV1 | null>;
}

export const CONSULTATION_DOCUMENTS = 'consultations:documents';
