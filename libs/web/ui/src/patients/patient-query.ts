import { normalizeOmsPolicy, normalizePhone, normalizeSnils, snilsProblem } from '@tmk/shared-kernel';

/** What a patient search looks for: the api takes exactly one of these. */
export type PatientQueryKind = 'phone' | 'snils' | 'oms';

export interface PatientQuery {
  readonly kind: PatientQueryKind;
  /** The normalised value sent to the api (E.164 phone, 11 or 16 digits). */
  readonly value: string;
}

const SNILS_LAYOUT = /^\s*\d{3}[-\s]?\d{3}[-\s]?\d{3}[-\s]+\d{2}\s*$/;

/**
 * Reads one search box as a phone number, a SNILS or an OMS policy number (or the kind forced by the user).
 * 16 digits are a policy; `+…`, brackets, 10 digits starting with 9 and `8 9xx…` / `7 9xx…` numbers that are
 * not a valid SNILS are phones; 11 digits written like a SNILS (`112-233-445 95`) or passing its checksum are
 * a SNILS. Returns null when the text is none of them.
 */
export function detectPatientQuery(
  input: string,
  forced: PatientQueryKind | null = null,
): PatientQuery | null {
  const text = input.trim();
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  const asPhone = (): PatientQuery | null => {
    const phone = normalizePhone(text);
    return phone ? { kind: 'phone', value: phone } : null;
  };
  const asSnils = (): PatientQuery | null => {
    const snils = normalizeSnils(text);
    return snils ? { kind: 'snils', value: snils } : null;
  };
  const asOms = (): PatientQuery | null => {
    const oms = normalizeOmsPolicy(text);
    return oms ? { kind: 'oms', value: oms } : null;
  };
  if (forced === 'phone') return asPhone();
  if (forced === 'snils') return asSnils();
  if (forced === 'oms') return asOms();

  if (/[^\d\s\-()+.–—]/.test(text)) return null;
  if (text.startsWith('+') || text.includes('(')) return asPhone();
  if (digits.length === 16) return asOms();
  if (digits.length === 10) return asPhone();
  if (digits.length === 11) {
    if (SNILS_LAYOUT.test(text)) return asSnils();
    const validSnils = snilsProblem(digits) === null;
    const mobile = /^[78]9/.test(digits);
    if (mobile && !validSnils) return asPhone();
    if (validSnils) return asSnils();
    return /^[78]/.test(digits) ? asPhone() : asSnils();
  }
  return null;
}
