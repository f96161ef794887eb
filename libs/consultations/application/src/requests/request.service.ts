import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CLOCK, DomainError, newId, type Actor, type Clock } from '@tmk/shared-kernel';
import {
  IDENTITY_AUTHORIZER,
  IDENTITY_DIRECTORY,
  type DirectoryOrganisation,
  type IdentityAuthorizer,
  type IdentityDirectory,
} from '@tmk/identity-contracts';
import {
  CONSULTATION_REQUEST_REPOSITORY,
  ConsultationRequest,
  computeDeadline,
  documentsDeadline,
  relationsOf,
  warnAtOf,
  type Assignee,
  type ConsultationRequestRepository,
  type RequestContent,
  type RequestMode,
  type RequestRelation,
  type RequestState,
  type Urgency,
} from '@tmk/consultations-domain';
import { notifyChange, requestIntegrationEvents } from './request-events';
import {
  CHAT_STORE,
  CONCLUSION_STORE,
  CONSILIUM_STORE,
  DEADLINE_POLICY,
  IDEMPOTENCY_STORE,
  REQUEST_NOTIFIER,
  type ChatStore,
  type ConclusionContent,
  type ConclusionStore,
  type ConsiliumMember,
  type ConsiliumStore,
  type DeadlinePolicy,
  type IdempotencyStore,
  type RequestNotifier,
} from './ports';

export interface DraftInput {
  readonly patientId: string;
  readonly urgency: Urgency;
  readonly mode: RequestMode;
  readonly profileCode: string;
  readonly centreId: string | null;
  readonly consultantId: string | null;
  readonly content: RequestContent;
}

export interface Loaded {
  readonly request: ConsultationRequest;
  readonly relations: ReadonlySet<RequestRelation>;
  /** Read to decide the relations; callers that show it reuse it instead of reading it again. */
  readonly consilium: readonly ConsiliumMember[];
}

const staffOf = (actor: Actor) => {
  if (actor.kind !== 'staff') {
    throw DomainError.forbidden('CONSULTATIONS.STAFF_ONLY', 'Only staff members may do this');
  }
  return actor;
};

