/**
 * Personal identifiers shared by server and SPAs: СНИЛС (SNILS), полис ОМС (OMS policy, ЕНП) and phone
 * numbers. Pure functions, no dependencies, so the browser validates exactly as the server does.
 * Rules: /work/shared/domain.md §2.
 */

/** Strips the usual separators; returns the 11 digits or null when the input is not an 11-digit SNILS. */
export function normalizeSnils(input: string): string | null {
  const digits = input.replace(/[\s\-–—]/g, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

/**
 * The SNILS control number: weights 9…1 over digits 1–9; sum < 100 → sum; 100 or 101 → 00;
 * over 101 → sum mod 101, where 100 again gives 00.
 */
export function snilsControl(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (9 - i);
  let control: number;
  if (sum < 100) control = sum;
  else if (sum === 100 || sum === 101) control = 0;
  else control = sum % 101 === 100 ? 0 : sum % 101;
  return String(control).padStart(2, '0');
}

/** Numbers up to 001-001-998 were issued before check digits existed and are not checked. */
const SNILS_CHECKED_FROM = 1001998;

export type SnilsProblem = 'FORMAT' | 'CHECKSUM';

/** Null when valid; otherwise why not. */
export function snilsProblem(input: string): SnilsProblem | null {
  const digits = normalizeSnils(input);
  if (!digits) return 'FORMAT';
  const body = digits.slice(0, 9);
  if (Number(body) <= SNILS_CHECKED_FROM) return null;
  return snilsControl(body) === digits.slice(9) ? null : 'CHECKSUM';
}

export function isValidSnils(input: string): boolean {
  return snilsProblem(input) === null;
}

/** `11223344595` → `112-233-445 95`. */
export function formatSnils(digits: string): string {
  const d = normalizeSnils(digits) ?? digits;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9, 11)}`;
}

/** Strips separators; returns the 16 digits of an ОМС policy (ЕНП) or null. */
export function normalizeOmsPolicy(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

/**
 * Check digit of a 16-digit ЕНП as described for ФОМС order 79 (2011) (domain.md marks it "verify"):
 * digits of the first 15 at odd positions counted from the right form a number that is doubled; the
 * digits at even positions are written in front of it; the check digit brings the sum of all digits of
 * that string up to the next multiple of 10. A mismatch only warns: policies issued with other schemes
 * exist, and a patient must never be turned away over it.
 */
export function omsCheckDigit(first15: string): number {
  const fromRight = first15.split('').reverse();
  const odd = fromRight.filter((_, i) => i % 2 === 0).join('');
  const even = fromRight.filter((_, i) => i % 2 === 1).join('');
  const doubled = (BigInt(odd) * 2n).toString();
  const sum = (even + doubled).split('').reduce((acc, d) => acc + Number(d), 0);
  return (10 - (sum % 10)) % 10;
}

export function omsChecksumMatches(digits16: string): boolean {
  return omsCheckDigit(digits16.slice(0, 15)) === Number(digits16[15]);
}

/**
 * Normalises a phone number to E.164. Russian habits are accepted: `8 913 000-00-01`, `+7 (913) 000 00 01`
 * and a bare ten-digit number starting with 9 all become `+79130000001`. Other countries need the `+`.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  const digits = trimmed.replace(/[\s()\-.]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits[1] === '0' ? null : digits;
  if (/^8\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  if (/^7\d{10}$/.test(digits)) return `+${digits}`;
  if (/^9\d{9}$/.test(digits)) return `+7${digits}`;
  return null;
}

/** A pragmatic e-mail check (one @, a dot in the domain, no spaces); the mailbox proves the rest. */
export function isPlausibleEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input) && input.length <= 254;
}
