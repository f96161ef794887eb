import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { OrganisationService } from '@tmk/identity-application';
import {
  DictionaryEntryDto,
  ListQueryDto,
  OrganisationDto,
  OrganisationInputDto,
  OrganisationUpdateDto,
  RegionDto,
  VersionDto,
} from './dto';

const input = (b: OrganisationInputDto) => ({ ...b, regionId: b.regionId ?? null });

@ApiTags('identity')
@ApiCookieAuth()
@Controller('identity')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get('regions')
  @Access.staff()
  @ApiOkResponse({ type: [RegionDto] })
  regions() {
    return this.organisations.regions();
  }

  @Get('organisations')
  @Access.to({ staff: 'any', integrator: ['patients:read', 'patients:write'] })
  @ApiOkResponse({ type: [OrganisationDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListQueryDto) {
    return this.organisations.list(actor, {
      regionId: query.regionId,
      q: query.q,
      includeInactive: query.includeInactive === 'true',
    });
  }

  @Get('organisations/:id')
  @Access.to({ staff: 'any', patient: true, integrator: ['patients:read', 'patients:write'] })
  @ApiOkResponse({ type: OrganisationDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.organisations.get(id);
  }

  @Post('organisations')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiCreatedResponse({ type: OrganisationDto })
  create(@CurrentActor() actor: Actor, @Body() body: OrganisationInputDto) {
    return this.organisations.create(actor, input(body));
  }

  @Patch('organisations/:id')
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: OrganisationDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OrganisationUpdateDto,
  ) {
    const { version, ...fields } = body;
    return this.organisations.update(actor, id, version, input(fields));
  }

  @Post('organisations/:id/deactivate')
  @HttpCode(200)
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: OrganisationDto })
  deactivate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: VersionDto) {
    return this.organisations.setActive(actor, id, body.version, false);
  }

  @Post('organisations/:id/activate')
  @HttpCode(200)
  @Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
  @ApiOkResponse({ type: OrganisationDto })
  activate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: VersionDto) {
    return this.organisations.setActive(actor, id, body.version, true);
  }

  @Get('dictionaries/specialties')
  @Access.staff()
  @ApiOkResponse({ type: [DictionaryEntryDto] })
  specialties() {
    return this.organisations.dictionary('specialty');
  }

  @Get('dictionaries/positions')
  @Access.staff()
  @ApiOkResponse({ type: [DictionaryEntryDto] })
  positions() {
    return this.organisations.dictionary('position');
  }
}
