import type {
  ConsultationCentre,
  RequestHistoryEntry,
  RequestStatus,
  Urgency,
  components,
} from '@tmk/web-api-client';

/** The consultations API's shapes (shared names from the api client) plus the coordination centre's own. */
type Schemas = components['schemas'];

export type {
  ChatMessage,
  RequestDetail,
  RequestListItem,
  RequestStatus,
  RequestView,
  SlaState,
  Urgency,
} from '@tmk/web-api-client';
export type RequestLevel = Schemas['RequestViewDto']['level'];
export type HistoryEntry = RequestHistoryEntry;
export type Centre = ConsultationCentre;
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
