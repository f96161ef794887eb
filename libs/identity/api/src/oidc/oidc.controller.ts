import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '@tmk/shared-infrastructure';
import { AuthProviderDto, OidcLoginQueryDto } from './oidc.dto';
import { OidcLoginService } from './oidc-login.service';

/** Sign-in through external OpenID Connect providers (ADR 0010). Browser navigations, not XHR. */
@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(private readonly oidc: OidcLoginService) {}

  @Get('providers')
  @Access.public('login pages list the external sign-in options before anyone is signed in')
  @ApiOkResponse({ type: [AuthProviderDto] })
  providers(): AuthProviderDto[] {
    return this.oidc.list();
  }

  @Get('oidc/:provider/login')
  @Access.public('starts an external sign-in; nobody is signed in yet')
  @ApiFoundResponse({
    description:
      'Redirect to the provider (PKCE S256, state, nonce); `/<app>/login?loginError=AUTH.OIDC_UNAVAILABLE` when it cannot be reached',
  })
  async login(
    @Param('provider') provider: string,
    @Query() query: OidcLoginQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.oidc.start(provider, query, req, res);
  }

  @Get('oidc/:provider/callback')
  @Access.public(
    'the provider sends the browser back here; the transaction cookie, state, PKCE and the signed ID token authenticate it',
  )
  @ApiFoundResponse({
    description:
      'Session cookies set and redirect to returnTo; or `/<app>/login?loginError=AUTH.NO_ACCOUNT` (no account with that SNILS) / `AUTH.OIDC_FAILED`',
  })
  async callback(
    @Param('provider') provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.oidc.finish(provider, req, res);
  }
}
