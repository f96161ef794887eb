import { AggregateRoot, DomainError, type DomainEvent } from '@tmk/shared-kernel';
import type { Urgency } from '../deadlines/deadline-rules';

/**
 * The doctor–doctor consultation request (обращение), its life as a state machine (domain.md §3, [001][003]
 * [004]): draft → new (registered, number, receivedAt/dueAt) → assigned → in work ⇄ awaiting data →
 * conclusion submitted → closed (when signed); returned for clarification, rejected or cancelled on the way;
 * escalated to the federal level keeping its history.
 */
export const REQUEST_STATUSES = [
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
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type RequestLevel = 'REGIONAL' | 'FEDERAL';
export type RequestMode = 'REAL_TIME' | 'DEFERRED';

export type RequestAction =
  | 'submit'
  | 'assign'
  | 'reassign'
  | 'escalate'
  | 'returnForClarification'
  | 'resubmit'
  | 'reject'
  | 'takeIntoWork'
  | 'requestAdditionalData'
  | 'provideAdditionalData'
  | 'recordOralConclusion'
  | 'submitConclusion'
  | 'close'
  | 'cancel';

/** Which action is allowed from which status (everything else is refused). */
export const TRANSITIONS: Readonly<
  Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus | null }>
> = {
  submit: { from: ['DRAFT'], to: 'NEW' },
  assign: { from: ['NEW'], to: 'ASSIGNED' },
  reassign: { from: ['ASSIGNED', 'IN_WORK'], to: 'ASSIGNED' },
  escalate: { from: ['NEW', 'ASSIGNED'], to: 'NEW' },
  returnForClarification: { from: ['NEW', 'ASSIGNED'], to: 'RETURNED' },
  resubmit: { from: ['RETURNED'], to: 'NEW' },
  reject: { from: ['NEW', 'ASSIGNED', 'IN_WORK'], to: 'REJECTED' },
  takeIntoWork: { from: ['ASSIGNED'], to: 'IN_WORK' },
  requestAdditionalData: { from: ['IN_WORK'], to: 'AWAITING_DATA' },
  provideAdditionalData: { from: ['AWAITING_DATA'], to: 'IN_WORK' },
  recordOralConclusion: { from: ['IN_WORK'], to: null },
  submitConclusion: { from: ['IN_WORK'], to: 'CONCLUSION_SUBMITTED' },
  close: { from: ['CONCLUSION_SUBMITTED'], to: 'CLOSED' },
  cancel: { from: ['DRAFT', 'NEW', 'RETURNED', 'ASSIGNED', 'AWAITING_DATA'], to: 'CANCELLED' },
};

export const OPEN_STATUSES: readonly RequestStatus[] = [
  'NEW',
  'RETURNED',
  'ASSIGNED',
  'IN_WORK',
  'AWAITING_DATA',
  'CONCLUSION_SUBMITTED',
];

