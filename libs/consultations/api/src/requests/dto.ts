import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REQUEST_STATUSES, URGENCIES } from '@tmk/consultations-application';

export const URGENCY = URGENCIES;
export const MODE = ['REAL_TIME', 'DEFERRED'] as const;
export const STATUS = REQUEST_STATUSES;
export const SLA = ['ON_TIME', 'WARNING', 'BREACHED'] as const;
const ICD = /^[A-Z]\d{2}(\.\d{1,2})?$/;

// ── input ─────────────────────────────────────────────────────────────────────────────────────────────

export class RequestContentDto {
  @ApiProperty({ maxLength: 4000, example: 'Тактика ведения: показана ли коронарография?' })
  @IsString()
  @MaxLength(4000)
  question!: string;

  @ApiProperty({ maxLength: 4000, description: 'обоснование' }) @IsString() @MaxLength(4000) reason!: string;

  @ApiProperty({ type: String, nullable: true, example: 'I20.0', description: 'МКБ-10' })
  @IsOptional()
  @Matches(ICD, { message: 'diagnosisCode must be an МКБ-10 code like I20.0' })
  diagnosisCode!: string | null;

  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) anamnesis!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) complaints!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) examination!: string;

  @ApiProperty({ enum: ['GIVEN', 'EMERGENCY_WITHOUT_CONSENT'] })
  @IsIn(['GIVEN', 'EMERGENCY_WITHOUT_CONSENT'])
  consent!: 'GIVEN' | 'EMERGENCY_WITHOUT_CONSENT';

  @ApiProperty({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  consentReason!: string | null;
}

export class RoutingFieldsDto {
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) @IsIn(URGENCY) urgency!: (typeof URGENCY)[number];
  @ApiProperty({ enum: MODE, enumName: 'RequestMode' }) @IsIn(MODE) mode!: (typeof MODE)[number];
  @ApiProperty({
    description: 'target profile: specialty code (НСИ 1.2.643.5.1.13.13.11.1066)',
    example: '39',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  profileCode!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: through the КТЦ' })
  @IsOptional()
  @IsUUID()
  centreId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consultantId!: string | null;

  @ApiProperty({ type: RequestContentDto })
  @ValidateNested()
  @Type(() => RequestContentDto)
  content!: RequestContentDto;
}

export class EditDraftDto extends RoutingFieldsDto {
  @ApiPropertyOptional({ description: 'the version you edited (409 if changed since)' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class NewRequestDto extends RoutingFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'integrators: the requesting doctor of your clinic (staff use their own account)',
  })
  @IsOptional()
  @IsUUID()
  requesterId?: string;
}

export class VersionDto {
  @ApiPropertyOptional({ description: 'the version you saw; 409 with the current state if it changed' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class ReasonDto extends VersionDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 }) @IsString() @MinLength(3) @MaxLength(2000) reason!: string;
}

export class AssignDto extends VersionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() centreId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consultantId!: string | null;
}

export class TextDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 }) @IsString() @MinLength(1) @MaxLength(10000) text!: string;
}

export class MessageInputDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 }) @IsString() @MinLength(1) @MaxLength(10000) body!: string;
  @ApiPropertyOptional({ type: [String], description: 'ids of files you uploaded to this request' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  attachmentIds?: string[];
}

export class DataAnswerDto extends TextDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(20)
  attachmentIds?: string[];
}

export class DiagnosisDto {
  @ApiProperty({ example: 'I20.0' }) @Matches(ICD) code!: string;
  @ApiProperty({ maxLength: 500 }) @IsString() @MaxLength(500) text!: string;
}

export class ConclusionContentDto {
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) anamnesisSummary!: string;
  @ApiProperty({ type: DiagnosisDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiagnosisDto)
  mainDiagnosis!: DiagnosisDto | null;
  @ApiProperty({ type: [DiagnosisDto] })
  @ValidateNested({ each: true })
  @Type(() => DiagnosisDto)
  @ArrayMaxSize(20)
  concomitantDiagnoses!: DiagnosisDto[];
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) conclusion!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) recommendations!: string;
  @ApiProperty({ maxLength: 20000 }) @IsString() @MaxLength(20000) additionalRecommendations!: string;
  @ApiProperty({ enum: ['NOT_NEEDED', 'VISIT', 'TRANSFER'] })
  @IsIn(['NOT_NEEDED', 'VISIT', 'TRANSFER'])
  inPersonVisit!: 'NOT_NEEDED' | 'VISIT' | 'TRANSFER';
  @ApiProperty({ type: [String] })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  attachmentIds!: string[];
}

