import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ListEventLogQuery, type EventLogEntry } from '@tmk/audit-application';
import { Access } from '@tmk/shared-infrastructure';

export class EventLogQueryDto {
  @ApiPropertyOptional({ description: 'Only events about this aggregate' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  aggregateId?: string;

  @ApiPropertyOptional({ example: 'consultations.DemoPingRecorded' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eventType?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class EventLogEntryDto implements EventLogEntry {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() eventVersion!: number;
  @ApiProperty() aggregateId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) correlationId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/event-log')
export class EventLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access.ops()
  @ApiOkResponse({ type: [EventLogEntryDto] })
  list(@Query() query: EventLogQueryDto): Promise<EventLogEntry[]> {
    return this.queryBus.execute(
      new ListEventLogQuery({
        limit: query.limit ?? 50,
        ...(query.aggregateId ? { aggregateId: query.aggregateId } : {}),
        ...(query.eventType ? { eventType: query.eventType } : {}),
      }),
    );
  }
}
