import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { RecordDemoPingCommand } from '@tmk/consultations-application';
import { Access } from '@tmk/shared-infrastructure';

export class RecordDemoPingDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'backbone check' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  message!: string;
}

export class DemoPingRecordedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

/** Foundation slice: one command whose integration event the audit context stores. */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations/demo-pings')
export class DemoPingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Access.ops()
  @ApiCreatedResponse({ type: DemoPingRecordedDto })
  record(@Body() body: RecordDemoPingDto): Promise<DemoPingRecordedDto> {
    return this.commandBus.execute(new RecordDemoPingCommand(body.message));
  }
}
