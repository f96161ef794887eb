import type { RequestState } from '@tmk/consultations-application';
import type {
  ChatMessage,
  ConclusionRecord,
  ConsiliumMember,
  HistoryEntry,
  RequestDetail,
  RequestListItem,
} from '@tmk/consultations-application';
import type {
  ChatMessageDto,
  ConclusionDto,
  ConsiliumMemberDto,
  HistoryEntryDto,
  RequestDetailDto,
  RequestListItemDto,
  RequestViewDto,
} from './dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function requestView(s: RequestState): RequestViewDto {
  return {
    id: s.id,
    number: s.number,
    status: s.status,
    level: s.level,
    urgency: s.urgency,
    mode: s.mode,
    profileCode: s.profileCode,
    regionId: s.regionId,
    requesterId: s.requesterId,
    requesterOrganisationId: s.requesterOrganisationId,
    patientId: s.patientId,
    centreId: s.centreId,
    consultantId: s.consultantId,
    ...s.labels,
    content: { ...s.content },
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    warnAt: iso(s.warnAt),
    slaState: s.slaState,
    oralConclusionAt: iso(s.oralConclusionAt),
    pausedAt: iso(s.pausedAt),
    answeredAt: iso(s.answeredAt),
    closedAt: iso(s.closedAt),
    version: s.version,
  };
}

export function listItem(i: RequestListItem): RequestListItemDto {
  return {
    ...i,
    receivedAt: iso(i.receivedAt),
    dueAt: iso(i.dueAt),
    warnAt: iso(i.warnAt),
    pausedAt: iso(i.pausedAt),
    answeredAt: iso(i.answeredAt),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function history(h: HistoryEntry): HistoryEntryDto {
  return { ...h, at: h.at.toISOString(), details: { ...h.details } };
}

export function conclusion(c: ConclusionRecord): ConclusionDto {
  return {
    template: c.template,
    content: {
      ...c.content,
      concomitantDiagnoses: [...c.content.concomitantDiagnoses],
      attachmentIds: [...c.content.attachmentIds],
    },
    status: c.status,
    authorId: c.authorId,
    submittedAt: iso(c.submittedAt),
    signedAt: iso(c.signedAt),
    version: c.version,
  };
}

export function member(m: ConsiliumMember): ConsiliumMemberDto {
  return { ...m, invitedAt: m.invitedAt.toISOString(), opinionAt: iso(m.opinionAt) };
}

export function message(m: ChatMessage): ChatMessageDto {
  return { ...m, createdAt: m.createdAt.toISOString(), attachmentIds: [...m.attachmentIds] };
}

export function detail(d: RequestDetail): RequestDetailDto {
  return {
    request: requestView(d.request),
    relations: [...d.relations],
    history: d.history.map(history),
    conclusion: d.conclusion ? conclusion(d.conclusion) : null,
    consilium: d.consilium.map(member),
  };
}
