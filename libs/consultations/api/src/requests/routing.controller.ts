import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { RoutingService } from '@tmk/consultations-application';
import { CentreDto, CentresQueryDto } from './dto';

/** Lookups for the request form and the dispatcher's assignment dialog. */
@ApiTags('consultations')
@ApiCookieAuth()
@Controller('consultations')
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Get('centres')
  @Access.staff('REQUESTING_DOCTOR', 'DISPATCHER', 'CONSULTANT')
  @ApiOkResponse({ type: [CentreDto], description: 'consultation centres (ТКЦ) and their consultants' })
  async centres(@CurrentActor() actor: Actor, @Query() q: CentresQueryDto): Promise<CentreDto[]> {
    const centres = await this.routing.centres(actor, q.level ?? 'REGIONAL', q.profileCode);
    return centres.map((c) => ({ ...c, consultants: c.consultants.map((x) => ({ ...x })) }));
  }
}
