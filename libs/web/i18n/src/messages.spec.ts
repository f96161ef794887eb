import { describe, expect, it } from '@jest/globals';
import { SUPPORTED_LOCALES, readStoredLocale, LOCALE_STORAGE_KEY } from './locales';
import { mergeMessages, messageAt, messageKeys, placeholders, type MessageTree } from './message-tree';
import { sharedEn } from './messages/en';
import { sharedRu } from './messages/ru';
import { sharedUk } from './messages/uk';
import {
  KNOWN_FIELD_ERROR_CODES,
  KNOWN_PROBLEM_CODES,
  fieldErrorMessageKey,
  problemMessageKey,
  problemMessageParams,
} from './problems';

const catalogues: Record<(typeof SUPPORTED_LOCALES)[number], MessageTree> = {
  ru: sharedRu,
  uk: sharedUk,
  en: sharedEn,
};
const ruKeys = messageKeys(sharedRu);

describe('shared messages', () => {
  it.each(['uk', 'en'] as const)('%s has exactly the keys of ru', (locale) => {
    expect(messageKeys(catalogues[locale]).sort()).toEqual([...ruKeys].sort());
  });

  it.each(SUPPORTED_LOCALES)('%s has no empty message', (locale) => {
    const empty = messageKeys(catalogues[locale]).filter(
      (key) => !messageAt(catalogues[locale], key)?.trim(),
    );
    expect(empty).toEqual([]);
  });

  it.each(['uk', 'en'] as const)('%s keeps the placeholders of ru', (locale) => {
    const mismatched = ruKeys.filter(
      (key) =>
        JSON.stringify(placeholders(messageAt(sharedRu, key) ?? '')) !==
        JSON.stringify(placeholders(messageAt(catalogues[locale], key) ?? '')),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(['uk', 'en'] as const)('%s is translated, not copied from ru', (locale) => {
    // Brand names and separators may stay the same; whole sentences must not.
    const copied = ruKeys.filter((key) => {
      const text = messageAt(sharedRu, key) ?? '';
      return text.length > 12 && text === messageAt(catalogues[locale], key);
    });
    expect(copied).toEqual([]);
  });
});

describe('problemMessageKey', () => {
  it('maps known problem codes', () => {
    expect(problemMessageKey('REQUEST.VALIDATION_FAILED', 400)).toBe('problems.validation');
    expect(problemMessageKey('ACCESS.DENIED', 403)).toBe('problems.denied');
    expect(problemMessageKey('ACCESS.UNAUTHENTICATED', 401)).toBe('problems.unauthenticated');
    expect(problemMessageKey('HTTP.NOT_FOUND', 404)).toBe('problems.notFound');
    expect(problemMessageKey('INTERNAL.UNEXPECTED', 500)).toBe('problems.unexpected');
    expect(problemMessageKey('HEALTH.NOT_READY', 503)).toBe('problems.notReady');
  });

  it('falls back by status, then to the generic message', () => {
    expect(problemMessageKey('CONSULTATIONS.SOMETHING_NEW', 409)).toBe('problems.conflict');
    expect(problemMessageKey('CONSULTATIONS.SOMETHING_NEW', 502)).toBe('problems.unexpected');
    expect(problemMessageKey('CONSULTATIONS.SOMETHING_NEW', 0)).toBe('problems.network');
    expect(problemMessageKey('CONSULTATIONS.SOMETHING_NEW', 418)).toBe('problems.generic');
    expect(problemMessageKey(undefined)).toBe('problems.generic');
    expect(problemMessageKey(null, 404)).toBe('problems.notFound');
  });

  it('points every mapped code at a message that exists in every language', () => {
    for (const code of KNOWN_PROBLEM_CODES) {
      for (const locale of SUPPORTED_LOCALES) {
        expect(messageAt(catalogues[locale], problemMessageKey(code))).toBeTruthy();
      }
    }
    expect(messageAt(sharedRu, 'problems.generic')).toBeTruthy();
  });
});

describe('identity problems', () => {
  it('maps sign-in problems and gives the minutes to wait', () => {
    expect(problemMessageKey('AUTH.INVALID_CREDENTIALS', 401)).toBe('problems.invalidCredentials');
    expect(problemMessageKey('AUTH.TOO_MANY_ATTEMPTS', 429)).toBe('problems.tooManyAttempts');
    expect(problemMessageKey('AUTH.NO_ACCOUNT')).toBe('problems.noAccount');
    expect(problemMessageKey('AUTH.OIDC_FAILED')).toBe('problems.oidcFailed');
    expect(problemMessageParams('AUTH.TOO_MANY_ATTEMPTS', { retryAfterSeconds: 61 })).toEqual({ minutes: 2 });
    expect(problemMessageParams('AUTH.TOO_MANY_ATTEMPTS', { retryAfterSeconds: 5 })).toEqual({ minutes: 1 });
    expect(problemMessageParams('AUTH.TOO_MANY_ATTEMPTS')).toEqual({ minutes: 15 });
    expect(problemMessageParams('AUTH.INVALID_CREDENTIALS', { retryAfterSeconds: 5 })).toEqual({});
  });

  it('the Russian sign-in messages say what happened', () => {
    expect(messageAt(sharedRu, 'problems.invalidCredentials')).toBe('Неверный логин или пароль.');
    expect(messageAt(sharedRu, 'problems.tooManyAttempts')).toContain('{minutes} мин');
  });

  it('has a message for every field error code in every language', () => {
    for (const code of KNOWN_FIELD_ERROR_CODES) {
      for (const locale of SUPPORTED_LOCALES) {
        expect([locale, code, messageAt(catalogues[locale], fieldErrorMessageKey(code))]).toEqual([
          locale,
          code,
          expect.any(String),
        ]);
      }
    }
    expect(fieldErrorMessageKey('SOMETHING_NEW')).toBe('fieldErrors.INVALID');
    expect(messageAt(sharedRu, 'fieldErrors.INVALID')).toBeTruthy();
  });

  it('names every staff role', () => {
    for (const role of ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER', 'REGIONAL_ADMIN', 'SYSTEM_ADMIN']) {
      for (const locale of SUPPORTED_LOCALES)
        expect(messageAt(catalogues[locale], `roles.${role}`)).toBeTruthy();
    }
  });
});

describe('signing problems', () => {
  it('maps the signing codes to their own messages', () => {
    expect(problemMessageKey('SIGNING.SIGNATURE_REJECTED', 422)).toBe('problems.signatureRejected');
    expect(problemMessageKey('SIGNING.AUTHOR_FIRST', 409)).toBe('problems.authorFirst');
    expect(problemMessageKey('SIGNING.CRL_ISSUER_UNKNOWN', 400)).toBe('problems.crlIssuerUnknown');
    expect(problemMessageKey('SIGNING.NO_SIGNATURE', 400)).toBe('problems.signingNoSignature');
    expect(problemMessageKey('HTTP.RATE_LIMITED', 429)).toBe('problems.rateLimited');
    expect(messageAt(sharedRu, 'problems.notACaCertificate')).toContain('удостоверяющего центра');
  });

  it('gives the seconds to wait after a rate limit and the size limit in MB', () => {
    expect(problemMessageParams('HTTP.RATE_LIMITED', { retryAfterSeconds: 41.2 })).toEqual({ seconds: 42 });
    expect(problemMessageParams('HTTP.RATE_LIMITED')).toEqual({ seconds: 60 });
    expect(problemMessageParams('SIGNING.FILE_TOO_LARGE', { maxBytes: 20 * 1048576 })).toEqual({
      megabytes: 20,
    });
    expect(messageAt(sharedRu, 'problems.rateLimited')).toContain('{seconds}');
  });
});

describe('locale helpers', () => {
  it('reads a valid stored locale and defaults to Russian otherwise', () => {
    const storage = (value: string | null) => ({ getItem: () => value, setItem: () => undefined });
    expect(readStoredLocale(storage('uk'))).toBe('uk');
    expect(readStoredLocale(storage('de'))).toBe('ru');
    expect(readStoredLocale(storage(null))).toBe('ru');
    expect(readStoredLocale(undefined)).toBe('ru');
    const throwing = {
      getItem: (): string => {
        throw new Error(`blocked ${LOCALE_STORAGE_KEY}`);
      },
      setItem: () => undefined,
    };
    expect(readStoredLocale(throwing)).toBe('ru');
  });

  it('merges app messages over shared ones without losing siblings', () => {
    const merged = mergeMessages({ a: { b: '1', c: '2' }, d: '3' }, { a: { c: 'x', e: 'y' } });
    expect(merged).toEqual({ a: { b: '1', c: 'x', e: 'y' }, d: '3' });
  });
});
