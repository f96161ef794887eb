import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { Access, AuditedRead, CurrentActor } from '@tmk/shared-infrastructure';
import {
  RequestReadService,
  RequestService,
  type JournalFilter,
  type Page,
  type RequestListItem,
} from '@tmk/consultations-application';
import {
  AssignDto,
  ChatMessageDto,
  ConclusionDto,
  ConsiliumMemberDto,
  DataAnswerDto,
  EditDraftDto,
  ExportQueryDto,
  InboxCountsDto,
  InboxQueryDto,
  InviteDto,
  JournalFilterDto,
  JournalQueryDto,
  MessageInputDto,
  MineQueryDto,
  NewRequestDto,
  QueueQueryDto,
  ReasonDto,
  RequestDetailDto,
  RequestListItemDto,
  RequestPageDto,
  RequestViewDto,
  SaveConclusionDto,
  TextDto,
  VersionDto,
  DashboardDto,
} from './dto';
import * as map from './mappers';
import { streamJournal } from './journal-export';

const CLINICAL = ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'] as const;
const JOURNAL = ['DISPATCHER', 'REGIONAL_ADMIN', 'SYSTEM_ADMIN'] as const;

const page = (p: Page<RequestListItem>): RequestPageDto => ({
  items: p.items.map(map.listItem),
  total: p.total,
});
const pagePatients = (r: unknown) => (r as RequestPageDto).items.map((i) => i.patientId);

function journalFilter(q: JournalFilterDto): Omit<JournalFilter, 'regionId' | 'allRegions'> {
  return {
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    organisationId: q.organisationId,
    profileCode: q.profileCode,
    urgency: q.urgency,
    status: q.status,
    deadline: q.deadline,
  };
}