/** Commands on doctor–doctor requests: each loads, checks who acts, applies the domain rule and saves. */
@Injectable()
export class RequestService {
  constructor(
    @Inject(CONSULTATION_REQUEST_REPOSITORY) private readonly requests: ConsultationRequestRepository,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(IDENTITY_AUTHORIZER) private readonly authorizer: IdentityAuthorizer,
    @Inject(DEADLINE_POLICY) private readonly deadlines: DeadlinePolicy,
    @Inject(CHAT_STORE) private readonly chat: ChatStore,
    @Inject(CONCLUSION_STORE) private readonly conclusions: ConclusionStore,
    @Inject(CONSILIUM_STORE) private readonly consilium: ConsiliumStore,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    @Inject(REQUEST_NOTIFIER) private readonly notifier: RequestNotifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Loads a request the actor is related to; anything else is 404 (no probing of ids). */
  async load(actor: Actor, id: string): Promise<Loaded> {
    const request = await this.requests.findById(id);
    if (!request) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
    const members = await this.consilium.list(id);
    const relations = relationsOf(
      actor,
      request.snapshot,
      members.map((m) => m.consultantId),
    );
    if (relations.size === 0) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
    return { request, relations, consilium: members };
  }

  private require(loaded: Loaded, ...allowed: RequestRelation[]): void {
    if (!allowed.some((r) => loaded.relations.has(r))) {
      throw DomainError.forbidden('CONSULTATIONS.NOT_ALLOWED', 'You may not do this on this request');
    }
  }

  private static checkVersion(request: ConsultationRequest, expected: number | undefined): void {
    const s = request.snapshot;
    if (expected !== undefined && expected !== s.version) {
      throw DomainError.conflict(
        'CONSULTATIONS.CONCURRENT_CHANGE',
        'Someone else changed the request first',
        {
          current: {
            status: s.status,
            consultantId: s.consultantId,
            centreId: s.centreId,
            version: s.version,
          },
        },
      );
    }
  }

  private async save(
    request: ConsultationRequest,
    within?: (tx: unknown) => Promise<void>,
  ): Promise<RequestState> {
    const events = requestIntegrationEvents(request.snapshot, request.pendingEvents, this.clock);
    const action = request.pendingEvents.at(-1)?.name ?? 'edit';
    await this.requests.save(request, events, within);
    const saved = { ...request.snapshot, version: request.snapshot.version + 1 };
    await notifyChange(this.notifier, saved, action);
    return saved;
  }

  // ── the requesting doctor ──────────────────────────────────────────────────────────────────────────

  private async routing(input: Pick<DraftInput, 'centreId' | 'consultantId'>) {
    if (!input.centreId) {
      if (input.consultantId) {
        throw DomainError.validation('CONSULTATIONS.CENTRE_REQUIRED', 'Choose the consultant’s centre', [
          { field: 'centreId', code: 'REQUIRED', message: 'the centre of the consultant is required' },
        ]);
      }
      return { centreName: null, consultantName: null };
    }
    const centre = await this.directory.organisation(input.centreId);
    if (!centre || !centre.active || !centre.isConsultationCentre) {
      throw DomainError.validation('CONSULTATIONS.UNKNOWN_CENTRE', 'No such consultation centre', [
        { field: 'centreId', code: 'UNKNOWN', message: 'not an active consultation centre' },
      ]);
    }
    let consultantName: string | null = null;
    if (input.consultantId) {
      const consultants = await this.directory.consultants(centre.id);
      const consultant = consultants.find((c) => c.id === input.consultantId);
      if (!consultant) {
        throw DomainError.validation('CONSULTATIONS.UNKNOWN_CONSULTANT', 'No such consultant in the centre', [
          { field: 'consultantId', code: 'UNKNOWN', message: 'not a consultant of the chosen centre' },
        ]);
      }
      consultantName = consultant.displayName;
    }
    return { centreName: centre.shortName ?? centre.name, consultantName };
  }

  async createDraft(
    actor: Actor,
    input: DraftInput & { requesterId?: string },
    source: 'UI' | 'API' = 'UI',
    idempotency?: {
      clientId: string;
      key: string;
      bodySha256: string;
    },
  ): Promise<ConsultationRequest> {
    const { userId, organisationId } =
      actor.kind === 'integrator'
        ? { userId: null, organisationId: actor.organisationId }
        : { userId: staffOf(actor).userId, organisationId: staffOf(actor).organisationId };
    if (!organisationId) {
      throw DomainError.forbidden('CONSULTATIONS.NO_ORGANISATION', 'Act for a clinic to send requests');
    }
    const organisation = await this.directory.organisation(organisationId);
    if (!organisation?.regionId) {
      throw DomainError.forbidden('CONSULTATIONS.NO_REGION', 'Requests are sent from a clinic of a region');
    }
    const patient = await this.directory.patient(input.patientId);
    if (!patient) {
      throw DomainError.validation('CONSULTATIONS.UNKNOWN_PATIENT', 'No such patient', [
        { field: 'patientId', code: 'UNKNOWN', message: 'no patient card with this id' },
      ]);
    }
    // The patient must be one the caller may see: identity's policy for staff, the own region for МИС.
    if (actor.kind === 'integrator') {
      if (patient.regionId !== organisation.regionId) {
        throw DomainError.forbidden('ACCESS.DENIED', 'The patient is not of your region');
      }
    } else {
      await this.authorizer.require(actor, 'read', {
        type: 'patient',
        patientId: patient.id,
        regionId: patient.regionId,
      });
    }
    const requesterId = userId ?? (await this.integratorDoctor(actor, input));
    const requester = await this.directory.staff(requesterId);
    if (!requester) throw DomainError.validation('CONSULTATIONS.UNKNOWN_DOCTOR', 'No such doctor');
    const names = await this.routing(input);
    const request = ConsultationRequest.draft({
      id: newId(),
      content: input.content,
      urgency: input.urgency,
      mode: input.mode,
      regionId: organisation.regionId,
      requesterId,
      requesterOrganisationId: organisation.id,
      patientId: patient.id,
      profileCode: input.profileCode,
      centreId: input.centreId,
      consultantId: input.consultantId,
      labels: {
        patientName: patient.displayName,
        patientBirthDate: patient.birthDate,
        requesterName: requester.displayName,
        requesterOrganisationName: organisation.shortName ?? organisation.name,
        ...names,
      },
    });
    if (idempotency) {
      await this.register(request, requesterId, organisation);
      const events = requestIntegrationEvents(request.snapshot, request.pendingEvents, this.clock);
      await this.requests.insert(request, events, {
        source,
        within: (tx) =>
          this.idempotency.remember(
            tx,
            idempotency.clientId,
            idempotency.key,
            idempotency.bodySha256,
            request.snapshot.id,
          ),
      });
      const stored = ConsultationRequest.restore({ ...request.snapshot, version: 1 });
      await notifyChange(this.notifier, stored.snapshot, 'submit');
      return stored;
    }
    await this.requests.insert(request, [], { source });
    return ConsultationRequest.restore({ ...request.snapshot, version: 1 });
  }

  /** Integrators name the requesting doctor in the body (`requesterId`), who must work at their clinic. */
  private async integratorDoctor(
    actor: Actor,
    input: DraftInput & { requesterId?: string },
  ): Promise<string> {
    const id = input.requesterId;
    const staff = id ? await this.directory.staff(id) : null;
    if (
      actor.kind !== 'integrator' ||
      !staff?.active ||
      !staff.memberships.some(
        (m) => m.organisationId === actor.organisationId && m.role === 'REQUESTING_DOCTOR',
      )
    ) {
      throw DomainError.validation(
        'CONSULTATIONS.UNKNOWN_DOCTOR',
        'Name a requesting doctor of your clinic',
        [{ field: 'requesterId', code: 'UNKNOWN', message: 'not a requesting doctor of the clinic' }],
      );
    }
    return staff.id;
  }

  /** Integrator creation with `Idempotency-Key`: the same key and body create one request. */
  async createIdempotent(
    actor: Actor,
    input: DraftInput & { requesterId?: string },
    key: string,
  ): Promise<{ request: RequestState; replayed: boolean }> {
    if (actor.kind !== 'integrator')
      throw DomainError.forbidden('CONSULTATIONS.INTEGRATOR_ONLY', 'Integrators only');
    const bodySha256 = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const replay = async (): Promise<{ request: RequestState; replayed: boolean } | null> => {
      const known = await this.idempotency.find(actor.clientId, key);
      if (!known) return null;
      if (known.bodySha256 !== bodySha256) {
        throw DomainError.conflict(
          'CONSULTATIONS.IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request body',
        );
      }
      const existing = await this.requests.findById(known.requestId);
      if (!existing) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
      return { request: existing.snapshot, replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      const created = await this.createDraft(actor, input, 'API', {
        clientId: actor.clientId,
        key,
        bodySha256,
      });
      return { request: created.snapshot, replayed: false };
    } catch (error) {
      // A concurrent twin committed first: its key's primary key refused ours; answer with its request.
      const twin = await replay().catch(() => null);
      if (twin) return twin;
      throw error;
    }
  }

  async editDraft(actor: Actor, id: string, input: Omit<DraftInput, 'patientId'>, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER');
    const { request } = loaded;
    RequestService.checkVersion(request, version);
    const by = staffOf(actor).userId;
    request.edit(by, input.content);
    if (request.snapshot.status === 'DRAFT') {
      const names = await this.routing(input);
      request.reroute(by, {
        urgency: input.urgency,
        mode: input.mode,
        profileCode: input.profileCode,
        centreId: input.centreId,
        consultantId: input.consultantId,
        ...names,
      });
    }
    return this.save(request);
  }

  private async register(request: ConsultationRequest, by: string, requesterOrg?: DirectoryOrganisation) {
    const s = request.snapshot;
    const at = this.clock.now();
    const org = requesterOrg ?? (await this.directory.organisation(s.requesterOrganisationId));
    // Deadlines run in the consulting organisation's zone; before routing, the requester's region's.
    const consulting = s.centreId ? await this.directory.organisation(s.centreId) : null;
    const timeZone = consulting?.timeZone ?? org?.timeZone ?? 'Europe/Moscow';
    const [rules, calendar] = await Promise.all([
      this.deadlines.rulesFor(s.regionId, at),
      this.deadlines.calendar(s.regionId),
    ]);
    const deadline = computeDeadline({
      urgency: s.urgency,
      profileCode: s.profileCode,
      receivedAt: at,
      timeZone,
      calendar,
      rules,
    });
    const number = await this.requests.nextNumber(
      s.regionId,
      org?.regionCode ?? '00',
      Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(at)),
    );
    request.submit(by, at, { number, dueAt: deadline.dueAt, warnAt: deadline.warnAt });
  }

  async submit(actor: Actor, id: string, version?: number): Promise<RequestState> {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER');
    RequestService.checkVersion(loaded.request, version);
    await this.register(loaded.request, staffOf(actor).userId);
    return this.save(loaded.request);
  }

  async resubmit(actor: Actor, id: string, version?: number): Promise<RequestState> {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER');
    RequestService.checkVersion(loaded.request, version);
    loaded.request.resubmit(staffOf(actor).userId, this.clock.now());
    return this.save(loaded.request);
  }

  async cancel(actor: Actor, id: string, reason: string, version?: number): Promise<RequestState> {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER');
    RequestService.checkVersion(loaded.request, version);
    loaded.request.cancel(staffOf(actor).userId, this.clock.now(), reason);
    return this.save(loaded.request);
  }

  async provideData(actor: Actor, id: string, text: string, attachmentIds: readonly string[] = []) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER');
    const at = this.clock.now();
    const by = staffOf(actor).userId;
    loaded.request.provideAdditionalData(by, at);
    return this.save(loaded.request, (tx) =>
      this.chat.add(
        {
          id: newId(),
          requestId: id,
          authorId: by,
          authorName: loaded.request.snapshot.labels.requesterName,
          authorRole: 'REQUESTER',
          body: text,
          kind: 'DATA_ANSWER',
          createdAt: at,
        },
        attachmentIds,
        tx,
      ),
    );
  }

