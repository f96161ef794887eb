import type { AppMessages } from '@tmk/web-i18n';
import { doctorEn } from './en';
import { doctorRu } from './ru';
import { doctorUk } from './uk';

export const messages: AppMessages = { ru: doctorRu, uk: doctorUk, en: doctorEn };
