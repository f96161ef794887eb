import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ICD10_DATA_FILE, Icd10Dictionary, resolveIcd10DataFile } from './icd10';

const dictionary = Icd10Dictionary.load();
const codes = (list: { code: string }[]) => list.map((e) => e.code);

describe('МКБ-10 data (icd10-ru.tsv)', () => {
  it('holds the whole classification (chapters I–XIX, XXI, XXII)', () => {
    expect(dictionary.size).toBeGreaterThan(10_000);
    expect(dictionary.find('A00')?.name).toBe('Холера');
    expect(dictionary.find('U85')?.name).toBe('Устойчивость к противоопухолевым средствам');
  });

  it('has well-formed, unique codes in code order', () => {
    const entries = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M']
      .concat(['N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'Z'])
      .flatMap((letter) => dictionary.search(letter, 100_000).filter((e) => e.code[0] === letter));
    expect(entries).toHaveLength(dictionary.size);
    expect(entries.filter((e) => !/^[A-Z]\d{2}(\.\d{1,2})?$/.test(e.code) || e.name.trim() === '')).toEqual(
      [],
    );
    const list = codes(entries);
    expect(new Set(list).size).toBe(list.length);
    expect([...list].sort()).toEqual(list);
  });
});

describe('Icd10Dictionary.search', () => {
  it('finds by code prefix, case-insensitively, with or without the point', () => {
    expect(codes(dictionary.search('I20'))).toEqual(expect.arrayContaining(['I20', 'I20.0', 'I20.9']));
    expect(dictionary.search('i20.0')[0]).toEqual({ code: 'I20.0', name: 'Нестабильная стенокардия' });
    expect(dictionary.search('i200')[0]?.code).toBe('I20.0');
    expect(dictionary.search('I20,0')[0]?.code).toBe('I20.0');
    expect(codes(dictionary.search('S02.0'))).toEqual(['S02.0', 'S02.00', 'S02.01']);
  });

  it('accepts Cyrillic look-alikes and the Russian keyboard layout for the letter', () => {
    expect(codes(dictionary.search('ш20'))).toContain('I20.0'); // Ш is the I key
    expect(codes(dictionary.search('Ш20ю0'))).toEqual(['I20.0']); // ю is the «.» key
    expect(dictionary.search('С50')[0]?.code).toBe('C50'); // Cyrillic С
    expect(codes(dictionary.search('Е11', 100))).toEqual(expect.arrayContaining(['E11', 'E11.9']));
    expect(dictionary.find('ш21.9')?.code).toBe('I21.9');
  });

  it('finds by prefixes of the words of the name, in any order, ё = е', () => {
    expect(codes(dictionary.search('нестаб стенок'))).toEqual(['I20.0']);
    expect(codes(dictionary.search('СТЕНОК нестаб'))).toEqual(['I20.0']);
    expect(codes(dictionary.search('инфаркт миокарда неуточнённый'))).toContain('I21.9');
    expect(codes(dictionary.search('covid'))).toEqual(expect.arrayContaining(['U07.1', 'U07.2']));
  });

  it('lists code matches first, then name matches, each in code order', () => {
    const found = dictionary.search('с', 100_000); // Cyrillic «с»: the C codes, then names with a word «с…»
    const byCode = found.filter((e) => e.code.startsWith('C'));
    expect(found.slice(0, byCode.length)).toEqual(byCode);
    expect(byCode.length).toBeGreaterThan(500);
    const byName = found.slice(byCode.length);
    expect(byName.length).toBeGreaterThan(100);
    expect(byName.filter((e) => !/(^|[^\p{L}\p{N}])с/u.test(e.name.toLowerCase()))).toEqual([]);
    expect(codes(byName)).toEqual(codes(byName).sort());
    expect(dictionary.search('с', 100_000)).toEqual(found); // stable
  });

  it('respects the limit', () => {
    expect(dictionary.search('I', 5)).toHaveLength(5);
    expect(dictionary.search('болезнь', 3)).toHaveLength(3);
    expect(dictionary.search('I')).toHaveLength(20);
    expect(dictionary.search('I', 0)).toEqual([]);
  });

  it('returns nothing for unknown queries', () => {
    expect(dictionary.search('абракадабра')).toEqual([]);
    expect(dictionary.search('I99.99')).toEqual([]);
    expect(dictionary.search('   ')).toEqual([]);
  });

  it('finds a code exactly', () => {
    expect(dictionary.find('I21.9')).toEqual({ code: 'I21.9', name: 'Острый инфаркт миокарда неуточненный' });
    expect(dictionary.find('i21.9')?.code).toBe('I21.9');
  });

  it('returns null for unknown codes', () => {
    expect(dictionary.find('I21.99')).toBeNull();
    expect(dictionary.find('I2')).toBeNull();
    expect(dictionary.find('нестабильная')).toBeNull();
    expect(dictionary.find('')).toBeNull();
  });
});

describe('Icd10Dictionary.fromTsv', () => {
  it('skips comments and blank lines and rejects duplicates', () => {
    const small = Icd10Dictionary.fromTsv('# header\n\nI20\tСтенокардия\r\nA00\tХолера\n');
    expect(small.size).toBe(2);
    expect(codes(small.search('a'))).toEqual(['A00']);
    expect(() => Icd10Dictionary.fromTsv('A00\tХолера\nA00\tХолера\n')).toThrow(/duplicate/);
    expect(() => Icd10Dictionary.fromTsv('A00 Холера\n')).toThrow(/malformed/);
  });
});

describe('resolveIcd10DataFile', () => {
  const sourceDir = join('libs', 'consultations', 'infrastructure', 'src', 'dictionaries');
  let checkout: string; // a stand-in repository checkout with only the data file in its source tree

  beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'icd10-'));
    mkdirSync(join(checkout, sourceDir), { recursive: true });
    writeFileSync(join(checkout, sourceDir, ICD10_DATA_FILE), 'A00\tХолера\n');
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  it('uses the file next to the module', () => {
    expect(resolveIcd10DataFile(__dirname, '/nowhere')).toBe(join(__dirname, ICD10_DATA_FILE));
    expect(resolveIcd10DataFile(join(checkout, sourceDir), '/nowhere')).toBe(
      join(checkout, sourceDir, ICD10_DATA_FILE),
    );
  });

  it('falls back from dist/server to the source tree, then to the working directory', () => {
    const expected = join(checkout, sourceDir, ICD10_DATA_FILE);
    expect(resolveIcd10DataFile(join(checkout, 'dist', 'server', sourceDir), '/nowhere')).toBe(expected);
    expect(resolveIcd10DataFile('/nowhere/dist', checkout)).toBe(expected);
    expect(() => resolveIcd10DataFile('/nowhere', '/nowhere')).toThrow(/not found/);
  });
});
