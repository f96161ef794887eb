import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@tmk/shared-kernel';
import { Access, APP_CONFIG, RealtimeBus, RealtimeRooms, type AppConfig } from '@tmk/shared-infrastructure';
import { AuthService, type Authenticated, type Me } from '@tmk/identity-application';
import { ChangePasswordDto, LoginDto, MeDto, ProfileDto, SwitchOrganisationDto } from '../dto';
import { clearSessionCookies, clientMeta, setSessionCookies } from './session-cookies';
import { sessionOf } from './identity-authenticator';

function requireSession(req: Request): Authenticated {
  const session = sessionOf(req);
  if (!session)
    throw DomainError.forbidden('ACCESS.DENIED', 'This endpoint needs a browser session, not a token');
  return session;
}

/** Sessions of the SPAs (cookie + CSRF token, ADR 0009). */
@ApiTags('auth')
@ApiCookieAuth()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly realtime: RealtimeBus,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access.public('staff sign in here; throttled per login, no account enumeration')
  @ApiOkResponse({ type: MeDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Me> {
    const opened = await this.auth.passwordLogin(body.login, body.password, clientMeta(req));
    setSessionCookies(res, opened, this.config);
    const session = await this.auth.authenticateSession(opened.token);
    if (!session)
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthorized', 'Wrong login or password');
    return this.auth.me(session);
  }

  @Get('me')
  @Access.signedIn()
  @ApiOkResponse({ type: MeDto })
  me(@Req() req: Request): Promise<Me> {
    return this.auth.me(requireSession(req));
  }

  @Post('logout')
  @HttpCode(204)
  @Access.signedIn()
  @ApiNoContentResponse()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const session = requireSession(req);
    await this.auth.logout(session);
    clearSessionCookies(res, this.config);
    // the session's open sockets end too (the bus reaches every api instance)
    await this.realtime.disconnect([RealtimeRooms.session(session.session.id)]);
  }

  @Post('logout-all')
  @HttpCode(204)
  @Access.signedIn()
  @ApiNoContentResponse()
  async logoutAll(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const session = requireSession(req);
    await this.auth.logoutEverywhere(session);
    clearSessionCookies(res, this.config);
    const { actor } = session;
    // every device of a staff member; a patient's other sessions are refused at their next watch
    await this.realtime.disconnect([
      actor.kind === 'staff' ? RealtimeRooms.user(actor.userId) : RealtimeRooms.session(session.session.id),
    ]);
  }

  @Post('active-organisation')
  @HttpCode(200)
  @Access.staff()
  @ApiOkResponse({ type: MeDto })
  async switchOrganisation(@Body() body: SwitchOrganisationDto, @Req() req: Request): Promise<Me> {
    const session = requireSession(req);
    await this.auth.switchOrganisation(session, body.organisationId);
    const refreshed = await this.auth.authenticateSession(readToken(req));
    return this.auth.me(refreshed ?? session);
  }

  @Post('password')
  @HttpCode(204)
  @Access.staff()
  @ApiNoContentResponse()
  async changePassword(@Body() body: ChangePasswordDto, @Req() req: Request): Promise<void> {
    await this.auth.changePassword(requireSession(req), body.currentPassword, body.newPassword);
  }

  @Patch('profile')
  @Access.staff()
  @ApiOkResponse({ type: MeDto })
  async profile(@Body() body: ProfileDto, @Req() req: Request): Promise<Me> {
    const session = requireSession(req);
    await this.auth.updateProfile(session, body.timeZone);
    return this.auth.me(session);
  }
}

function readToken(req: Request): string {
  const header = req.headers.cookie ?? '';
  const match = /(?:^|;\s*)tmk_session=([^;]+)/.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}
