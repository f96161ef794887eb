import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { Access, CurrentActor } from '@tmk/shared-infrastructure';
import { derFrom } from '@tmk/shared-cades';
import { TrustStoreService } from '@tmk/signing-application';
import {
  AddTrustAnchorDto,
  anchorDto,
  crlDto,
  CrlDto,
  FetchCrlDto,
  TrustAnchorDto,
  UploadCrlDto,
} from './dto';

const bytesOf = (text: string, field: string): Uint8Array => {
  // PEM bundles are passed through as text; base64 and single PEM blocks become DER.
  if (/-----BEGIN /.test(text)) return new TextEncoder().encode(text);
  const der = derFrom(text);
  if (!der) {
    throw DomainError.validation('SIGNING.NOT_BASE64', 'Send PEM, or base64 of the DER', [
      { field, code: 'INVALID', message: 'not base64 or PEM' },
    ]);
  }
  return der;
};

/**
 * The trust store (accredited CAs are nationwide, so system administrators manage it; regional
 * administrators see it): CA certificates a signer's chain must reach, CRLs uploaded or fetched by URL.
 */
@ApiTags('signing')
@ApiCookieAuth()
@Controller('signing/trust')
export class TrustController {
  constructor(private readonly trust: TrustStoreService) {}

  @Get('anchors')
  @Access.to({ staff: ['SYSTEM_ADMIN', 'REGIONAL_ADMIN'] })
  @ApiOkResponse({ type: [TrustAnchorDto] })
  async anchors(): Promise<TrustAnchorDto[]> {
    return (await this.trust.anchors()).map(anchorDto);
  }

  @Post('anchors')
  @HttpCode(201)
  @Access.to({ staff: ['SYSTEM_ADMIN'] })
  @ApiCreatedResponse({
    type: TrustAnchorDto,
    description:
      '400 SIGNING.NOT_A_CERTIFICATE / SIGNING.NOT_A_CA_CERTIFICATE; the same certificate twice → the existing one',
  })
  async addAnchor(@CurrentActor() actor: Actor, @Body() body: AddTrustAnchorDto): Promise<TrustAnchorDto> {
    return anchorDto(await this.trust.addAnchor(actor, bytesOf(body.certificate, 'certificate')));
  }

  @Delete('anchors/:id')
  @HttpCode(204)
  @Access.to({ staff: ['SYSTEM_ADMIN'] })
  @ApiNoContentResponse()
  async removeAnchor(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.trust.removeAnchor(id);
  }

  @Get('crls')
  @Access.to({ staff: ['SYSTEM_ADMIN', 'REGIONAL_ADMIN'] })
  @ApiOkResponse({ type: [CrlDto] })
  async crls(): Promise<CrlDto[]> {
    return (await this.trust.crls()).map(crlDto);
  }

  @Post('crls')
  @HttpCode(201)
  @Access.to({ staff: ['SYSTEM_ADMIN'] })
  @ApiCreatedResponse({ type: CrlDto, description: '400 SIGNING.NOT_A_CRL / SIGNING.CRL_ISSUER_UNKNOWN' })
  async uploadCrl(@Body() body: UploadCrlDto): Promise<CrlDto> {
    return crlDto(await this.trust.uploadCrl(bytesOf(body.crl, 'crl')));
  }

  @Post('crls/fetch')
  @HttpCode(201)
  @Access.to({ staff: ['SYSTEM_ADMIN'] })
  @ApiCreatedResponse({
    type: CrlDto,
    description: 'fetched now and again whenever it is outdated; 400 SIGNING.CRL_UNREACHABLE / NOT_A_CRL',
  })
  async fetchCrl(@Body() body: FetchCrlDto): Promise<CrlDto> {
    return crlDto(await this.trust.addCrlFromUrl(body.url));
  }

  @Delete('crls/:id')
  @HttpCode(204)
  @Access.to({ staff: ['SYSTEM_ADMIN'] })
  @ApiNoContentResponse()
  async removeCrl(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.trust.removeCrl(id);
  }
}
