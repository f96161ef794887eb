import type { components } from './schema';

/** Short names for the consultations API's shapes (doctor–doctor requests), generated from the OpenAPI document. */
type Schemas = components['schemas'];

export type Urgency = Schemas['Urgency'];
export type RequestMode = Schemas['RequestMode'];
export type RequestStatus = Schemas['RequestStatus'];
export type RequestRelation = Schemas['RequestRelation'];
export type SlaState = Schemas['SlaState'];
export type RequestContent = Schemas['RequestContentDto'];
export type RequestView = Schemas['RequestViewDto'];
export type RequestListItem = Schemas['RequestListItemDto'];
export type RequestPage = Schemas['RequestPageDto'];
export type RequestDetail = Schemas['RequestDetailDto'];
export type RequestHistoryEntry = Schemas['HistoryEntryDto'];
export type NewRequest = Schemas['NewRequestDto'];
export type EditDraft = Schemas['EditDraftDto'];
export type InboxCounts = Schemas['InboxCountsDto'];
export type ConsultationCentre = Schemas['CentreDto'];
export type CentreConsultant = Schemas['ConsultantDto'];
export type ChatMessage = Schemas['ChatMessageDto'];
export type Conclusion = Schemas['ConclusionDto'];
export type ConclusionContent = Schemas['ConclusionContentDto'];
export type Diagnosis = Schemas['DiagnosisDto'];
export type ConsiliumMember = Schemas['ConsiliumMemberDto'];
/** One МКБ-10 rubric of `GET /consultations/dictionaries/icd10?q=`: `{ code: 'I20.0', name: 'Нестабильная стенокардия' }`. */
export type Icd10Entry = Schemas['DictionaryItemDto'];

/** The lists of a consultant (`GET /consultations/inbox?box=`). */
export type InboxBox = keyof InboxCounts;
/** The lists of a requesting doctor (`GET /consultations/requests?box=`). */
export type MineBox = 'DRAFT' | 'OPEN' | 'CLOSED' | 'OVERDUE';

/** МКБ-10 code as the api accepts it: a letter, two digits, optionally a dot and one or two digits (I20.0). */
export const ICD10_CODE = /^[A-Z]\d{2}(\.\d{1,2})?$/;

export { isUploadCancelled } from './consultation-attachments';
