import type { components } from '@tmk/web-api-client';

/** Short names for the consultations API's shapes the coordination centre uses (generated schema). */
type Schemas = components['schemas'];

export type Urgency = Schemas['Urgency'];
export type RequestStatus = Schemas['RequestStatus'];
export type SlaState = Schemas['SlaState'];
export type RequestLevel = Schemas['RequestViewDto']['level'];
export type RequestListItem = Schemas['RequestListItemDto'];
export type RequestView = Schemas['RequestViewDto'];
export type RequestDetail = Schemas['RequestDetailDto'];
export type HistoryEntry = Schemas['HistoryEntryDto'];
export type ChatMessage = Schemas['ChatMessageDto'];
export type Centre = Schemas['CentreDto'];
export type Dashboard = Schemas['DashboardDto'];
export type KeyCount = Schemas['KeyCountDto'];
export type DayCount = Schemas['DayCountDto'];

/** Forms of care, most pressing first (the order of filters and counters). */
export const URGENCIES: readonly Urgency[] = ['EMERGENCY', 'URGENT', 'PLANNED'];

/** Every status, in the order of a request's life. */
export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'DRAFT',
  'NEW',
  'RETURNED',
  'ASSIGNED',
  'IN_WORK',
  'AWAITING_DATA',
  'CONCLUSION_SUBMITTED',
  'CLOSED',
  'REJECTED',
  'CANCELLED',
];

/** Journal and dashboard: «deadline met / missed». */
export type DeadlineFilter = 'MET' | 'MISSED';