export class SaveConclusionDto {
  @ApiProperty({ type: ConclusionContentDto })
  @ValidateNested()
  @Type(() => ConclusionContentDto)
  content!: ConclusionContentDto;

  @ApiProperty({ type: Number, nullable: true, description: 'null for the first save' })
  @IsOptional()
  @IsInt()
  version!: number | null;
}

export class InviteDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() consultantId!: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['NEW', 'IN_WORK', 'CLOSED', 'OVERDUE'] })
  @IsIn(['NEW', 'IN_WORK', 'CLOSED', 'OVERDUE'])
  box!: 'NEW' | 'IN_WORK' | 'CLOSED' | 'OVERDUE';
}

export class MineQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED', 'OVERDUE'] })
  @IsIn(['DRAFT', 'OPEN', 'CLOSED', 'OVERDUE'])
  box!: 'DRAFT' | 'OPEN' | 'CLOSED' | 'OVERDUE';
}

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: URGENCY, enumName: 'Urgency' })
  @IsOptional()
  @IsIn(URGENCY)
  urgency?: (typeof URGENCY)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) profileCode?: string;
}

export class JournalFilterDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'received from (inclusive)' })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'received before (exclusive)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'requesting or consulting organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) profileCode?: string;
  @ApiPropertyOptional({ enum: URGENCY, enumName: 'Urgency' })
  @IsOptional()
  @IsIn(URGENCY)
  urgency?: (typeof URGENCY)[number];
  @ApiPropertyOptional({ enum: STATUS, enumName: 'RequestStatus' })
  @IsOptional()
  @IsIn(STATUS)
  status?: (typeof STATUS)[number];
  @ApiPropertyOptional({ enum: ['MET', 'MISSED'] }) @IsOptional() @IsIn(['MET', 'MISSED']) deadline?:
    'MET' | 'MISSED';
}

export class JournalQueryDto extends JournalFilterDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class ExportQueryDto extends JournalFilterDto {
  @ApiProperty({ enum: ['xlsx', 'csv'] }) @IsIn(['xlsx', 'csv']) format!: 'xlsx' | 'csv';
}

export class SearchQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) q!: string;
}

export class CentresQueryDto {
  @ApiPropertyOptional({ description: 'only consultants of this specialty' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  profileCode?: string;
  @ApiPropertyOptional({ enum: ['REGIONAL', 'FEDERAL'], default: 'REGIONAL' })
  @IsOptional()
  @IsIn(['REGIONAL', 'FEDERAL'])
  level?: 'REGIONAL' | 'FEDERAL';
}

// ── output ────────────────────────────────────────────────────────────────────────────────────────────

export class RequestListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: '54-2026-000123' }) number!: string | null;
  @ApiProperty({ enum: STATUS, enumName: 'RequestStatus' }) status!: (typeof STATUS)[number];
  @ApiProperty({ enum: ['REGIONAL', 'FEDERAL'] }) level!: 'REGIONAL' | 'FEDERAL';
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency!: (typeof URGENCY)[number];
  @ApiProperty({ enum: MODE, enumName: 'RequestMode' }) mode!: (typeof MODE)[number];
  @ApiProperty() profileCode!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() patientName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) patientBirthDate!: string | null;
  @ApiProperty({ format: 'uuid' }) requesterId!: string;
  @ApiProperty() requesterName!: string;
  @ApiProperty() requesterOrganisationName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) centreId!: string | null;
  @ApiProperty({ type: String, nullable: true }) centreName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) consultantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) consultantName!: string | null;
  @ApiProperty({ description: 'the question, first 300 characters' }) question!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) warnAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'the clock is paused (waiting for data)',
  })
  pausedAt!: string | null;
  @ApiProperty({ enum: SLA, enumName: 'SlaState' }) slaState!: (typeof SLA)[number];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class RequestPageDto {
  @ApiProperty({ type: [RequestListItemDto] }) items!: RequestListItemDto[];
  @ApiProperty() total!: number;
}

