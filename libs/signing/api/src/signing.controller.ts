import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import { Readable } from 'node:stream';
import {
  Access,
  AuditedRead,
  CurrentActor,
  PatientFile,
  attachmentDisposition,
  patientOf,
  withPatient,
} from '@tmk/shared-infrastructure';
import { derFrom } from '@tmk/shared-cades';
import { SigningService, type DocumentView, type OpenedFile } from '@tmk/signing-application';
import { documentDto, signatureDto, SignatureDto, SignedDocumentDto, SubmitSignatureDto } from './dto';

const withPatientOf = (view: DocumentView): SignedDocumentDto =>
  withPatient(documentDto(view), view.patientId);

/** A download of a signed document's file, for the audit record. */
const documentFile = (file: OpenedFile): PatientFile =>
  new PatientFile(
    Readable.from([Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength)]),
    {
      type: file.mediaType,
      disposition: attachmentDisposition(file.fileName),
      length: file.content.byteLength,
    },
    file.patientId,
    file.documentId,
  );

const READERS = {
  staff: ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'],
  integrator: ['consultations:read', 'consultations:write'],
} as const;

const auditedDocument = (action: 'read' | 'download') =>
  AuditedRead({
    resource: 'signed-document',
    action,
    patientIds: (r) => [patientOf(r) ?? ''].filter(Boolean),
    resourceId: (r) => (r instanceof PatientFile ? r.resourceId : (r as SignedDocumentDto).id),
  });

/**
 * Legally significant documents of consultations (issue "signing"): the conclusion as rendered for signing,
 * its signatures and the signed package. The request's participants read (every read is audited); the
 * conclusion's author signs first, consilium members after.
 */
@ApiTags('signing')
@ApiCookieAuth()
@Controller('signing')
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  @Get('conclusions/:requestId')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @ApiOkResponse({
    type: SignedDocumentDto,
    description: 'rendered on first use once the conclusion is submitted; 404 SIGNING.NO_CONCLUSION before',
  })
  @auditedDocument('read')
  async conclusion(
    @CurrentActor() actor: Actor,
    @Param('requestId', ParseUUIDPipe) requestId: string,
  ): Promise<SignedDocumentDto> {
    return withPatientOf(await this.signing.conclusionOf(actor, requestId));
  }

  @Get('documents/:id')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @ApiOkResponse({ type: SignedDocumentDto })
  @auditedDocument('read')
  async document(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SignedDocumentDto> {
    return withPatientOf(await this.signing.document(actor, id));
  }

  @Get('documents/:id/original')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'the exact bytes that are signed',
    schema: { type: 'string', format: 'binary' },
  })
  @auditedDocument('download')
  async original(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    return documentFile(await this.signing.original(actor, id));
  }

  @Get('documents/:id/stamped')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'the visualised copy: a stamp per accepted signature, the original and the .sig files attached inside; 409 SIGNING.NOT_SIGNED before',
    schema: { type: 'string', format: 'binary' },
  })
  @auditedDocument('download')
  async stamped(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    return documentFile(await this.signing.stamped(actor, id));
  }

  @Get('documents/:id/signatures/:signatureId')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pkcs7-signature')
  @ApiOkResponse({
    description: 'an accepted detached signature, DER (.sig)',
    schema: { type: 'string', format: 'binary' },
  })
  @auditedDocument('download')
  async signature(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('signatureId', ParseUUIDPipe) signatureId: string,
  ): Promise<StreamableFile> {
    return documentFile(await this.signing.signatureFile(actor, id, signatureId));
  }

  @Post('documents/:id/signatures')
  @HttpCode(201)
  @Access.to({ staff: ['CONSULTANT'] })
  @ApiCreatedResponse({
    type: SignatureDto,
    description:
      'accepted; 422 SIGNING.SIGNATURE_REJECTED with `reasons` (recorded, SignatureRejected published), 403 SIGNING.NOT_A_SIGNER, 409 SIGNING.ALREADY_SIGNED / SIGNING.AUTHOR_FIRST',
  })
  async sign(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SubmitSignatureDto,
  ): Promise<SignatureDto> {
    const der = derFrom(body.signature);
    if (!der) {
      throw DomainError.validation(
        'SIGNING.MALFORMED_SIGNATURE',
        'Send the signature as base64 of the DER or PEM',
        [{ field: 'signature', code: 'INVALID', message: 'not base64 or PEM' }],
      );
    }
    return signatureDto(await this.signing.sign(actor, id, der));
  }
}
