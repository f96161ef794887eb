import type { RequestRelation, RequestStatus, Urgency } from '@tmk/web-api-client';

/** What a person may do on a request page (the api checks again; this decides which controls to show). */
export type RequestCommand =
  | 'edit'
  | 'submit'
  | 'cancel'
  | 'resubmit'
  | 'provideData'
  | 'take'
  | 'requestData'
  | 'oralConclusion'
  | 'writeConclusion'
  | 'reject'
  | 'inviteConsilium'
  | 'giveOpinion'
  | 'chat';

export interface CommandFacts {
  readonly relations: readonly RequestRelation[];
  readonly status: RequestStatus;
  readonly urgency: Urgency;
  readonly oralConclusionAt: string | null;
}

const CHAT_CLOSED: readonly RequestStatus[] = ['DRAFT', 'CLOSED', 'REJECTED', 'CANCELLED'];

/**
 * The commands available by relation and status, following the request's state machine
 * (libs/consultations/domain: TRANSITIONS) and who may act (RequestService).
 */
export function availableCommands(facts: CommandFacts): ReadonlySet<RequestCommand> {
  const out = new Set<RequestCommand>();
  const has = (r: RequestRelation): boolean => facts.relations.includes(r);
  const s = facts.status;
  if (has('REQUESTER')) {
    if (s === 'DRAFT') out.add('edit').add('submit');
    if (s === 'RETURNED') out.add('edit').add('resubmit');
    if (s === 'AWAITING_DATA') out.add('provideData');
    if (['DRAFT', 'NEW', 'RETURNED', 'ASSIGNED', 'AWAITING_DATA'].includes(s)) out.add('cancel');
  }
  if (has('CONSULTANT')) {
    if (s === 'ASSIGNED') out.add('take');
    if (s === 'NEW' || s === 'ASSIGNED' || s === 'IN_WORK') out.add('reject');
    if (s === 'IN_WORK') {
      out.add('requestData').add('writeConclusion');
      if (facts.urgency === 'EMERGENCY' && !facts.oralConclusionAt) out.add('oralConclusion');
    }
    if (s === 'IN_WORK' || s === 'AWAITING_DATA') out.add('inviteConsilium');
  } else if (has('CENTRE') && s === 'ASSIGNED') {
    out.add('take');
  }
  if (has('CONSILIUM') && (s === 'IN_WORK' || s === 'AWAITING_DATA')) out.add('giveOpinion');
  const chatter = (['REQUESTER', 'CONSULTANT', 'DISPATCHER', 'CONSILIUM'] as const).some(has);
  if (chatter && !CHAT_CLOSED.includes(s)) out.add('chat');
  return out;
}
