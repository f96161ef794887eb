import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { IntegratorService } from '@tmk/identity-application';
import { IntegrationClientDto, IntegrationClientSecretDto, NewIntegrationClientDto } from './dto';

const copy = <T extends { scopes: readonly string[] }>(c: T) => ({ ...c, scopes: [...c.scopes] });

/** OAuth2 clients for МИС integrators, administered per organisation by regional and system admins. */
@ApiTags('identity')
@ApiCookieAuth()
@Controller('identity/integration-clients')
@Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
export class IntegratorsController {
  constructor(private readonly integrators: IntegratorService) {}

  @Get()
  @ApiOkResponse({ type: [IntegrationClientDto] })
  async list(@CurrentActor() actor: Actor): Promise<IntegrationClientDto[]> {
    return (await this.integrators.list(actor)).map(copy);
  }

  @Post()
  @ApiCreatedResponse({ type: IntegrationClientSecretDto })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: NewIntegrationClientDto,
  ): Promise<IntegrationClientSecretDto> {
    return copy(await this.integrators.create(actor, body));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: IntegrationClientSecretDto })
  async rotate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IntegrationClientSecretDto> {
    return copy(await this.integrators.rotateSecret(actor, id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: IntegrationClientDto })
  async deactivate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IntegrationClientDto> {
    return copy(await this.integrators.setActive(actor, id, false));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: IntegrationClientDto })
  async activate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<IntegrationClientDto> {
    return copy(await this.integrators.setActive(actor, id, true));
  }
}
