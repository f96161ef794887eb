import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '@tmk/shared-kernel';
import { Access, APP_CONFIG, RateLimit, type AppConfig } from '@tmk/shared-infrastructure';
import { PublicVerificationService } from '@tmk/signing-application';
import { reportDto, VerificationReportDto } from './dto';
import { receiveFiles } from './multipart-files';

/**
 * The public verification page's endpoint (no login): a PDF and its detached signature(s), or a stamped
 * copy alone. Rate-limited per client address; keeps nothing it is given (no audit record either: no
 * patient is identified by ТМК here — the caller brought the document).
 */
@ApiTags('signing')
@Controller('signing/verify')
export class VerificationController {
  constructor(
    private readonly verification: PublicVerificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Access.public('the public verification page: anyone may check a signed document; stores nothing')
  @RateLimit({ name: 'signing-verify', perMinute: (c) => c.SIGNING_VERIFY_PER_MINUTE })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      'field "document": the PDF (or the stamped copy); fields "signature": its detached .sig files (omit for a stamped copy)',
    schema: {
      type: 'object',
      required: ['document'],
      properties: {
        document: { type: 'string', format: 'binary' },
        signature: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiOkResponse({
    type: VerificationReportDto,
    description:
      '400 SIGNING.NO_SIGNATURE / MULTIPART_REQUIRED, 413 SIGNING.FILE_TOO_LARGE, 429 HTTP.RATE_LIMITED',
  })
  async verify(@Req() req: Request): Promise<VerificationReportDto> {
    const files = await receiveFiles(req, {
      maxBytes: this.config.SIGNING_VERIFY_MAX_BYTES,
      maxFiles: 17,
      fields: ['document', 'signature'],
    });
    const [document, ...others] = files.get('document') ?? [];
    if (!document || others.length > 0 || document.byteLength === 0) {
      throw DomainError.validation(
        'SIGNING.DOCUMENT_REQUIRED',
        'Send exactly one document in the field "document"',
        [{ field: 'document', code: 'REQUIRED', message: 'one file' }],
      );
    }
    return reportDto(await this.verification.verify(document, files.get('signature') ?? []));
  }
}
