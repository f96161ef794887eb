import {
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { Access, CurrentActor, cellText, csvCell } from '@tmk/shared-infrastructure';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { AuditAnchorService } from '@tmk/audit-infrastructure';

import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  AuditQueries,
  type AuditAction,
  type AuditFilter,
  type AuditOutcome,
  type AuditRecordView,
} from '@tmk/audit-application';

export class AuditSearchQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) patientId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) resourceType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) requestId?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn([...AUDIT_ACTIONS]) action?: AuditAction;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn([...AUDIT_OUTCOMES])
  outcome?: AuditOutcome;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) beforeSeq?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditExportQueryDto extends AuditSearchQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format!: 'csv' | 'xlsx';
}

export class SecurityQueryDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601() from!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601() to!: string;
}

export class PatientAccessQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() patientId!: string;
}

export class AuditRecordDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorKind!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ type: String, nullable: true }) actorOrganisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRegionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) onBehalfOf!: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty() resourceType!: string;
  @ApiProperty({ type: String, nullable: true }) resourceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) patientId!: string | null;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome!: AuditOutcome;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceEventType!: string | null;
  @ApiProperty({ type: Object, nullable: true }) changes!: Record<string, unknown> | null;
  @ApiProperty({ description: 'SHA-256 chain hash, hex' }) hash!: string;
}

export class SecurityHourDto {
  @ApiProperty({ format: 'date-time' }) hour!: string;
  @ApiProperty() loginFailures!: number;
  @ApiProperty() lockouts!: number;
  @ApiProperty() denials!: number;
  @ApiProperty() logins!: number;
}

export class PatientAccessDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorKind!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ type: String, nullable: true }) actorOrganisationId!: string | null;
  @ApiProperty() resourceType!: string;
  @ApiProperty({ type: String, nullable: true }) onBehalfOf!: string | null;
}

export class AnchorDto {
  @ApiProperty() id!: number;
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty({ description: 'signature valid and the chain still holds this hash at seq' }) valid!: boolean;
}

export class IntegrityDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checked!: number;
  @ApiProperty() headSeq!: number;
  @ApiProperty({ type: Object, nullable: true, description: '{kind: HASH_MISMATCH|GAP, seq}' })
  broken!: Record<string, unknown> | null;
  @ApiProperty() millis!: number;
}

function filterOf(q: AuditSearchQueryDto, limit = q.limit ?? 100): Omit<AuditFilter, 'actorRegionId'> {
  return {
    actorId: q.actorId,
    patientId: q.patientId,
    resourceType: q.resourceType,
    resourceId: q.resourceId,
    requestId: q.requestId,
    action: q.action,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    beforeSeq: q.beforeSeq,
    limit,
  };
}

const EXPORT_COLUMNS: (keyof AuditRecordView)[] = [
  'seq',
  'at',
  'actorKind',
  'actorId',
  'actorRoles',
  'actorOrganisationId',
  'onBehalfOf',
  'action',
  'resourceType',
  'resourceId',
  'patientId',
  'outcome',
  'reason',
  'ip',
  'userAgent',
  'requestId',
  'sourceEventType',
  'changes',
  'hash',
];

/** The audit trail for administrators, the security dashboard, and patients' own access history. */
@ApiTags('audit')
@ApiCookieAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: AuditQueries,
    private readonly anchors: AuditAnchorService,
  ) {}

  @Get('records')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: [AuditRecordDto] })
  search(@CurrentActor() actor: Actor, @Query() q: AuditSearchQueryDto): Promise<AuditRecordView[]> {
    return this.queries.search(actor, filterOf(q));
  }

  @Get('records/export')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentActor() actor: Actor,
    @Query() q: AuditExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const records = await this.queries.search(actor, filterOf(q, 50_000));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    if (q.format === 'csv') {
      const lines = [
        EXPORT_COLUMNS.join(';'),
        ...records.map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(';')),
      ];
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.csv"`);
      return new StreamableFile(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
    }
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'ТМК';
    const sheet = workbook.addWorksheet('Аудит');
    sheet.columns = EXPORT_COLUMNS.map((c) => ({
      header: c,
      key: c,
      width: c === 'userAgent' || c === 'changes' ? 40 : 18,
    }));
    for (const r of records) sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, cellText(r[c])])));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.xlsx"`);
    return new StreamableFile(Buffer.from(await workbook.xlsx.writeBuffer()));
  }

  @Get('records/:seq')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: AuditRecordDto })
  get(@CurrentActor() actor: Actor, @Param('seq', ParseIntPipe) seq: number): Promise<AuditRecordView> {
    return this.queries.get(actor, seq);
  }

  @Get('security/hourly')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: [SecurityHourDto] })
  security(@CurrentActor() actor: Actor, @Query() q: SecurityQueryDto) {
    return this.queries.securityByHour(actor, new Date(q.from), new Date(q.to));
  }

  @Get('integrity')
  @Access.staff('SYSTEM_ADMIN')
  @ApiOkResponse({ type: IntegrityDto })
  integrity(@CurrentActor() actor: Actor) {
    return this.queries.verify(actor);
  }

  @Get('anchors')
  @Access.staff('SYSTEM_ADMIN')
  @ApiOkResponse({ type: [AnchorDto] })
  listAnchors() {
    return this.anchors.list();
  }

  @Post('anchors')
  @HttpCode(201)
  @Access.staff('SYSTEM_ADMIN')
  @ApiOkResponse({ type: AnchorDto })
  async anchorNow() {
    const anchor = await this.anchors.anchorNow();
    if (!anchor)
      throw new DomainError(
        'AUDIT.NO_SIGNING_KEY',
        'unavailable',
        'AUDIT_SIGNING_KEY_FILE is not configured',
      );
    return anchor;
  }

  @Get('my-data-accesses')
  @Access.to({ patient: true })
  @ApiOkResponse({ type: [PatientAccessDto] })
  myDataAccesses(@CurrentActor() actor: Actor, @Query() q: PatientAccessQueryDto) {
    return this.queries.patientAccesses(actor, q.patientId);
  }
}
