import { describe, expect, it } from '@jest/globals';
import { icd10Label, isIcd10Code, normalizeIcd10 } from './icd10';

describe('МКБ-10 codes', () => {
  it('normalizeIcd10_lowerCaseCommaAndSpaces_becomesTheCanonicalCode', () => {
    expect(normalizeIcd10(' i20,0 ')).toBe('I20.0');
    expect(normalizeIcd10('s72. 00')).toBe('S72.00');
    expect(normalizeIcd10('')).toBe('');
  });

  it('normalizeIcd10_cyrillicLookalikes_areReplacedByLatinLetters', () => {
    expect(normalizeIcd10('С34.1')).toBe('C34.1'); // Cyrillic С
    expect(normalizeIcd10('к35')).toBe('K35');
  });

  it('normalizeIcd10_russianLayout_readsTheKeyTyped', () => {
    expect(normalizeIcd10('ш20ю0')).toBe('I20.0');
    expect(normalizeIcd10('Ш20,0')).toBe('I20.0');
    expect(normalizeIcd10('ы72')).toBe('S72');
  });

  it('normalizeIcd10_wordsOfAName_areKeptAsTyped', () => {
    expect(normalizeIcd10('  нестабильная   стенокардия ')).toBe('нестабильная стенокардия');
    expect(normalizeIcd10('I2O')).toBe('I2O');
  });

  it('isIcd10Code_acceptsOnlyTheApiForm', () => {
    for (const ok of ['I20', 'I20.0', 'S72.00', 'C34.1']) expect(isIcd10Code(ok)).toBe(true);
    for (const bad of ['', 'I2', 'I20.', 'I20.000', '20.0', 'II20', 'Ш20.0'])
      expect(isIcd10Code(bad)).toBe(false);
  });

  it('icd10Label_codeDashName', () => {
    expect(icd10Label({ code: 'I20.0', name: 'Нестабильная стенокардия' })).toBe(
      'I20.0 — Нестабильная стенокардия',
    );
  });
});
