import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import type { RequestRelation, RequestState } from '@tmk/consultations-domain';
import {
  CHAT_STORE,
  CONCLUSION_STORE,
  REQUEST_QUERIES,
  type ChatMessage,
  type ChatStore,
  type ConclusionRecord,
  type ConclusionStore,
  type ConsiliumMember,
  type HistoryEntry,
  type InboxBox,
  type JournalFilter,
  type MineBox,
  type QueueFilter,
  type RequestQueries,
} from './ports';
import { RequestService } from './request.service';

export interface RequestDetail {
  readonly request: RequestState;
  readonly relations: readonly RequestRelation[];
  readonly history: readonly HistoryEntry[];
  readonly conclusion: ConclusionRecord | null;
  readonly consilium: readonly ConsiliumMember[];
}

const staff = (actor: Actor) => {
  if (actor.kind !== 'staff') throw DomainError.forbidden('CONSULTATIONS.STAFF_ONLY', 'Staff only');
  return actor;
};

/** Reads with their access rules: who sees which list, which journal. */
@Injectable()
export class RequestReadService {
  constructor(
    private readonly commands: RequestService,
    @Inject(REQUEST_QUERIES) private readonly queries: RequestQueries,
    @Inject(CHAT_STORE) private readonly chat: ChatStore,
    @Inject(CONCLUSION_STORE) private readonly conclusions: ConclusionStore,
  ) {}

  async detail(actor: Actor, id: string): Promise<RequestDetail> {
    const { request, relations, consilium } = await this.commands.load(actor, id);
    const [history, conclusion] = await Promise.all([this.queries.history(id), this.conclusions.find(id)]);
    // The conclusion draft is the consultant's until submitted.
    const showConclusion =
      conclusion &&
      (conclusion.status !== 'DRAFT' || relations.has('CONSULTANT') || relations.has('CONSILIUM'));
    return {
      request: request.snapshot,
      relations: [...relations],
      history,
      conclusion: showConclusion ? conclusion : null,
      consilium: [...consilium],
    };
  }

  async messages(actor: Actor, id: string): Promise<{ patientId: string; messages: ChatMessage[] }> {
    const { request } = await this.commands.load(actor, id);
    return { patientId: request.snapshot.patientId, messages: await this.chat.list(id) };
  }

  inbox(actor: Actor, box: InboxBox, limit: number, offset: number) {
    const s = staff(actor);
    return this.queries.inbox({ userId: s.userId, organisationId: s.organisationId }, box, limit, offset);
  }

  inboxCounts(actor: Actor) {
    const s = staff(actor);
    return this.queries.inboxCounts({ userId: s.userId, organisationId: s.organisationId });
  }

  mine(actor: Actor, box: MineBox, limit: number, offset: number) {
    return this.queries.mine(staff(actor).userId, box, limit, offset);
  }

  /** A dispatcher's queue: their region's, or the federal one for federal dispatchers. */
  queue(actor: Actor, filter: Omit<QueueFilter, 'regionId'>) {
    const s = staff(actor);
    return this.queries.queue({ ...filter, regionId: s.regionId });
  }

  /** Dispatchers and administrators: their region; federal staff (no region): every region. */
  journalScope(actor: Actor, filter: Omit<JournalFilter, 'regionId' | 'allRegions'>): JournalFilter {
    const s = staff(actor);
    return { ...filter, regionId: s.regionId, allRegions: s.regionId === null };
  }

  journal(
    actor: Actor,
    filter: Omit<JournalFilter, 'regionId' | 'allRegions'>,
    limit: number,
    offset: number,
  ) {
    return this.queries.journal(this.journalScope(actor, filter), limit, offset);
  }

  journalRows(actor: Actor, filter: Omit<JournalFilter, 'regionId' | 'allRegions'>) {
    return this.queries.journalRows(this.journalScope(actor, filter));
  }

  dashboard(actor: Actor, filter: Omit<JournalFilter, 'regionId' | 'allRegions'>) {
    return this.queries.dashboard(this.journalScope(actor, filter));
  }
}
