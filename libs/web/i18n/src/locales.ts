/** The interface languages, in the order the language switcher lists them. Russian is the default. */
export const SUPPORTED_LOCALES = ['ru', 'uk', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'ru';

/** Each language named in itself (an endonym), so a reader finds their language whatever is shown now. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  ru: 'Русский',
  uk: 'Українська',
  en: 'English',
};

/** localStorage key of the chosen language; shared by the three SPAs (same origin). */
export const LOCALE_STORAGE_KEY = 'tmk.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Minimal Storage surface, so the logic can be tested without a browser. */
export interface LocaleStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The saved choice when there is a valid one, Russian otherwise (the browser language is not guessed). */
export function readStoredLocale(storage: LocaleStorage | undefined): Locale {
  try {
    const stored = storage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage blocked (privacy mode, sandboxed frame)
  }
}

export function writeStoredLocale(storage: LocaleStorage | undefined, locale: Locale): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable: the choice still applies to this page.
  }
}
