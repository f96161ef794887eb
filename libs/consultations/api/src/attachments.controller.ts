import {
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@tmk/shared-kernel';
import {
  Access,
  AuditedRead,
  CurrentActor,
  PatientFile,
  patientOf,
  withPatient,
} from '@tmk/shared-infrastructure';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_LIMITS,
  ATTACHMENT_MEDIA_TYPES,
  AttachmentService,
  type AttachmentKind,
  type AttachmentLimits,
  type AttachmentView,
  type OpenedAttachment,
} from '@tmk/consultations-application';
import { abandonUpload, attachmentDisposition, receiveOneFile } from './attachments/multipart-upload';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'the chat message it was sent with',
  })
  messageId!: string | null;
  @ApiProperty({ example: 'ЭКГ 12.03.pdf', description: 'as sent (cleaned); says nothing about the type' })
  fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: 'from the content, not the name' })
  mediaType!: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, enumName: 'AttachmentKind' }) kind!: AttachmentKind;
  @ApiProperty({ example: 184320 }) sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ format: 'uuid', description: 'the staff member (for a МИС: the requesting doctor)' })
  uploadedBy!: string;
}

const dto = (a: AttachmentView): AttachmentDto => ({
  id: a.id,
  messageId: a.messageId,
  fileName: a.fileName,
  mediaType: a.mediaType,
  kind: a.kind,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedAt: a.uploadedAt.toISOString(),
  uploadedBy: a.uploadedBy,
});

/** A download of a request's file, for the audit record. */
const attachmentFile = (opened: OpenedAttachment): PatientFile =>
  new PatientFile(
    opened.content,
    {
      type: opened.attachment.mediaType,
      disposition: attachmentDisposition(opened.attachment.fileName),
      length: opened.attachment.sizeBytes,
    },
    opened.patientId,
    opened.attachment.id,
  );

const READERS = {
  staff: ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'],
  integrator: ['consultations:read', 'consultations:write'],
} as const;

/**
 * Files of a doctor–doctor request (scans, ECG, spirograms): PDF, JPEG, PNG, DICOM, DOCX, XLSX, TXT, typed by
 * content. Participants only; every list and download is an audited read of the patient's data.
 */
@ApiTags('consultations')
@ApiCookieAuth()
@Controller('consultations/requests/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentService,
    @Inject(ATTACHMENT_LIMITS) private readonly limits: AttachmentLimits,
  ) {}

  @Post()
  @HttpCode(201)
  @Access.to({
    staff: ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'],
    integrator: ['consultations:write'],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: `One file in the field "file": ${ATTACHMENT_KINDS.join(', ')} (checked by content)`,
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    type: AttachmentDto,
    description: '400 FILE_TYPE_NOT_ALLOWED / FILE_EMPTY, 413 FILE_TOO_LARGE / ATTACHMENTS_QUOTA_EXCEEDED',
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttachmentDto> {
    try {
      await this.attachments.assertMayUpload(actor, id); // who may, before a byte of the body is read
      const file = await receiveOneFile(req, this.limits.maxFileBytes);
      return dto(await this.attachments.upload(actor, id, file.fileName, file.content));
    } catch (e) {
      abandonUpload(req, res);
      throw e;
    }
  }

  @Get()
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @ApiOkResponse({ type: [AttachmentDto] })
  @AuditedRead({
    resource: 'consultation-attachment',
    action: 'read',
    patientIds: (r) => {
      const patient = patientOf(r);
      return (r as AttachmentDto[]).length > 0 && patient ? [patient] : [];
    },
    resourceId: (_r, req) => {
      const id = req.params['id'];
      return typeof id === 'string' ? id : null;
    },
  })
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AttachmentDto[]> {
    const { patientId, items } = await this.attachments.list(actor, id);
    return withPatient(items.map(dto), patientId);
  }

  @Get(':attachmentId')
  @Access.to({ staff: [...READERS.staff], integrator: [...READERS.integrator] })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces(...new Set(Object.values(ATTACHMENT_MEDIA_TYPES)))
  @ApiOkResponse({ description: 'the file, as an attachment', schema: { type: 'string', format: 'binary' } })
  @AuditedRead({
    resource: 'consultation-attachment',
    action: 'download',
    patientIds: (r) => [(r as PatientFile).patientId],
    resourceId: (r) => (r as PatientFile).resourceId,
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    return attachmentFile(await this.attachments.open(actor, id, attachmentId));
  }
}