/** Doctor–doctor requests (issue "consultations"): drafts, routing and dispatch, work, conclusion. */
@ApiTags('consultations')
@ApiCookieAuth()
@Controller('consultations')
export class RequestsController {
  constructor(
    private readonly requests: RequestService,
    private readonly reads: RequestReadService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  // ── lists ─────────────────────────────────────────────────────────────────────────────────────────

  @Get('requests')
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestPageDto, description: 'the requesting doctor’s own requests' })
  @AuditedRead({ resource: 'consultation-list', patientIds: pagePatients, resourceId: () => null })
  async mine(@CurrentActor() actor: Actor, @Query() q: MineQueryDto): Promise<RequestPageDto> {
    return page(await this.reads.mine(actor, q.box, q.limit ?? 20, q.offset ?? 0));
  }

  @Get('inbox')
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: RequestPageDto, description: '«Новые», «В работе», «Закрытые», «Просроченные»' })
  @AuditedRead({ resource: 'consultation-list', patientIds: pagePatients, resourceId: () => null })
  async inbox(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto): Promise<RequestPageDto> {
    return page(await this.reads.inbox(actor, q.box, q.limit ?? 20, q.offset ?? 0));
  }

  @Get('inbox/counts')
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: InboxCountsDto })
  inboxCounts(@CurrentActor() actor: Actor): Promise<InboxCountsDto> {
    return this.reads.inboxCounts(actor);
  }

  @Get('queue')
  @Access.staff('DISPATCHER')
  @ApiOkResponse({
    type: [RequestListItemDto],
    description: 'open requests of the dispatcher’s region (or federal)',
  })
  @AuditedRead({
    resource: 'consultation-queue',
    patientIds: (r) => (r as RequestListItemDto[]).map((i) => i.patientId),
    resourceId: () => null,
  })
  async queue(@CurrentActor() actor: Actor, @Query() q: QueueQueryDto): Promise<RequestListItemDto[]> {
    return (await this.reads.queue(actor, { urgency: q.urgency, profileCode: q.profileCode })).map(
      map.listItem,
    );
  }

  @Get('journal')
  @Access.staff(...JOURNAL)
  @ApiOkResponse({ type: RequestPageDto, description: 'журнал телемедицинских консультаций' })
  @AuditedRead({ resource: 'consultation-journal', patientIds: pagePatients, resourceId: () => null })
  async journal(@CurrentActor() actor: Actor, @Query() q: JournalQueryDto): Promise<RequestPageDto> {
    return page(await this.reads.journal(actor, journalFilter(q), q.limit ?? 50, q.offset ?? 0));
  }

  @Get('journal/export')
  @Access.staff(...JOURNAL)
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'the filtered journal as XLSX or CSV, streamed' })
  async exportJournal(
    @CurrentActor() actor: Actor,
    @Query() q: ExportQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await streamJournal(res, this.reads.journalRows(actor, journalFilter(q)), q.format, this.db, req.path);
  }

  @Get('dashboard')
  @Access.staff(...JOURNAL)
  @ApiOkResponse({ type: DashboardDto })
  async dashboard(@CurrentActor() actor: Actor, @Query() q: JournalFilterDto): Promise<DashboardDto> {
    const d = await this.reads.dashboard(actor, journalFilter(q));
    return {
      byStatus: { ...d.byStatus },
      byUrgency: { ...d.byUrgency },
      onTime: d.onTime.map((c) => ({ ...c })),
      byProfile: d.byProfile.map((p) => ({ ...p, name: p.key })),
      byDay: d.byDay.map((x) => ({ ...x })),
    };
  }

  // ── one request ───────────────────────────────────────────────────────────────────────────────────

  @Post('requests')
  @HttpCode(201)
  @Access.to({ staff: ['REQUESTING_DOCTOR'], integrator: ['consultations:write'] })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'integrators (required): the same key and body create one request, registered at once',
  })
  @ApiCreatedResponse({
    type: RequestViewDto,
    description: 'staff: a draft; integrators: the registered request',
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: NewRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RequestViewDto> {
    if (actor.kind === 'integrator') {
      if (!key || key.length > 200) {
        throw DomainError.validation(
          'CONSULTATIONS.IDEMPOTENCY_KEY_REQUIRED',
          'Send an Idempotency-Key header',
          [{ field: 'Idempotency-Key', code: 'REQUIRED', message: '1–200 characters' }],
        );
      }
      const { request, replayed } = await this.requests.createIdempotent(actor, body, key);
      if (replayed) {
        res.status(200);
        res.setHeader('Idempotent-Replayed', 'true');
      }
      return map.requestView(request);
    }
    return map.requestView((await this.requests.createDraft(actor, body)).snapshot);
  }

  @Get('requests/:id')
  @Access.to({ staff: [...CLINICAL], integrator: ['consultations:read', 'consultations:write'] })
  @ApiOkResponse({ type: RequestDetailDto })
  @AuditedRead({
    resource: 'consultation-request',
    patientIds: (r) => [(r as RequestDetailDto).request.patientId],
    resourceId: (r) => (r as RequestDetailDto).request.id,
  })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RequestDetailDto> {
    return map.detail(await this.reads.detail(actor, id));
  }

  @Put('requests/:id')
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestViewDto, description: 'edit a draft (or the content of a returned request)' })
  async edit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EditDraftDto,
  ): Promise<RequestViewDto> {
    return map.requestView(await this.requests.editDraft(actor, id, body, body.version));
  }

  @Post('requests/:id/submit')
  @HttpCode(200)
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestViewDto, description: 'register: number, receivedAt, dueAt' })
  async submit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VersionDto,
  ) {
    return map.requestView(await this.requests.submit(actor, id, body.version));
  }

  @Post('requests/:id/resubmit')
  @HttpCode(200)
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestViewDto })
  async resubmit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VersionDto,
  ) {
    return map.requestView(await this.requests.resubmit(actor, id, body.version));
  }

  @Post('requests/:id/cancel')
  @HttpCode(200)
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestViewDto })
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return map.requestView(await this.requests.cancel(actor, id, body.reason, body.version));
  }

  @Post('requests/:id/provide-data')
  @HttpCode(200)
  @Access.staff('REQUESTING_DOCTOR')
  @ApiOkResponse({ type: RequestViewDto, description: 'answer the consultant’s request for additional data' })
  async provideData(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DataAnswerDto,
  ) {
    return map.requestView(await this.requests.provideData(actor, id, body.text, body.attachmentIds ?? []));
  }

  @Post('requests/:id/assign')
  @HttpCode(200)
  @Access.staff('DISPATCHER')
  @ApiOkResponse({ type: RequestViewDto, description: 'assign or reassign a centre and consultant' })
  async assign(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssignDto,
  ) {
    return map.requestView(
      await this.requests.assign(actor, id, body.centreId, body.consultantId ?? null, body.version),
    );
  }

  @Post('requests/:id/escalate')
  @HttpCode(200)
  @Access.staff('DISPATCHER')
  @ApiOkResponse({ type: RequestViewDto, description: 'to the federal coordination queue' })
  async escalate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return map.requestView(await this.requests.escalate(actor, id, body.reason, body.version));
  }

  @Post('requests/:id/return')
  @HttpCode(200)
  @Access.staff('DISPATCHER')
  @ApiOkResponse({ type: RequestViewDto, description: 'back to the requester for clarification' })
  async return(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return map.requestView(await this.requests.returnForClarification(actor, id, body.reason, body.version));
  }

  @Post('requests/:id/reject')
  @HttpCode(200)
  @Access.staff('DISPATCHER', 'CONSULTANT')
  @ApiOkResponse({ type: RequestViewDto })
  async reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return map.requestView(await this.requests.reject(actor, id, body.reason, body.version));
  }

  @Post('requests/:id/take')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: RequestViewDto, description: '«Взять в работу»' })
  async take(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: VersionDto) {
    return map.requestView(await this.requests.take(actor, id, body.version));
  }

  @Post('requests/:id/request-data')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: RequestViewDto, description: 'ask the requester for additional data' })
  async requestData(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TextDto,
  ) {
    return map.requestView(await this.requests.requestData(actor, id, body.text));
  }

  @Post('requests/:id/oral-conclusion')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: RequestViewDto, description: 'emergency: the oral conclusion first' })
  async oral(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: TextDto) {
    return map.requestView(await this.requests.recordOralConclusion(actor, id, body.text));
  }

  @Put('requests/:id/conclusion')
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: ConclusionDto, description: 'save the conclusion draft' })
  async saveConclusion(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SaveConclusionDto,
  ): Promise<ConclusionDto> {
    return map.conclusion(await this.requests.saveConclusion(actor, id, body.content, body.version ?? null));
  }

  @Post('requests/:id/conclusion/submit')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({
    type: RequestViewDto,
    description: 'hand the conclusion to signing (ConclusionSubmitted)',
  })
  async submitConclusion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return map.requestView(await this.requests.submitConclusion(actor, id));
  }

  @Post('requests/:id/consilium')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: [ConsiliumMemberDto], description: 'invite a consultant to the consilium' })
  async invite(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InviteDto,
  ) {
    return (await this.requests.invite(actor, id, body.consultantId)).map(map.member);
  }

  @Post('requests/:id/consilium/opinion')
  @HttpCode(200)
  @Access.staff('CONSULTANT')
  @ApiOkResponse({ type: [ConsiliumMemberDto] })
  async opinion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: TextDto) {
    return (await this.requests.giveOpinion(actor, id, body.text)).map(map.member);
  }

  @Get('requests/:id/messages')
  @Access.staff(...CLINICAL)
  @ApiOkResponse({ type: [ChatMessageDto] })
  @AuditedRead({
    resource: 'consultation-chat',
    patientIds: (_r, req) =>
      [String((req as Request & { patientId?: string }).patientId ?? '')].filter(Boolean),
    resourceId: (_r, req) => String(req.params['id'] ?? '') || null,
  })
  async messages(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request & { patientId?: string },
  ): Promise<ChatMessageDto[]> {
    const { patientId, messages } = await this.reads.messages(actor, id);
    req.patientId = patientId;
    return messages.map(map.message);
  }

  @Post('requests/:id/messages')
  @HttpCode(201)
  @Access.staff(...CLINICAL)
  @ApiCreatedResponse({ type: ChatMessageDto })
  async post(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MessageInputDto,
  ) {
    return map.message(await this.requests.postMessage(actor, id, body.body, body.attachmentIds ?? []));
  }
}
