import type { AppMessages } from '@tmk/web-i18n';
import { coordinatorEn } from './en';
import { coordinatorRu } from './ru';
import { coordinatorUk } from './uk';

export const messages: AppMessages = { ru: coordinatorRu, uk: coordinatorUk, en: coordinatorEn };
