import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Access, DeadLetters, type DeadLetter } from '@tmk/shared-infrastructure';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({ example: 'audit' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  consumer?: string;

  @ApiPropertyOptional({ description: 'Include dead letters already sent for retry' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeRetried?: boolean;
}

export class DeadLetterDto {
  @ApiProperty() id!: string;
  @ApiProperty() consumer!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() error!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) retriedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) event!: DeadLetter['event'];
}

export class DeadLetterIdParam {
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'id must be a number' })
  id!: string;
}

/** Operators' view of the event backbone: events that exhausted their attempts, and their replay. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/dead-letters')
export class OpsController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @Access.ops()
  @ApiOkResponse({ type: [DeadLetterDto] })
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetter[]> {
    return this.deadLetters.list({
      ...(query.consumer ? { consumer: query.consumer } : {}),
      includeRetried: query.includeRetried ?? false,
    });
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Access.ops()
  @ApiAcceptedResponse({ type: DeadLetterDto })
  retry(@Param() params: DeadLetterIdParam): Promise<DeadLetter> {
    return this.deadLetters.retry(params.id);
  }
}
