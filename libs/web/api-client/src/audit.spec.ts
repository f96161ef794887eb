import { describe, expect, it } from '@jest/globals';
import { fileNameFrom } from './audit';

describe('fileNameFrom', () => {
  it('reads the plain and the extended file name', () => {
    expect(fileNameFrom('attachment; filename="audit-2026-11-22-10-00-00.csv"', 'x')).toBe(
      'audit-2026-11-22-10-00-00.csv',
    );
    expect(fileNameFrom("attachment; filename*=UTF-8''%D0%B0%D1%83%D0%B4%D0%B8%D1%82.xlsx", 'x')).toBe(
      'аудит.xlsx',
    );
  });

  it('falls back when there is none', () => {
    expect(fileNameFrom(null, 'audit.csv')).toBe('audit.csv');
    expect(fileNameFrom('attachment', 'audit.csv')).toBe('audit.csv');
  });
});
