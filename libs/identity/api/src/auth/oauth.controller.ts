import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '@tmk/shared-infrastructure';
import { AuthService } from '@tmk/identity-application';
import { TokenDto, TokenRequestDto } from '../dto';
import { clientMeta } from './session-cookies';

/** OAuth2 client credentials for integrators (МИС of clinics): opaque bearer tokens with scopes. */
@ApiTags('auth')
@Controller('oauth')
export class OAuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Access.public('integrators authenticate here with their client credentials')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: TokenDto })
  token(@Body() body: TokenRequestDto, @Req() req: Request): Promise<TokenDto> {
    let clientId = body.client_id ?? '';
    let secret = body.client_secret ?? '';
    const basic = req.headers.authorization;
    if (basic?.startsWith('Basic ')) {
      const decoded = Buffer.from(basic.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    return this.auth.clientCredentials(clientId, secret, body.scope, clientMeta(req));
  }
}
