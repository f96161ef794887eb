import { computed, type WritableComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, LOCALE_NAMES, SUPPORTED_LOCALES, isLocale, type Locale } from './locales';

export interface LocaleOption {
  readonly code: Locale;
  /** The language named in itself. */
  readonly name: string;
}

export interface UseLocale {
  /** The interface language; assigning it switches the whole app (and is remembered). */
  readonly locale: WritableComputedRef<Locale>;
  readonly options: readonly LocaleOption[];
  setLocale(locale: Locale): void;
}

/** The app-wide interface language, for components (call inside `setup`). */
export function useLocale(): UseLocale {
  const { locale: i18nLocale } = useI18n({ useScope: 'global' });
  const locale = computed<Locale>({
    get: () => (isLocale(i18nLocale.value) ? i18nLocale.value : DEFAULT_LOCALE),
    set: (value) => {
      i18nLocale.value = value;
    },
  });
  return {
    locale,
    options: SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] })),
    setLocale: (value) => {
      locale.value = value;
    },
  };
}
