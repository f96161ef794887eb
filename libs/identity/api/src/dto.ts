import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '@tmk/shared-kernel';
import { REPRESENTATIVE_RELATIONS, type RepresentativeRelation, type Sex } from '@tmk/identity-application';

const ROLES = [...STAFF_ROLES];

// ── auth ──────────────────────────────────────────────────────────────────────────────────────────────

export class LoginDto {
  @ApiProperty({ example: 'doctor' }) @IsString() @MinLength(1) @MaxLength(100) login!: string;
  @ApiProperty({ example: 'Demo-2026-pass' }) @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class SwitchOrganisationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organisationId!: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(200) currentPassword!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MaxLength(200) newPassword!: string;
}

export class ProfileDto {
  @ApiProperty({ example: 'Asia/Novosibirsk' }) @IsString() @MaxLength(64) timeZone!: string;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) regionId!: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'StaffRole' }) role!: StaffRole;
}

export class ActsForDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['SELF', 'REPRESENTED'] }) relation!: 'SELF' | 'REPRESENTED';
}

export class MeDto {
  @ApiProperty({ enum: ['staff', 'patient'] }) kind!: 'staff' | 'patient';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() csrfToken!: string;
  @ApiProperty({ format: 'date-time' }) sessionExpiresAt!: string;
  @ApiPropertyOptional() login?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) snils?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) specialtyCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) positionCode?: string | null;
  @ApiPropertyOptional() mustChangePassword?: boolean;
  @ApiPropertyOptional({ type: [MembershipDto] }) memberships?: MembershipDto[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) activeOrganisationId?: string | null;
  @ApiPropertyOptional({ enum: ROLES, enumName: 'StaffRole', isArray: true }) roles?: StaffRole[];
  @ApiPropertyOptional({ type: [ActsForDto] }) patients?: ActsForDto[];
}

export class TokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'] }) @IsIn(['client_credentials']) grant_type!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) client_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) client_secret?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) scope?: string;
}

export class TokenDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty() expires_in!: number;
  @ApiProperty() scope!: string;
}

// ── organisations ─────────────────────────────────────────────────────────────────────────────────────

export class RegionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() timeZone!: string;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: federal level' })
  regionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionName!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) shortName!: string | null;
  @ApiProperty({ enum: [1, 2, 3] }) level!: 1 | 2 | 3;
  @ApiProperty() isConsultationCentre!: boolean;
  @ApiProperty() isCoordinationCentre!: boolean;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: String, nullable: true }) frmoOid!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() version!: number;
}

export class OrganisationInputDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) @IsOptional() @IsUUID() regionId!:
    string | null;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(500) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  shortName?: string | null;
  @ApiProperty({ enum: [1, 2, 3] }) @IsInt() @Min(1) @Max(3) level!: 1 | 2 | 3;
  @ApiProperty() @IsBoolean() isConsultationCentre!: boolean;
  @ApiProperty() @IsBoolean() isCoordinationCentre!: boolean;
  @ApiProperty({ example: 'Asia/Novosibirsk' }) @IsString() @MaxLength(64) timeZone!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(200) frmoOid?:
    string | null;
}

export class OrganisationUpdateDto extends OrganisationInputDto {
  @ApiProperty({ description: 'the version you read; 409 IDENTITY.STALE_VERSION when it changed' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class DictionaryEntryDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() oid!: string;
  @ApiProperty() version!: string;
}

// ── staff ─────────────────────────────────────────────────────────────────────────────────────────────

export class MembershipInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organisationId!: string;
  @ApiProperty({ enum: ROLES, enumName: 'StaffRole' }) @IsIn(ROLES) role!: StaffRole;
}

export class StaffDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() login!: string;
  @ApiProperty() surname!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) patronymic!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) snils!: string | null;
  @ApiProperty({ type: String, nullable: true }) specialtyCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) positionCode!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
}

export class NewStaffDto {
  @ApiProperty({ example: 'petrova' }) @IsString() @MaxLength(63) login!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) surname!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  patronymic?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(20) snils?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  specialtyCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  positionCode?: string | null;
  @ApiProperty({ example: 'Asia/Novosibirsk' }) @IsString() @MaxLength(64) timeZone!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MaxLength(200) initialPassword!: string;
  @ApiProperty({ type: [MembershipInputDto] })
  @ValidateNested({ each: true })
  @Type(() => MembershipInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  memberships!: MembershipInputDto[];
}

export class PasswordResetDto {
  @ApiProperty({ minLength: 10 }) @IsString() @MaxLength(200) newPassword!: string;
}

// ── patients ──────────────────────────────────────────────────────────────────────────────────────────

export class PatientLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ enum: REPRESENTATIVE_RELATIONS }) relation!: RepresentativeRelation;
}

export class PatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() surname!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) patronymic!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] }) sex!: Sex;
  @ApiProperty({ type: String, nullable: true, description: '11 digits' }) snils!: string | null;
  @ApiProperty({ type: String, nullable: true }) omsPolicy!: string | null;
  @ApiProperty() omsChecksumWarning!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) attachedOrganisationId!: string | null;
  @ApiProperty({ format: 'uuid' }) regionId!: string;
  @ApiProperty() version!: number;
}

export class PatientCardDto extends PatientDto {
  @ApiProperty({ type: [PatientLinkDto] }) representatives!: PatientLinkDto[];
  @ApiProperty({ type: [PatientLinkDto] }) represents!: PatientLinkDto[];
}

export class PatientMatchDto extends PatientDto {
  @ApiProperty({ enum: ['SELF', 'REPRESENTED'] }) matchedAs!: 'SELF' | 'REPRESENTED';
}

export class PatientSearchQueryDto {
  @ApiPropertyOptional({ example: '+79130000001' }) @IsOptional() @IsString() @MaxLength(30) phone?: string;
  @ApiPropertyOptional({ example: '112-233-445 95' }) @IsOptional() @IsString() @MaxLength(20) snils?: string;
  @ApiPropertyOptional({ example: '5400000000000013' }) @IsOptional() @IsString() @MaxLength(25) oms?: string;
}

export class NewPatientDto {
  @ApiProperty() @IsString() @MaxLength(100) surname!: string;
  @ApiProperty() @IsString() @MaxLength(100) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  patronymic?: string | null;
  @ApiProperty({ format: 'date', example: '1980-03-15' }) @IsString() @MaxLength(10) birthDate!: string;
  @ApiProperty({ enum: ['MALE', 'FEMALE'] }) @IsIn(['MALE', 'FEMALE']) sex!: Sex;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(20) snils?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(25) omsPolicy?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(30) phone?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  attachedOrganisationId?: string | null;
}

export class RepresentativeInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() representativeId!: string;
  @ApiProperty({ enum: REPRESENTATIVE_RELATIONS })
  @IsIn([...REPRESENTATIVE_RELATIONS])
  relation!: RepresentativeRelation;
}

export class ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeInactive?: string;
}

// ── integrators ──────────────────────────────────────────────────────────────────────────────────────

export class IntegrationClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) regionId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() active!: boolean;
}

export class IntegrationClientSecretDto extends IntegrationClientDto {
  @ApiProperty({ description: 'shown once; store it in the МИС, ТМК keeps only a hash' })
  clientSecret!: string;
}

export class NewIntegrationClientDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organisationId!: string;
  @ApiProperty({ example: 'МИС Кыштовской ЦРБ' }) @IsString() @MinLength(3) @MaxLength(200) name!: string;
  @ApiProperty({ type: [String], example: ['patients:read'] })
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  scopes!: string[];
}
