export * from './locales';
export * from './message-tree';
export * from './problems';
export { createTmkI18n, buildMessages, type AppMessages, type TmkI18n } from './create-i18n';
export { useLocale, type LocaleOption, type UseLocale } from './use-locale';
export { sharedRu, type SharedMessages } from './messages/ru';
export { sharedUk } from './messages/uk';
export { sharedEn } from './messages/en';
