import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { StaffService, type StaffUser } from '@tmk/identity-application';
import { ListQueryDto, MembershipInputDto, NewStaffDto, PasswordResetDto, StaffDto } from './dto';

function view(u: StaffUser): StaffDto {
  return {
    ...u,
    displayName: [u.surname, u.name, u.patronymic].filter(Boolean).join(' '),
    memberships: [...u.memberships],
  };
}

/** Staff accounts, administered by regional and system administrators. */
@ApiTags('identity')
@ApiCookieAuth()
@Controller('identity/staff')
@Access.staff('SYSTEM_ADMIN', 'REGIONAL_ADMIN')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOkResponse({ type: [StaffDto] })
  async list(@CurrentActor() actor: Actor, @Query() query: ListQueryDto): Promise<StaffDto[]> {
    return (
      await this.staff.list(actor, {
        organisationId: query.organisationId,
        q: query.q,
        includeInactive: query.includeInactive === 'true',
      })
    ).map(view);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffDto })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffDto> {
    return view(await this.staff.get(actor, id));
  }

  @Post()
  @ApiCreatedResponse({ type: StaffDto })
  async create(@CurrentActor() actor: Actor, @Body() body: NewStaffDto): Promise<StaffDto> {
    return view(await this.staff.create(actor, body));
  }

  @Post(':id/roles')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffDto })
  async grant(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MembershipInputDto,
  ): Promise<StaffDto> {
    return view(await this.staff.grant(actor, id, body.organisationId, body.role));
  }

  @Post(':id/roles/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffDto })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MembershipInputDto,
  ): Promise<StaffDto> {
    return view(await this.staff.revoke(actor, id, body.organisationId, body.role));
  }

  @Post(':id/password-reset')
  @HttpCode(204)
  @ApiNoContentResponse()
  async resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PasswordResetDto,
  ): Promise<void> {
    await this.staff.resetPassword(actor, id, body.newPassword);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffDto })
  async deactivate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffDto> {
    return view(await this.staff.setActive(actor, id, false));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffDto })
  async activate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffDto> {
    return view(await this.staff.setActive(actor, id, true));
  }
}
