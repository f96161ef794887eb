import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import {
  REASON_CODES,
  SIGNER_ROLES,
  type CertificateName,
  type ReasonCode,
  type SignatureRecord,
  type SignerReport,
  type SignerRole,
} from '@tmk/signing-application';
import type {
  CrlView,
  DocumentView,
  PublicSignatureReport,
  PublicVerificationReport,
  TrustAnchorView,
} from '@tmk/signing-application';

export class CertificateNameDto {
  @ApiProperty({ example: 'CN=Петров Пётр Петрович, SNILS=11223344595' }) text!: string;
  @ApiProperty({ type: String, nullable: true }) commonName!: string | null;
  @ApiProperty({ type: String, nullable: true }) surname!: string | null;
  @ApiProperty({ type: String, nullable: true }) givenName!: string | null;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'СНИЛС, 11 digits' }) snils!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ОГРН' }) ogrn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ИНН of a person' }) inn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ИНН of a legal entity' }) innLe!: string | null;
}

export class AlgorithmDto {
  @ApiProperty({ example: '1.2.643.7.1.1.2.2' }) oid!: string;
  @ApiProperty({ example: 'GOST R 34.11-2012 (256)' }) name!: string;
}

export class SignerReportDto {
  @ApiProperty({ type: CertificateNameDto }) subject!: CertificateNameDto;
  @ApiProperty({ type: CertificateNameDto }) issuer!: CertificateNameDto;
  @ApiProperty({ example: '01A2B3' }) serialNumber!: string;
  @ApiProperty({ format: 'date-time' }) notBefore!: string;
  @ApiProperty({ format: 'date-time' }) notAfter!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) signingTime!: string | null;
  @ApiProperty({ type: AlgorithmDto }) digestAlgorithm!: AlgorithmDto;
  @ApiProperty({ type: AlgorithmDto }) signatureAlgorithm!: AlgorithmDto;
  @ApiProperty({ type: [String], description: 'subjects from the signer up to the trusted CA' })
  chain!: string[];
  @ApiProperty({ enum: REASON_CODES, enumName: 'SignatureReason', isArray: true }) reasons!: ReasonCode[];
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) signerId!: string;
  @ApiProperty({ enum: SIGNER_ROLES, enumName: 'SignerRole' }) role!: SignerRole;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: REASON_CODES, enumName: 'SignatureReason', isArray: true }) reasons!: ReasonCode[];
  @ApiProperty({ type: [SignerReportDto] }) signers!: SignerReportDto[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class SignedDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'consultation-conclusion' }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ example: 'Заключение по запросу 54-2026-000001' }) title!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) preparedAt!: string;
  @ApiProperty({ enum: ['PREPARED', 'SIGNED'], enumName: 'SignedDocumentStatus' }) status!:
    'PREPARED' | 'SIGNED';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) signedAt!: string | null;
  @ApiProperty({ type: [SignatureDto], description: 'every signature given, accepted or not, oldest first' })
  signatures!: SignatureDto[];
  @ApiProperty({
    enum: SIGNER_ROLES,
    enumName: 'SignerRole',
    nullable: true,
    description: 'how you may sign it now; null: you may not',
  })
  signAs!: SignerRole | null;
}

export class SubmitSignatureDto {
  @ApiProperty({
    description: 'detached CMS SignedData (CAdES-BES) over the document bytes: base64 of the DER, or PEM',
  })
  @IsString()
  @MinLength(16)
  @MaxLength(700_000)
  signature!: string;
}

export class TrustAnchorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() serialNumber!: string;
  @ApiProperty({ format: 'date-time' }) notBefore!: string;
  @ApiProperty({ format: 'date-time' }) notAfter!: string;
  @ApiProperty() selfSigned!: boolean;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) addedBy!: string | null;
}

export class AddTrustAnchorDto {
  @ApiProperty({ description: 'one CA certificate: PEM, or base64 of the DER' })
  @IsString()
  @MinLength(16)
  @MaxLength(200_000)
  certificate!: string;
}

export class CrlDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ type: String, nullable: true, description: 'refetched from here when outdated' })
  sourceUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) thisUpdate!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextUpdate!: string | null;
  @ApiProperty() revokedCount!: number;
  @ApiProperty({ format: 'date-time' }) fetchedAt!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
}

