import { ICD10_CODE } from '@tmk/web-api-client';

/**
 * Cyrillic letters that look like the Latin ones of МКБ-10 codes («С34» typed for «C34»). The api's
 * dictionary reads them the same way (libs/consultations/infrastructure: icd10.ts), plus the Ukrainian І.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  І: 'I',
};

/** ЙЦУКЕН → QWERTY, same key: «ш20» is «I20» typed on the Russian layout (for letters that look like none). */
const LAYOUT: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ'].map((ru, i) => [ru, 'QWERTYUIOPASDFGHJKLZXCVBNM'.charAt(i)]),
);

/** After the letter, a code has digits and a point; «,» and «ю» (the «.» key of the Russian layout) count too. */
const CODE_TAIL = /^[\d.,юЮ]*$/;

/**
 * A code as typed, tidied: `i20,0 ` → `I20.0`, `С34.1` (Cyrillic С) → `C34.1`, `ш20ю0` (Russian layout) →
 * `I20.0`. Text that does not look like a code (words of a diagnosis' name) is returned trimmed, as typed.
 */
export function normalizeIcd10(input: string): string {
  const compact = input.trim().replace(/\s+/g, '');
  if (compact === '') return '';
  const tail = compact.slice(1);
  if (!CODE_TAIL.test(tail)) return input.trim().replace(/\s+/g, ' ');
  const first = compact.charAt(0).toUpperCase();
  const letter = /^[A-Z]$/.test(first) ? first : (LOOKALIKES[first] ?? LAYOUT[first] ?? first);
  return letter + tail.replace(/[,юЮ]/g, '.');
}

/** Whether a (normalised) code has the МКБ-10 form the api accepts: I20, I20.0, S72.00. */
export function isIcd10Code(code: string): boolean {
  return ICD10_CODE.test(code);
}

/** How a rubric is shown in lists and read out: «I20.0 — Нестабильная стенокардия». */
export function icd10Label(entry: { readonly code: string; readonly name: string }): string {
  return `${entry.code} — ${entry.name}`;
}
