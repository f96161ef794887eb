/**
 * Password policy for staff accounts (NIST SP 800-63B style: length over composition, a deny list, no
 * login inside the password). Returns problem codes; the UI translates them.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password123',
  'qwerty12345',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'password1234',
  'administrator',
  'йцукенгшщз',
  'пароль12345',
  'telemedicine',
  'zaq12wsxcde',
  '1q2w3e4r5t',
]);

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'CONTAINS_LOGIN' | 'TOO_COMMON' | 'TOO_SIMPLE';

export function passwordProblems(password: string, login: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('TOO_LONG');
  const lower = password.toLowerCase();
  if (login.length >= 3 && lower.includes(login.toLowerCase())) problems.push('CONTAINS_LOGIN');
  if (COMMON.has(lower)) problems.push('TOO_COMMON');
  const distinct = new Set(password).size;
  const hasLetter = /\p{L}/u.test(password);
  const hasOther = /[^\p{L}]/u.test(password);
  if (distinct < 5 || !hasLetter || !hasOther) problems.push('TOO_SIMPLE');
  return problems;
}