export class InboxCountsDto {
  @ApiProperty() NEW!: number;
  @ApiProperty() IN_WORK!: number;
  @ApiProperty() CLOSED!: number;
  @ApiProperty() OVERDUE!: number;
}

export class RequestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty({ enum: STATUS, enumName: 'RequestStatus' }) status!: (typeof STATUS)[number];
  @ApiProperty({ enum: ['REGIONAL', 'FEDERAL'] }) level!: 'REGIONAL' | 'FEDERAL';
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency' }) urgency!: (typeof URGENCY)[number];
  @ApiProperty({ enum: MODE, enumName: 'RequestMode' }) mode!: (typeof MODE)[number];
  @ApiProperty() profileCode!: string;
  @ApiProperty({ format: 'uuid' }) regionId!: string;
  @ApiProperty({ format: 'uuid' }) requesterId!: string;
  @ApiProperty({ format: 'uuid' }) requesterOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) centreId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) consultantId!: string | null;
  @ApiProperty() patientName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) patientBirthDate!: string | null;
  @ApiProperty() requesterName!: string;
  @ApiProperty() requesterOrganisationName!: string;
  @ApiProperty({ type: String, nullable: true }) centreName!: string | null;
  @ApiProperty({ type: String, nullable: true }) consultantName!: string | null;
  @ApiProperty({ type: RequestContentDto }) content!: RequestContentDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) warnAt!: string | null;
  @ApiProperty({ enum: SLA, enumName: 'SlaState' }) slaState!: (typeof SLA)[number];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) oralConclusionAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) pausedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty() version!: number;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() action!: string;
  @ApiProperty() fromStatus!: string;
  @ApiProperty() toStatus!: string;
  @ApiProperty() byUserId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class ConclusionDto {
  @ApiProperty() template!: string;
  @ApiProperty({ type: ConclusionContentDto }) content!: ConclusionContentDto;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED', 'SIGNED'] }) status!: 'DRAFT' | 'SUBMITTED' | 'SIGNED';
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) signedAt!: string | null;
  @ApiProperty() version!: number;
}

export class ConsiliumMemberDto {
  @ApiProperty({ format: 'uuid' }) consultantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) invitedBy!: string;
  @ApiProperty({ format: 'date-time' }) invitedAt!: string;
  @ApiProperty({ type: String, nullable: true }) opinion!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) opinionAt!: string | null;
}

export const RELATIONS = [
  'REQUESTER',
  'CONSULTANT',
  'CENTRE',
  'CONSILIUM',
  'DISPATCHER',
  'INTEGRATOR',
] as const;

export class RequestDetailDto {
  @ApiProperty({ type: RequestViewDto }) request!: RequestViewDto;
  @ApiProperty({ enum: RELATIONS, isArray: true, enumName: 'RequestRelation' })
  relations!: (typeof RELATIONS)[number][];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiProperty({ type: ConclusionDto, nullable: true }) conclusion!: ConclusionDto | null;
  @ApiProperty({ type: [ConsiliumMemberDto] }) consilium!: ConsiliumMemberDto[];
}

export class ChatMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() authorRole!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['MESSAGE', 'DATA_REQUEST', 'DATA_ANSWER', 'SYSTEM'] })
  kind!: 'MESSAGE' | 'DATA_REQUEST' | 'DATA_ANSWER' | 'SYSTEM';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [String] }) attachmentIds!: string[];
}

export class ConsultantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) specialtyCode!: string | null;
}

export class CentreDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) shortName!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [ConsultantDto] }) consultants!: ConsultantDto[];
}

export class DictionaryItemDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class KeyCountDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() answered!: number;
  @ApiProperty() onTime!: number;
}

export class DayCountDto {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty() received!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() onTime!: number;
}

export class DashboardDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byStatus!: Record<
    string,
    number
  >;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byUrgency!: Record<
    string,
    number
  >;
  @ApiProperty({ type: [KeyCountDto], description: 'answered within the deadline, by consulting centre' })
  onTime!: KeyCountDto[];
  @ApiProperty({ type: [KeyCountDto], description: 'by profile (name = profile code)' })
  byProfile!: KeyCountDto[];
  @ApiProperty({ type: [DayCountDto] }) byDay!: DayCountDto[];
}