  // ── dispatchers ────────────────────────────────────────────────────────────────────────────────────

  private async assignee(
    centreId: string,
    consultantId: string | null,
    level: RequestState['level'],
  ): Promise<Assignee> {
    const names = await this.routing({ centreId, consultantId });
    const centre = await this.directory.organisation(centreId);
    if (level === 'FEDERAL' ? centre?.regionId !== null : centre?.regionId === null) {
      throw DomainError.validation('CONSULTATIONS.WRONG_LEVEL', 'The centre is not of the request’s level', [
        { field: 'centreId', code: 'WRONG_LEVEL', message: 'choose a centre of the request’s level' },
      ]);
    }
    return {
      centreId,
      consultantId,
      centreName: names.centreName ?? '',
      consultantName: names.consultantName,
    };
  }

  async assign(actor: Actor, id: string, centreId: string, consultantId: string | null, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'DISPATCHER');
    RequestService.checkVersion(loaded.request, version);
    const to = await this.assignee(centreId, consultantId, loaded.request.snapshot.level);
    const by = staffOf(actor).userId;
    if (loaded.request.snapshot.status === 'NEW') loaded.request.assign(by, this.clock.now(), to);
    else loaded.request.reassign(by, this.clock.now(), to);
    return this.save(loaded.request);
  }

  async escalate(actor: Actor, id: string, reason: string, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'DISPATCHER');
    RequestService.checkVersion(loaded.request, version);
    loaded.request.escalate(staffOf(actor).userId, this.clock.now(), reason);
    return this.save(loaded.request);
  }

  async returnForClarification(actor: Actor, id: string, reason: string, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'DISPATCHER');
    RequestService.checkVersion(loaded.request, version);
    const at = this.clock.now();
    const by = staffOf(actor).userId;
    loaded.request.returnForClarification(by, at, reason);
    return this.save(loaded.request, (tx) => this.systemMessage(tx, id, by, 'DISPATCHER', reason, at));
  }

  async reject(actor: Actor, id: string, reason: string, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'DISPATCHER', 'CONSULTANT');
    RequestService.checkVersion(loaded.request, version);
    loaded.request.reject(staffOf(actor).userId, this.clock.now(), reason);
    return this.save(loaded.request);
  }

  private async systemMessage(
    tx: unknown,
    requestId: string,
    by: string,
    role: string,
    body: string,
    at: Date,
  ) {
    const author = await this.directory.staff(by);
    await this.chat.add(
      {
        id: newId(),
        requestId,
        authorId: by,
        authorName: author?.displayName ?? '',
        authorRole: role,
        body,
        kind: 'SYSTEM',
        createdAt: at,
      },
      [],
      tx,
    );
  }

  // ── consultants ────────────────────────────────────────────────────────────────────────────────────

  async take(actor: Actor, id: string, version?: number) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT', 'CENTRE');
    RequestService.checkVersion(loaded.request, version);
    const by = staffOf(actor).userId;
    const me = await this.directory.staff(by);
    loaded.request.takeIntoWork(by, this.clock.now(), me?.displayName ?? '');
    return this.save(loaded.request);
  }

  async requestData(actor: Actor, id: string, question: string) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT');
    const at = this.clock.now();
    const by = staffOf(actor).userId;
    const rules = await this.deadlines.rulesFor(loaded.request.snapshot.regionId, at);
    loaded.request.requestAdditionalData(by, at, question, rules.waitingForData === 'PAUSE');
    return this.save(loaded.request, (tx) =>
      this.chat.add(
        {
          id: newId(),
          requestId: id,
          authorId: by,
          authorName: loaded.request.snapshot.labels.consultantName ?? '',
          authorRole: 'CONSULTANT',
          body: question,
          kind: 'DATA_REQUEST',
          createdAt: at,
        },
        [],
        tx,
      ),
    );
  }

  async recordOralConclusion(actor: Actor, id: string, text: string) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT');
    const at = this.clock.now();
    const by = staffOf(actor).userId;
    const s = loaded.request.snapshot;
    const centre = s.centreId ? await this.directory.organisation(s.centreId) : null;
    const [rules, calendar] = await Promise.all([
      this.deadlines.rulesFor(s.regionId, at),
      this.deadlines.calendar(s.regionId),
    ]);
    const dueAt = documentsDeadline(at, centre?.timeZone ?? 'Europe/Moscow', calendar, rules);
    loaded.request.recordOralConclusion(by, at, { dueAt, warnAt: warnAtOf(at, dueAt, rules.warnAtShare) });
    return this.save(loaded.request, (tx) =>
      this.chat.add(
        {
          id: newId(),
          requestId: id,
          authorId: by,
          authorName: s.labels.consultantName ?? '',
          authorRole: 'CONSULTANT',
          body: `Устное заключение: ${text}`,
          kind: 'SYSTEM',
          createdAt: at,
        },
        [],
        tx,
      ),
    );
  }

  async saveConclusion(actor: Actor, id: string, content: ConclusionContent, version: number | null) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT');
    if (loaded.request.snapshot.status !== 'IN_WORK') {
      throw DomainError.conflict('CONSULTATIONS.NOT_IN_WORK', 'Take the request into work first');
    }
    return this.conclusions.saveDraft(
      {
        requestId: id,
        template: `default/${loaded.request.snapshot.profileCode}`,
        content,
        status: 'DRAFT',
        authorId: staffOf(actor).userId,
        submittedAt: null,
        signedAt: null,
      },
      version,
    );
  }

  async submitConclusion(actor: Actor, id: string) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT');
    const conclusion = await this.conclusions.find(id);
    const c = conclusion?.content;
    const missing = [
      !c?.conclusion.trim() && 'conclusion',
      !c?.mainDiagnosis?.code && 'mainDiagnosis',
      !c?.recommendations.trim() && 'recommendations',
    ].filter((f): f is string => Boolean(f));
    if (!conclusion || missing.length) {
      throw DomainError.validation(
        'CONSULTATIONS.CONCLUSION_INCOMPLETE',
        'The conclusion lacks required fields',
        (missing.length ? missing : ['conclusion']).map((field) => ({
          field,
          code: 'REQUIRED',
          message: `${field} is required`,
        })),
      );
    }
    const at = this.clock.now();
    loaded.request.submitConclusion(staffOf(actor).userId, at);
    return this.save(loaded.request, (tx) => this.conclusions.setStatus(tx, id, 'SUBMITTED', at));
  }

  async invite(actor: Actor, id: string, consultantId: string) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSULTANT');
    const s = loaded.request.snapshot;
    if (s.status !== 'IN_WORK' && s.status !== 'AWAITING_DATA') {
      throw DomainError.conflict(
        'CONSULTATIONS.NOT_IN_WORK',
        'A consilium is held while the request is in work',
      );
    }
    const invited = await this.directory.staff(consultantId);
    if (
      !invited?.active ||
      !invited.memberships.some((m) => m.role === 'CONSULTANT') ||
      invited.id === s.consultantId
    ) {
      throw DomainError.validation('CONSULTATIONS.UNKNOWN_CONSULTANT', 'Invite another active consultant', [
        { field: 'consultantId', code: 'UNKNOWN', message: 'not another active consultant' },
      ]);
    }
    const at = this.clock.now();
    await this.consilium.invite(id, {
      consultantId,
      name: invited.displayName,
      invitedBy: staffOf(actor).userId,
      invitedAt: at,
    });
    await notifyChange(this.notifier, s, 'consiliumInvited');
    return this.consilium.list(id);
  }

  async giveOpinion(actor: Actor, id: string, text: string) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'CONSILIUM');
    const s = loaded.request.snapshot;
    if (s.status !== 'IN_WORK' && s.status !== 'AWAITING_DATA') {
      throw DomainError.conflict(
        'CONSULTATIONS.NOT_IN_WORK',
        'Opinions are given while the request is in work',
      );
    }
    await this.consilium.opinion(id, staffOf(actor).userId, text, this.clock.now());
    await notifyChange(this.notifier, s, 'consiliumOpinion');
    return this.consilium.list(id);
  }

  // ── everyone related ───────────────────────────────────────────────────────────────────────────────

  async postMessage(actor: Actor, id: string, body: string, attachmentIds: readonly string[] = []) {
    const loaded = await this.load(actor, id);
    this.require(loaded, 'REQUESTER', 'CONSULTANT', 'DISPATCHER', 'CONSILIUM');
    const s = loaded.request.snapshot;
    if (['DRAFT', 'CLOSED', 'REJECTED', 'CANCELLED'].includes(s.status)) {
      throw DomainError.conflict('CONSULTATIONS.CHAT_CLOSED', 'The chat is open while the request is');
    }
    const by = staffOf(actor).userId;
    const me = await this.directory.staff(by);
    const role = (['CONSULTANT', 'REQUESTER', 'DISPATCHER', 'CONSILIUM'] as const).find((r) =>
      loaded.relations.has(r),
    );
    const message = {
      id: newId(),
      requestId: id,
      authorId: by,
      authorName: me?.displayName ?? '',
      authorRole: role ?? 'PARTICIPANT',
      body,
      kind: 'MESSAGE' as const,
      createdAt: this.clock.now(),
    };
    await this.chat.add(message, attachmentIds);
    await notifyChange(this.notifier, s, 'message');
    return { ...message, attachmentIds };
  }
}
