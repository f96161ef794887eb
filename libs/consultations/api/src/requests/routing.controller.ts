import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { RoutingService } from '@tmk/consultations-application';
import { Icd10Dictionary } from '@tmk/consultations-infrastructure';
import { CentreDto, CentresQueryDto, DictionaryItemDto, SearchQueryDto } from './dto';

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

  @Get('dictionaries/icd10')
  @Access.staff('REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER')
  @ApiOkResponse({
    type: [DictionaryItemDto],
    description:
      'МКБ-10 (НСИ 1.2.643.5.1.13.13.11.1005): by code prefix (Cyrillic look-alikes and the Russian layout accepted) or by words of the name; 20 at most',
  })
  icd10(@Query() q: SearchQueryDto): DictionaryItemDto[] {
    return Icd10Dictionary.load()
      .search(q.q, 20)
      .map((e) => ({ code: e.code, name: e.name }));
  }
}
