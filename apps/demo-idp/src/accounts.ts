import { createHash, timingSafeEqual } from 'node:crypto';

/** The people «Госуслуги (демо)» knows (docs/api/demo-accounts.md). Every password is the same. */
export const DEMO_PASSWORD = 'Demo-2026-pass';

export interface DemoAccount {
  readonly login: string;
  /** Stable subject identifier, like the numeric oid of an ЕСИА account. */
  readonly sub: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly middleName: string;
  readonly birthdate: string;
  readonly gender: 'male' | 'female';
  readonly phone: string;
  readonly email: string;
  /** 11 digits, no separators. */
  readonly snils: string;
  /** Shown on the login page: what the person is in ТМК. */
  readonly hint: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'smirnov',
    sub: '1000001',
    familyName: 'Смирнов',
    givenName: 'Иван',
    middleName: 'Сергеевич',
    birthdate: '1980-03-15',
    gender: 'male',
    phone: '+79130000001',
    email: 'ivan.smirnov@example.ru',
    snils: '11223344595',
    hint: 'пациент (и законный представитель дочери)',
  },
  {
    login: 'kuznetsova',
    sub: '1000002',
    familyName: 'Кузнецова',
    givenName: 'Ольга',
    middleName: 'Викторовна',
    birthdate: '1992-11-20',
    gender: 'female',
    phone: '+79130000003',
    email: 'olga.k@example.ru',
    snils: '98765432183',
    hint: 'пациент',
  },
  {
    login: 'ivanova',
    sub: '1000003',
    familyName: 'Иванова',
    givenName: 'Мария',
    middleName: 'Петровна',
    birthdate: '1986-04-12',
    gender: 'female',
    phone: '+79130000010',
    email: 'm.ivanova@example.ru',
    snils: '23456789099',
    hint: 'врач Кыштовской ЦРБ (вход в кабинет врача)',
  },
];

export function fullName(a: DemoAccount): string {
  return `${a.familyName} ${a.givenName} ${a.middleName}`;
}

/** 11223344595 → 112-233-445 95 */
export function formatSnils(snils: string): string {
  return `${snils.slice(0, 3)}-${snils.slice(3, 6)}-${snils.slice(6, 9)} ${snils.slice(9)}`;
}

export function findBySub(sub: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.sub === sub);
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The account for a login and password, or null; compares in constant time. */
export function authenticate(login: string, password: string): DemoAccount | null {
  const account = DEMO_ACCOUNTS.find((a) => a.login === login.trim().toLowerCase());
  const ok = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  return account && ok ? account : null;
}

/** Claims by OpenID Connect standard names plus `snils` (scope `snils`). */
export function claimsOf(a: DemoAccount): Record<string, unknown> {
  return {
    sub: a.sub,
    name: fullName(a),
    family_name: a.familyName,
    given_name: a.givenName,
    middle_name: a.middleName,
    birthdate: a.birthdate,
    gender: a.gender,
    phone_number: a.phone,
    phone_number_verified: true,
    email: a.email,
    email_verified: true,
    snils: a.snils,
  };
}
