import type { Actor } from '@tmk/shared-kernel';
import type {
  DeadlineRuleSet,
  ProductionCalendar,
  RequestContent,
  RequestState,
  RequestStatus,
  SlaState,
  Urgency,
} from '@tmk/consultations-domain';

/** Ports of the consultations application layer; SQL/Redis adapters live in consultations-infrastructure. */

export interface RequestListItem {
  readonly id: string;
  readonly number: string | null;
  readonly status: RequestStatus;
  readonly level: RequestState['level'];
  readonly urgency: Urgency;
  readonly mode: RequestState['mode'];
  readonly profileCode: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly patientBirthDate: string | null;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly requesterOrganisationName: string;
  readonly centreId: string | null;
  readonly centreName: string | null;
  readonly consultantId: string | null;
  readonly consultantName: string | null;
  readonly question: string;
  readonly receivedAt: Date | null;
  readonly dueAt: Date | null;
  readonly warnAt: Date | null;
  /** While waiting for additional data with the clock paused. */
  readonly pausedAt: Date | null;
  readonly slaState: SlaState;
  readonly answeredAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const INBOX_BOXES = ['NEW', 'IN_WORK', 'CLOSED', 'OVERDUE'] as const;
export type InboxBox = (typeof INBOX_BOXES)[number];
export const MINE_BOXES = ['DRAFT', 'OPEN', 'CLOSED', 'OVERDUE'] as const;
export type MineBox = (typeof MINE_BOXES)[number];

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface HistoryEntry {
  readonly at: Date;
  readonly action: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly byUserId: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface QueueFilter {
  /** The region's queue, or the federal one (null). */
  readonly regionId: string | null;
  readonly urgency?: Urgency;
  readonly profileCode?: string;
}

export interface JournalFilter {
  readonly regionId: string | null;
  /** Federal administrators see every region. */
  readonly allRegions: boolean;
  readonly from?: Date;
  readonly to?: Date;
  readonly organisationId?: string;
  readonly profileCode?: string;
  readonly urgency?: Urgency;
  readonly status?: RequestStatus;
  readonly deadline?: 'MET' | 'MISSED';
}

export interface DashboardCounts {
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byUrgency: Readonly<Record<string, number>>;
  readonly onTime: readonly {
    readonly key: string;
    readonly name: string;
    readonly answered: number;
    readonly onTime: number;
  }[];
  readonly byProfile: readonly { readonly key: string; readonly answered: number; readonly onTime: number }[];
  readonly byDay: readonly {
    readonly day: string;
    readonly received: number;
    readonly answered: number;
    readonly onTime: number;
  }[];
}

export interface RequestQueries {
  inbox(
    consultant: { userId: string; organisationId: string | null },
    box: InboxBox,
    limit: number,
    offset: number,
  ): Promise<Page<RequestListItem>>;
  inboxCounts(consultant: {
    userId: string;
    organisationId: string | null;
  }): Promise<Readonly<Record<InboxBox, number>>>;
  mine(requesterId: string, box: MineBox, limit: number, offset: number): Promise<Page<RequestListItem>>;
  /** Open requests of a dispatcher queue: unassigned first, by deadline. */
  queue(filter: QueueFilter): Promise<RequestListItem[]>;
  history(requestId: string): Promise<HistoryEntry[]>;
  journal(filter: JournalFilter, limit: number, offset: number): Promise<Page<RequestListItem>>;
  /** Every journal row, in batches, without holding them all in memory. */
  journalRows(filter: JournalFilter): AsyncIterable<RequestListItem[]>;
  dashboard(filter: JournalFilter): Promise<DashboardCounts>;
  /** Requests of an integrator's organisation, by id (status reading for МИС). */
  byIds(ids: readonly string[]): Promise<RequestListItem[]>;
}
export const REQUEST_QUERIES = Symbol('RequestQueries');

export type MessageKind = 'MESSAGE' | 'DATA_REQUEST' | 'DATA_ANSWER' | 'SYSTEM';

export interface ChatMessage {
  readonly id: string;
  readonly requestId: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly authorRole: string;
  readonly body: string;
  readonly kind: MessageKind;
  readonly createdAt: Date;
  readonly attachmentIds: readonly string[];
}

export interface ChatStore {
  list(requestId: string): Promise<ChatMessage[]>;
  /** `tx`: the transaction handle a repository passes to `within` (same commit as the request change). */
  add(
    message: Omit<ChatMessage, 'attachmentIds'>,
    attachmentIds: readonly string[],
    tx?: unknown,
  ): Promise<void>;
}
export const CHAT_STORE = Symbol('ChatStore');

/** The conclusion (заключение), domain.md §3: fields of the default template. */
export interface ConclusionContent {
  readonly anamnesisSummary: string;
  readonly mainDiagnosis: { readonly code: string; readonly text: string } | null;
  readonly concomitantDiagnoses: readonly { readonly code: string; readonly text: string }[];
  readonly conclusion: string;
  readonly recommendations: string;
  readonly additionalRecommendations: string;
  readonly inPersonVisit: 'NOT_NEEDED' | 'VISIT' | 'TRANSFER';
  readonly attachmentIds: readonly string[];
}

export interface ConclusionRecord {
  readonly requestId: string;
  readonly template: string;
  readonly content: ConclusionContent;
  readonly status: 'DRAFT' | 'SUBMITTED' | 'SIGNED';
  readonly authorId: string;
  readonly submittedAt: Date | null;
  readonly signedAt: Date | null;
  readonly version: number;
}

export interface ConclusionStore {
  find(requestId: string): Promise<ConclusionRecord | null>;
  /** Insert or update a draft; `expectedVersion` guards concurrent edits (409 on mismatch). */
  saveDraft(
    record: Omit<ConclusionRecord, 'version'>,
    expectedVersion: number | null,
  ): Promise<ConclusionRecord>;
  setStatus(tx: unknown, requestId: string, status: 'SUBMITTED' | 'SIGNED', at: Date): Promise<void>;
}
export const CONCLUSION_STORE = Symbol('ConclusionStore');

export interface ConsiliumMember {
  readonly consultantId: string;
  readonly name: string;
  readonly invitedBy: string;
  readonly invitedAt: Date;
  readonly opinion: string | null;
  readonly opinionAt: Date | null;
}

export interface ConsiliumStore {
  list(requestId: string): Promise<ConsiliumMember[]>;
  invite(requestId: string, member: Omit<ConsiliumMember, 'opinion' | 'opinionAt'>): Promise<boolean>;
  opinion(requestId: string, consultantId: string, text: string, at: Date): Promise<void>;
}
export const CONSILIUM_STORE = Symbol('ConsiliumStore');

export interface IdempotencyStore {
  find(clientId: string, key: string): Promise<{ bodySha256: string; requestId: string } | null>;
  remember(tx: unknown, clientId: string, key: string, bodySha256: string, requestId: string): Promise<void>;
}
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');

/** The deadline rules in force for a region at a moment, and the production calendar (with corrections). */
export interface DeadlinePolicy {
  rulesFor(regionId: string, at: Date): Promise<DeadlineRuleSet>;
  calendar(regionId: string | null): Promise<ProductionCalendar>;
}

export interface RuleSetVersion {
  readonly rules: DeadlineRuleSet;
  readonly createdAt: Date;
  readonly createdBy: string | null;
}

export interface CalendarCorrection {
  readonly scope: 'RU' | 'REGION';
  readonly date: string;
  readonly working: boolean;
  readonly note: string;
  readonly changedAt: Date;
}

/** Administration of deadlines: rule set versions per region and calendar corrections. */
export interface DeadlineAdminStore {
  /** Versions of the region's own rule set (or the nationwide one for null), newest first. */
  versions(regionId: string | null): Promise<RuleSetVersion[]>;
  /** Appends a version; 409 CONSULTATIONS.STALE_RULES if `expectedVersion` is not the newest. */
  publish(
    regionId: string | null,
    rules: Omit<DeadlineRuleSet, 'id' | 'version' | 'regionId'>,
    expectedVersion: number,
    by: string,
  ): Promise<DeadlineRuleSet>;
  corrections(regionId: string | null, year: number): Promise<CalendarCorrection[]>;
  correct(regionId: string | null, date: string, working: boolean, note: string, by: string): Promise<void>;
  removeCorrection(regionId: string | null, date: string): Promise<boolean>;
}
export const DEADLINE_ADMIN_STORE = Symbol('DeadlineAdminStore');
export const DEADLINE_POLICY = Symbol('DeadlinePolicy');

/** What a change looks like to the realtime channel: identifiers and status only, never clinical data. */
export interface RequestChange {
  readonly requestId: string;
  readonly number: string | null;
  readonly status: RequestStatus;
  readonly level: RequestState['level'];
  readonly urgency: Urgency;
  readonly regionId: string;
  readonly requesterId: string;
  readonly centreId: string | null;
  readonly consultantId: string | null;
  readonly slaState: SlaState;
  readonly action: string;
}

export interface RequestNotifier {
  changed(change: RequestChange): Promise<void>;
}
export const REQUEST_NOTIFIER = Symbol('RequestNotifier');

export type { Actor, RequestContent, RequestState };
/** The domain's vocabularies the api layer needs for its DTOs. */
export { REQUEST_STATUSES, URGENCIES } from '@tmk/consultations-domain';
