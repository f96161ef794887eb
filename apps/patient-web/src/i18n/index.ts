import type { AppMessages } from '@tmk/web-i18n';
import { patientEn } from './en';
import { patientRu } from './ru';
import { patientUk } from './uk';

export const messages: AppMessages = { ru: patientRu, uk: patientUk, en: patientEn };