export class UploadCrlDto {
  @ApiProperty({ description: 'a CRL: PEM, or base64 of the DER' })
  @IsString()
  @MinLength(16)
  @MaxLength(750_000)
  crl!: string;
}

export class FetchCrlDto {
  @ApiProperty({ example: 'http://ca.example.ru/cdp/ca.crl' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;
}

export class HeldDocumentDto {
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) preparedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) signedAt!: string | null;
}

export class PublicSignatureReportDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: REASON_CODES, enumName: 'SignatureReason', isArray: true }) reasons!: ReasonCode[];
  @ApiProperty({ type: [SignerReportDto] }) signers!: SignerReportDto[];
  @ApiProperty({
    description: 'the signing time is what the signer claimed: ТМК did not receive this signature',
  })
  signingTimeUnconfirmed!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) receivedByTmkAt!: string | null;
}

export class VerificationReportDto {
  @ApiProperty({ description: 'every signature valid (and at least one)' }) valid!: boolean;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) documentSha256!: string;
  @ApiProperty() documentSizeBytes!: number;
  @ApiProperty() fromStampedCopy!: boolean;
  @ApiProperty({ type: HeldDocumentDto, nullable: true, description: 'ТМК holds exactly these bytes' })
  held!: HeldDocumentDto | null;
  @ApiProperty({ type: [PublicSignatureReportDto] }) signatures!: PublicSignatureReportDto[];
}

const nameDto = (n: CertificateName): CertificateNameDto => ({ ...n });
export const signerDto = (s: SignerReport): SignerReportDto => ({
  subject: nameDto(s.subject),
  issuer: nameDto(s.issuer),
  serialNumber: s.serialNumber,
  notBefore: s.notBefore.toISOString(),
  notAfter: s.notAfter.toISOString(),
  signingTime: s.signingTime?.toISOString() ?? null,
  digestAlgorithm: { ...s.digestAlgorithm },
  signatureAlgorithm: { ...s.signatureAlgorithm },
  chain: [...s.chain],
  reasons: [...s.reasons],
});

export const signatureDto = (s: SignatureRecord): SignatureDto => ({
  id: s.id,
  signerId: s.signerId,
  role: s.role,
  valid: s.valid,
  reasons: [...s.report.reasons],
  signers: s.report.signers.map(signerDto),
  receivedAt: s.receivedAt.toISOString(),
});

export const documentDto = (v: DocumentView): SignedDocumentDto => ({
  id: v.document.id,
  subjectType: v.document.subjectType,
  subjectId: v.document.subjectId,
  title: v.document.title,
  fileName: v.document.fileName,
  sizeBytes: v.document.sizeBytes,
  sha256: v.document.sha256,
  preparedAt: v.document.preparedAt.toISOString(),
  status: v.document.status,
  signedAt: v.document.signedAt?.toISOString() ?? null,
  signatures: v.signatures.map(signatureDto),
  signAs: v.signAs,
});

export const anchorDto = (a: TrustAnchorView): TrustAnchorDto => ({
  ...a,
  notBefore: a.notBefore.toISOString(),
  notAfter: a.notAfter.toISOString(),
  addedAt: a.addedAt.toISOString(),
});

export const crlDto = (c: CrlView): CrlDto => ({
  ...c,
  thisUpdate: c.thisUpdate.toISOString(),
  nextUpdate: c.nextUpdate?.toISOString() ?? null,
  fetchedAt: c.fetchedAt.toISOString(),
});

const publicSignatureDto = (r: PublicSignatureReport): PublicSignatureReportDto => ({
  valid: r.valid,
  reasons: [...r.reasons],
  signers: r.signers.map(signerDto),
  signingTimeUnconfirmed: r.signingTimeUnconfirmed,
  receivedByTmkAt: r.receivedByTmkAt?.toISOString() ?? null,
});

export const reportDto = (r: PublicVerificationReport): VerificationReportDto => ({
  valid: r.valid,
  documentSha256: r.documentSha256,
  documentSizeBytes: r.documentSizeBytes,
  fromStampedCopy: r.fromStampedCopy,
  held: r.held
    ? {
        title: r.held.title,
        preparedAt: r.held.preparedAt.toISOString(),
        signedAt: r.held.signedAt?.toISOString() ?? null,
      }
    : null,
  signatures: r.signatures.map(publicSignatureDto),
});