export function canApply(action: RequestAction, status: RequestStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export interface RequestEvent extends DomainEvent {
  readonly name: string;
  readonly from: RequestStatus;
  readonly to: RequestStatus;
  readonly byUserId: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** What the requesting doctor writes (domain.md §3 "Request contents"). */
export interface RequestContent {
  readonly question: string;
  readonly reason: string;
  readonly diagnosisCode: string | null;
  readonly anamnesis: string;
  readonly complaints: string;
  readonly examination: string;
  readonly consent: 'GIVEN' | 'EMERGENCY_WITHOUT_CONSENT';
  readonly consentReason: string | null;
}

/** Who the parties are, as shown in lists and the journal (a snapshot taken when they join the request). */
export interface RequestLabels {
  readonly patientName: string;
  readonly patientBirthDate: string | null;
  readonly requesterName: string;
  readonly requesterOrganisationName: string;
  readonly centreName: string | null;
  readonly consultantName: string | null;
}

export type SlaState = 'ON_TIME' | 'WARNING' | 'BREACHED';

/** A centre and, optionally, one of its consultants, with their names. */
export interface Assignee {
  readonly centreId: string;
  readonly centreName: string;
  readonly consultantId: string | null;
  readonly consultantName: string | null;
}

export interface RequestState {
  readonly id: string;
  readonly labels: RequestLabels;
  readonly content: RequestContent;
  readonly status: RequestStatus;
  readonly level: RequestLevel;
  readonly urgency: Urgency;
  readonly mode: RequestMode;
  readonly regionId: string;
  readonly requesterId: string;
  readonly requesterOrganisationId: string;
  readonly patientId: string;
  readonly profileCode: string;
  readonly centreId: string | null;
  readonly consultantId: string | null;
  readonly number: string | null;
  readonly receivedAt: Date | null;
  readonly dueAt: Date | null;
  readonly oralConclusionAt: Date | null;
  readonly pausedAt: Date | null;
  /** When the warning fires (a share of the time to `dueAt`, from the deadline rules). */
  readonly warnAt: Date | null;
  readonly slaState: SlaState;
  /** When the answer came: the oral conclusion (emergency) or the submitted conclusion. */
  readonly answeredAt: Date | null;
  readonly closedAt: Date | null;
  readonly version: number;
}

export class ConsultationRequest extends AggregateRoot<RequestEvent> {
  private constructor(private state: RequestState) {
    super();
  }

  static draft(
    init: Omit<
      RequestState,
      | 'status'
      | 'level'
      | 'number'
      | 'receivedAt'
      | 'dueAt'
      | 'oralConclusionAt'
      | 'pausedAt'
      | 'warnAt'
      | 'slaState'
      | 'answeredAt'
      | 'closedAt'
      | 'version'
    >,
  ): ConsultationRequest {
    return new ConsultationRequest({
      ...init,
      status: 'DRAFT',
      level: 'REGIONAL',
      number: null,
      receivedAt: null,
      dueAt: null,
      oralConclusionAt: null,
      pausedAt: null,
      warnAt: null,
      slaState: 'ON_TIME',
      answeredAt: null,
      closedAt: null,
      version: 0,
    });
  }

  static restore(state: RequestState): ConsultationRequest {
    return new ConsultationRequest(state);
  }

  get snapshot(): RequestState {
    return this.state;
  }

  /** Refuses an action the current status does not allow (checked before who is acting). */
  private ensure(action: RequestAction): void {
    const from = this.state.status;
    if (!TRANSITIONS[action].from.includes(from)) {
      throw new DomainError(
        'CONSULTATIONS.INVALID_TRANSITION',
        'conflict',
        `Cannot ${action} a request that is ${from}`,
        [],
        { status: from, action },
      );
    }
  }

  private apply(
    action: RequestAction,
    byUserId: string,
    at: Date,
    patch: Partial<RequestState>,
    details: RequestEvent['details'] = {},
  ): void {
    this.ensure(action);
    const from = this.state.status;
    const to = TRANSITIONS[action].to ?? from;
    this.state = { ...this.state, ...patch, status: to };
    this.record({ name: action, aggregateId: this.state.id, occurredAt: at, from, to, byUserId, details });
  }

  /** Drafts may be edited by their author; a submitted request's content is fixed (amendments go to chat). */
  edit(by: string, content: RequestContent): void {
    this.requireRequester(by);
    if (this.state.status !== 'DRAFT' && this.state.status !== 'RETURNED') {
      throw DomainError.conflict(
        'CONSULTATIONS.NOT_EDITABLE',
        'Only drafts and returned requests can be edited',
      );
    }
    this.state = { ...this.state, content };
  }

  /** Draft routing and form may change until submission (the requester's choices on the form). */
  reroute(
    by: string,
    patch: Pick<RequestState, 'urgency' | 'mode' | 'profileCode' | 'centreId' | 'consultantId'> & {
      readonly centreName: string | null;
      readonly consultantName: string | null;
    },
  ): void {
    this.requireRequester(by);
    if (this.state.status !== 'DRAFT') {
      throw DomainError.conflict('CONSULTATIONS.NOT_EDITABLE', 'Only drafts can be re-routed');
    }
    const { centreName, consultantName, ...fields } = patch;
    this.state = { ...this.state, ...fields, labels: { ...this.state.labels, centreName, consultantName } };
  }

  submit(by: string, at: Date, registration: { number: string; dueAt: Date; warnAt: Date }): void {
    this.ensure('submit');
    const c = this.state.content;
    const missing = (['question', 'reason'] as const).filter((f) => c[f].trim().length === 0);
    if (
      c.consent === 'EMERGENCY_WITHOUT_CONSENT' &&
      (this.state.urgency !== 'EMERGENCY' || !c.consentReason?.trim())
    ) {
      throw DomainError.validation(
        'CONSULTATIONS.CONSENT_REQUIRED',
        'Without consent only in an emergency, with a reason',
        [
          {
            field: 'consent',
            code: 'CONSENT_REQUIRED',
            message: 'informed consent is required outside emergencies',
          },
        ],
      );
    }
    if (missing.length) {
      throw DomainError.validation(
        'CONSULTATIONS.INCOMPLETE',
        'The request lacks required fields',
        missing.map((field) => ({ field, code: 'REQUIRED', message: `${field} is required` })),
      );
    }
    if (this.state.consultantId || this.state.centreId) {
      // Routed directly by the requester: registered and assigned in one step.
      this.apply('submit', by, at, {
        receivedAt: at,
        number: registration.number,
        dueAt: registration.dueAt,
        warnAt: registration.warnAt,
      });
      this.apply(
        'assign',
        by,
        at,
        {},
        { centreId: this.state.centreId, consultantId: this.state.consultantId, direct: true },
      );
      return;
    }
    this.apply('submit', by, at, {
      receivedAt: at,
      number: registration.number,
      dueAt: registration.dueAt,
      warnAt: registration.warnAt,
    });
  }

  private assigneePatch(to: Assignee): Partial<RequestState> {
    return {
      centreId: to.centreId,
      consultantId: to.consultantId,
      labels: { ...this.state.labels, centreName: to.centreName, consultantName: to.consultantName },
    };
  }

  assign(by: string, at: Date, to: Assignee): void {
    this.apply('assign', by, at, this.assigneePatch(to), {
      centreId: to.centreId,
      consultantId: to.consultantId,
    });
  }

  reassign(by: string, at: Date, to: Assignee): void {
    this.apply('reassign', by, at, this.assigneePatch(to), {
      centreId: to.centreId,
      consultantId: to.consultantId,
    });
  }

  escalate(by: string, at: Date, reason: string): void {
    this.ensure('escalate');
    if (this.state.level === 'FEDERAL') {
      throw new DomainError(
        'CONSULTATIONS.ALREADY_FEDERAL',
        'conflict',
        'The request is already at the federal level',
      );
    }
    this.apply(
      'escalate',
      by,
      at,
      {
        level: 'FEDERAL',
        centreId: null,
        consultantId: null,
        labels: { ...this.state.labels, centreName: null, consultantName: null },
      },
      { reason },
    );
  }

  returnForClarification(by: string, at: Date, reason: string): void {
    this.apply('returnForClarification', by, at, {}, { reason });
  }

  resubmit(by: string, at: Date): void {
    this.ensure('resubmit');
    this.requireRequester(by);
    this.apply('resubmit', by, at, {
      centreId: null,
      consultantId: null,
      labels: { ...this.state.labels, centreName: null, consultantName: null },
    });
  }

  reject(by: string, at: Date, reason: string): void {
    this.ensure('reject');
    if (reason.trim().length < 3) {
      throw DomainError.validation('CONSULTATIONS.REASON_REQUIRED', 'A reason is required', [
        { field: 'reason', code: 'REQUIRED', message: 'A reason is required' },
      ]);
    }
    this.apply('reject', by, at, { closedAt: at }, { reason });
  }

  /** The assigned consultant, or any consultant of the assigned centre when no one is named, takes it. */
  takeIntoWork(by: string, at: Date, byName: string): void {
    this.ensure('takeIntoWork');
    if (this.state.consultantId && this.state.consultantId !== by) {
      throw DomainError.forbidden(
        'CONSULTATIONS.NOT_ASSIGNED',
        'The request is assigned to another consultant',
      );
    }
    this.apply('takeIntoWork', by, at, {
      consultantId: by,
      labels: { ...this.state.labels, consultantName: byName },
    });
  }

  requestAdditionalData(by: string, at: Date, question: string, pauseClock: boolean): void {
    this.ensure('requestAdditionalData');
    this.requireConsultant(by);
    this.apply('requestAdditionalData', by, at, { pausedAt: pauseClock ? at : null }, { question });
  }

  provideAdditionalData(by: string, at: Date): void {
    this.ensure('provideAdditionalData');
    this.requireRequester(by);
    const paused = this.state.pausedAt;
    const shift = (d: Date | null) =>
      paused && d ? new Date(d.getTime() + (at.getTime() - paused.getTime())) : d;
    this.apply(
      'provideAdditionalData',
      by,
      at,
      { pausedAt: null, dueAt: shift(this.state.dueAt), warnAt: shift(this.state.warnAt) },
      { pausedMs: paused ? at.getTime() - paused.getTime() : 0 },
    );
  }

  /** An answer after the deadline marks the request overdue for good (the journal's «срок нарушен»). */
  private lateness(at: Date): SlaState {
    return this.state.slaState === 'BREACHED' || (this.state.dueAt !== null && at > this.state.dueAt)
      ? 'BREACHED'
      : this.state.slaState;
  }

  recordOralConclusion(by: string, at: Date, documents: { dueAt: Date; warnAt: Date }): void {
    this.ensure('recordOralConclusion');
    this.requireConsultant(by);
    if (this.state.urgency !== 'EMERGENCY') {
      throw DomainError.conflict(
        'CONSULTATIONS.ORAL_ONLY_EMERGENCY',
        'Oral conclusions are for emergency requests',
      );
    }
    if (this.state.oralConclusionAt)
      throw DomainError.conflict('CONSULTATIONS.ORAL_RECORDED', 'The oral conclusion is already recorded');
    const slaState = this.lateness(at);
    this.apply(
      'recordOralConclusion',
      by,
      at,
      {
        oralConclusionAt: at,
        answeredAt: at,
        dueAt: documents.dueAt,
        warnAt: documents.warnAt,
        slaState: slaState === 'BREACHED' ? 'BREACHED' : 'ON_TIME',
      },
      { late: slaState === 'BREACHED' },
    );
  }

  submitConclusion(by: string, at: Date): void {
    this.ensure('submitConclusion');
    this.requireConsultant(by);
    if (this.state.urgency === 'EMERGENCY' && !this.state.oralConclusionAt) {
      throw DomainError.conflict('CONSULTATIONS.ORAL_FIRST', 'Record the oral conclusion first (emergency)');
    }
    const slaState = this.lateness(at);
    this.apply(
      'submitConclusion',
      by,
      at,
      { answeredAt: this.state.answeredAt ?? at, slaState },
      { late: slaState === 'BREACHED' },
    );
  }

  close(by: string, at: Date): void {
    this.apply('close', by, at, { closedAt: at });
  }

  /**
   * The deadline timer fired: warn at `warnAt`, breach at `dueAt`. Only while the answer is awaited, only
   * forward (ON_TIME → WARNING → BREACHED), and only for the deadline the timer was armed for. Returns
   * whether anything changed (a stale or repeated timer changes nothing).
   */
  markSla(kind: 'WARNING' | 'BREACHED', at: Date, armedFor: Date): boolean {
    const s = this.state;
    const awaiting = ['NEW', 'RETURNED', 'ASSIGNED', 'IN_WORK', 'AWAITING_DATA'].includes(s.status);
    if (!awaiting || !s.dueAt || s.dueAt.getTime() !== armedFor.getTime() || s.pausedAt) return false;
    const rank = { ON_TIME: 0, WARNING: 1, BREACHED: 2 } as const;
    if (rank[kind] <= rank[s.slaState]) return false;
    if (kind === 'BREACHED' && at < s.dueAt) return false;
    if (kind === 'WARNING' && s.warnAt && at < s.warnAt) return false;
    this.state = { ...s, slaState: kind };
    this.record({
      name: kind === 'WARNING' ? 'slaWarning' : 'slaBreached',
      aggregateId: s.id,
      occurredAt: at,
      from: s.status,
      to: s.status,
      byUserId: 'system',
      details: { dueAt: s.dueAt.toISOString() },
    });
    return true;
  }

  cancel(by: string, at: Date, reason: string): void {
    this.ensure('cancel');
    this.requireRequester(by);
    this.apply('cancel', by, at, { closedAt: at }, { reason });
  }

  private requireRequester(by: string): void {
    if (by !== this.state.requesterId) {
      throw DomainError.forbidden('CONSULTATIONS.NOT_REQUESTER', 'Only the requesting doctor may do this');
    }
  }

  private requireConsultant(by: string): void {
    if (by !== this.state.consultantId) {
      throw DomainError.forbidden(
        'CONSULTATIONS.NOT_CONSULTANT',
        'Only the consultant of the request may do this',
      );
    }
  }
}
