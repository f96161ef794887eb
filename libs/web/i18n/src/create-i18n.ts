import { watch } from 'vue';
import { createI18n, type I18n } from 'vue-i18n';
import {
  DEFAULT_LOCALE,
  SUPPORTED_LOCALES,
  isLocale,
  readStoredLocale,
  writeStoredLocale,
  type Locale,
} from './locales';
import { mergeMessages, type MessageTree } from './message-tree';
import { sharedEn } from './messages/en';
import { sharedRu } from './messages/ru';
import { sharedUk } from './messages/uk';

/** An app's own messages, one tree per supported language. */
export type AppMessages = Readonly<Record<Locale, MessageTree>>;

export type TmkI18n = I18n<
  Record<string, MessageTree>,
  Record<string, unknown>,
  Record<string, unknown>,
  string,
  false
>;

const shared: AppMessages = { ru: sharedRu, uk: sharedUk, en: sharedEn };

/** Shared messages merged with the app's; the app's text wins where both define a key. */
export function buildMessages(appMessages: AppMessages): Record<Locale, MessageTree> {
  return Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [locale, mergeMessages(shared[locale], appMessages[locale])]),
  ) as Record<Locale, MessageTree>;
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The vue-i18n instance of an SPA: composition API, Russian by default and as fallback, the user's choice
 * kept in localStorage and mirrored to `<html lang>` so screen readers and hyphenation follow it.
 * `options.warnings` logs missing keys and fallbacks (pass `import.meta.env.DEV`; kept out of this module so
 * it also loads outside Vite, e.g. in the catalogue tests).
 */
export function createTmkI18n(appMessages: AppMessages, options: { warnings?: boolean } = {}): TmkI18n {
  const storage = browserStorage();
  const i18n = createI18n({
    legacy: false,
    globalInjection: true,
    locale: readStoredLocale(storage),
    fallbackLocale: DEFAULT_LOCALE,
    messages: buildMessages(appMessages),
    missingWarn: options.warnings ?? false,
    fallbackWarn: options.warnings ?? false,
  }) as unknown as TmkI18n;

  watch(
    i18n.global.locale,
    (locale) => {
      const current = isLocale(locale) ? locale : DEFAULT_LOCALE;
      writeStoredLocale(storage, current);
      if (typeof document !== 'undefined') document.documentElement.lang = current;
    },
    { immediate: true },
  );
  return i18n;
}
