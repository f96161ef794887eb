import type { FieldError } from '@tmk/shared-kernel';

export type OrganisationLevel = 1 | 2 | 3;

export interface OrganisationInput {
  readonly regionId: string | null;
  readonly name: string;
  readonly shortName?: string | null;
  readonly level: OrganisationLevel;
  readonly isConsultationCentre: boolean;
  readonly isCoordinationCentre: boolean;
  readonly timeZone: string;
  readonly frmoOid?: string | null;
}

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;

/** IANA time zone known to this runtime (Intl knows the tz database). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export function validateOrganisation(input: OrganisationInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.name.trim().length < 3)
    errors.push({ field: 'name', code: 'REQUIRED', message: 'name is required' });
  if (![1, 2, 3].includes(input.level))
    errors.push({ field: 'level', code: 'LEVEL', message: 'level is 1, 2 or 3' });
  if (!isTimeZone(input.timeZone)) {
    errors.push({
      field: 'timeZone',
      code: 'TIME_ZONE',
      message: 'timeZone must be an IANA zone like Europe/Moscow',
    });
  }
  if (input.frmoOid && !OID.test(input.frmoOid)) {
    errors.push({
      field: 'frmoOid',
      code: 'OID_FORMAT',
      message: 'frmoOid must be an OID like 1.2.643.5.1.13.13.12.2.54.5448',
    });
  }
  return errors;
}
