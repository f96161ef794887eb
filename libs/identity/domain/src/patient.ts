import {
  isPlausibleEmail,
  normalizeOmsPolicy,
  normalizePhone,
  normalizeSnils,
  omsChecksumMatches,
  snilsProblem,
  type FieldError,
} from '@tmk/shared-kernel';

export type Sex = 'MALE' | 'FEMALE';

export interface PatientInput {
  readonly surname: string;
  readonly name: string;
  readonly patronymic?: string | null;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly snils?: string | null;
  readonly omsPolicy?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly attachedOrganisationId?: string | null;
}

/** A patient card's personal data after validation and normalisation. */
export interface PatientData {
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string | null;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly snils: string | null;
  readonly omsPolicy: string | null;
  readonly omsChecksumWarning: boolean;
  readonly phone: string | null;
  readonly email: string | null;
  readonly attachedOrganisationId: string | null;
}

const NAME = /^[\p{L}][\p{L}\s'’.-]{0,99}$/u;

function cleanName(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim().replace(/\s+/g, ' ');
  return trimmed === '' ? null : trimmed;
}

/**
 * Validates and normalises a patient card. `fieldErrors` are grouped by kind: `format` problems make the
 * request unprocessable as a whole (422), the SNILS checksum included. An OMS checksum mismatch only warns.
 */
export function validatePatient(
  input: PatientInput,
  today: Date,
): { data: PatientData; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const surname = cleanName(input.surname);
  const name = cleanName(input.name);
  const patronymic = cleanName(input.patronymic);
  for (const [field, value, required] of [
    ['surname', surname, true],
    ['name', name, true],
    ['patronymic', patronymic, false],
  ] as const) {
    if (value === null) {
      if (required) errors.push({ field, code: 'REQUIRED', message: `${field} is required` });
    } else if (!NAME.test(value)) {
      errors.push({
        field,
        code: 'NAME_FORMAT',
        message: `${field} may contain letters, spaces, - ' . only`,
      });
    }
  }
  const birth = /^\d{4}-\d{2}-\d{2}$/.test(input.birthDate) ? new Date(`${input.birthDate}T00:00:00Z`) : null;
  if (!birth || Number.isNaN(birth.getTime()) || birth.toISOString().slice(0, 10) !== input.birthDate) {
    errors.push({ field: 'birthDate', code: 'DATE_FORMAT', message: 'birthDate must be a date YYYY-MM-DD' });
  } else if (birth.getTime() > today.getTime() || birth.getUTCFullYear() < 1900) {
    errors.push({
      field: 'birthDate',
      code: 'DATE_RANGE',
      message: 'birthDate must be between 1900 and today',
    });
  }
  let snils: string | null = null;
  if (input.snils && input.snils.trim() !== '') {
    const problem = snilsProblem(input.snils);
    if (problem === 'FORMAT') {
      errors.push({ field: 'snils', code: 'SNILS_FORMAT', message: 'SNILS must have 11 digits' });
    } else if (problem === 'CHECKSUM') {
      errors.push({ field: 'snils', code: 'SNILS_CHECKSUM', message: 'SNILS check digits do not match' });
    } else {
      snils = normalizeSnils(input.snils);
    }
  }
  let omsPolicy: string | null = null;
  let omsChecksumWarning = false;
  if (input.omsPolicy && input.omsPolicy.trim() !== '') {
    omsPolicy = normalizeOmsPolicy(input.omsPolicy);
    if (!omsPolicy) {
      errors.push({ field: 'omsPolicy', code: 'OMS_FORMAT', message: 'The OMS policy number has 16 digits' });
    } else {
      omsChecksumWarning = !omsChecksumMatches(omsPolicy);
    }
  }
  let phone: string | null = null;
  if (input.phone && input.phone.trim() !== '') {
    phone = normalizePhone(input.phone);
    if (!phone)
      errors.push({ field: 'phone', code: 'PHONE_FORMAT', message: 'Phone must be like +79130000001' });
  }
  let email: string | null = null;
  if (input.email && input.email.trim() !== '') {
    email = input.email.trim().toLowerCase();
    if (!isPlausibleEmail(email))
      errors.push({ field: 'email', code: 'EMAIL_FORMAT', message: 'Invalid e-mail' });
  }
  return {
    data: {
      surname: surname ?? '',
      name: name ?? '',
      patronymic,
      birthDate: input.birthDate,
      sex: input.sex,
      snils,
      omsPolicy,
      omsChecksumWarning,
      phone,
      email,
      attachedOrganisationId: input.attachedOrganisationId ?? null,
    },
    errors,
  };
}

export function displayName(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

export type RepresentativeRelation = 'PARENT' | 'GUARDIAN' | 'TRUSTEE' | 'OTHER';
export const REPRESENTATIVE_RELATIONS: readonly RepresentativeRelation[] = [
  'PARENT',
  'GUARDIAN',
  'TRUSTEE',
  'OTHER',
];
