import { describe, expect, it } from '@jest/globals';
import { compareCatalogues, sharedEn, sharedRu, sharedUk } from '@tmk/web-i18n';
import { messages } from './index';

describe('coordinator-web messages', () => {
  it.each(['uk', 'en'] as const)(
    '%s matches ru: same keys, placeholders, nothing empty or left untranslated',
    (locale) => {
      expect(compareCatalogues(messages.ru, messages[locale])).toEqual({
        missing: [],
        extra: [],
        empty: [],
        placeholders: [],
        copied: [],
      });
    },
  );

  it('does not redefine shared texts with different placeholders', () => {
    for (const [locale, shared] of [
      ['ru', sharedRu],
      ['uk', sharedUk],
      ['en', sharedEn],
    ] as const) {
      expect(compareCatalogues(shared, messages[locale]).placeholders).toEqual([]);
    }
  });
});
