import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { DeadlineAdminService, type RulesView, type CalendarView } from '@tmk/consultations-application';

const ADMINS = ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'] as const;

export class ScopeQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'system administrators: a region; omit for nationwide',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

export class CalendarQueryDto extends ScopeQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2025) @Max(2027) year!: number;
}

class PlannedRulesDto {
  @ApiProperty({ minimum: 1, maximum: 30 }) @IsInt() @Min(1) @Max(30) workingDays!: number;
}
class UrgentRulesDto {
  @ApiProperty({ minimum: 3, maximum: 24 }) @IsNumber() defaultHours!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'hours by profile code',
  })
  @IsObject()
  byProfile!: Record<string, number>;
}
class EmergencyRulesDto {
  @ApiProperty({ minimum: 5, maximum: 180 }) @IsNumber() oralMinutes!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'minutes by profile',
  })
  @IsObject()
  byProfile!: Record<string, number>;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() documentsWorkingDays!: number;
}

export class RulesInputDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601() effectiveFrom!: string;
  @ApiProperty({ type: PlannedRulesDto })
  @ValidateNested()
  @Type(() => PlannedRulesDto)
  planned!: PlannedRulesDto;
  @ApiProperty({ type: UrgentRulesDto })
  @ValidateNested()
  @Type(() => UrgentRulesDto)
  urgent!: UrgentRulesDto;
  @ApiProperty({ type: EmergencyRulesDto })
  @ValidateNested()
  @Type(() => EmergencyRulesDto)
  emergency!: EmergencyRulesDto;
  @ApiProperty({ minimum: 0.05, maximum: 0.95, example: 0.8 }) @IsNumber() warnAtShare!: number;
  @ApiProperty({ enum: ['PAUSE', 'RUN'] }) @IsIn(['PAUSE', 'RUN']) waitingForData!: 'PAUSE' | 'RUN';
}

export class PublishRulesDto {
  @ApiProperty({ type: RulesInputDto }) @ValidateNested() @Type(() => RulesInputDto) rules!: RulesInputDto;
  @ApiProperty({ description: 'the version you edited (0 when the scope has none yet)' })
  @IsInt()
  @Min(0)
  version!: number;
}

export class RuleSetDto extends RulesInputDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) regionId!: string | null;
}

export class RuleSetVersionDto {
  @ApiProperty({ type: RuleSetDto }) rules!: RuleSetDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy!: string | null;
}

export class RulesViewDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) regionId!: string | null;
  @ApiProperty({ type: RuleSetDto }) inForce!: RuleSetDto;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [RuleSetVersionDto] }) history!: RuleSetVersionDto[];
}

export class CorrectionInputDto {
  @ApiProperty({ description: 'true: a working day; false: a day off' }) @IsBoolean() working!: boolean;
  @ApiProperty({ maxLength: 300, example: 'Постановление Правительства РФ от … № …' })
  @IsString()
  @MaxLength(300)
  note!: string;
}

export class CalendarCorrectionDto {
  @ApiProperty({ enum: ['RU', 'REGION'] }) scope!: 'RU' | 'REGION';
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() working!: boolean;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class CalendarViewDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'identifies the calendar revision stored with computed deadlines' })
  calendarId!: string;
  @ApiProperty({ type: [String], description: 'every non-working date (weekends included)' })
  daysOff!: string[];
  @ApiProperty({ type: [CalendarCorrectionDto] }) corrections!: CalendarCorrectionDto[];
}

const rulesView = (v: RulesView): RulesViewDto => ({
  regionId: v.regionId,
  inForce: { ...v.inForce } as RuleSetDto,
  version: v.version,
  history: v.history.map((h) => ({
    ...h,
    rules: { ...h.rules } as RuleSetDto,
    createdAt: h.createdAt.toISOString(),
  })),
});

const calendarView = (c: CalendarView): CalendarViewDto => ({
  ...c,
  daysOff: [...c.daysOff],
  corrections: c.corrections.map((x) => ({ ...x, changedAt: x.changedAt.toISOString() })),
});

/** Deadline rules per region (versioned) and the production calendar's corrections (issue item 4). */
@ApiTags('consultations')
@ApiCookieAuth()
@Controller('consultations/deadlines')
export class DeadlinesController {
  constructor(private readonly admin: DeadlineAdminService) {}

  @Get('rules')
  @Access.staff(...ADMINS)
  @ApiOkResponse({ type: RulesViewDto })
  async rules(@CurrentActor() actor: Actor, @Query() q: ScopeQueryDto): Promise<RulesViewDto> {
    return rulesView(await this.admin.rules(actor, q.regionId));
  }

  @Put('rules')
  @Access.staff(...ADMINS)
  @ApiOkResponse({ type: RuleSetDto, description: 'publishes a new version; 409 if someone published first' })
  async publish(
    @CurrentActor() actor: Actor,
    @Query() q: ScopeQueryDto,
    @Body() body: PublishRulesDto,
  ): Promise<RuleSetDto> {
    return { ...(await this.admin.publish(actor, q.regionId, body.rules, body.version)) } as RuleSetDto;
  }

  @Get('calendar')
  @Access.staff(...ADMINS)
  @ApiOkResponse({ type: CalendarViewDto })
  async calendar(@CurrentActor() actor: Actor, @Query() q: CalendarQueryDto): Promise<CalendarViewDto> {
    return calendarView(await this.admin.calendar(actor, q.regionId, q.year));
  }

  @Put('calendar/:date')
  @HttpCode(204)
  @Access.staff(...ADMINS)
  @ApiNoContentResponse({ description: 'the date becomes a working day or a day off' })
  async correct(
    @CurrentActor() actor: Actor,
    @Param('date') date: string,
    @Query() q: ScopeQueryDto,
    @Body() body: CorrectionInputDto,
  ): Promise<void> {
    await this.admin.correct(actor, q.regionId, validDate(date), body.working, body.note);
  }

  @Delete('calendar/:date')
  @HttpCode(204)
  @Access.staff(...ADMINS)
  @ApiNoContentResponse({ description: 'back to the shipped calendar for this date' })
  async remove(@CurrentActor() actor: Actor, @Param('date') date: string, @Query() q: ScopeQueryDto) {
    await this.admin.removeCorrection(actor, q.regionId, validDate(date));
  }
}

function validDate(date: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
  if (!ok || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'date must be YYYY-MM-DD', [
      { field: 'date', code: 'DATE_FORMAT', message: 'date must be a calendar date YYYY-MM-DD' },
    ]);
  }
  return date;
}
