import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One rubric of МКБ-10 (НСИ Минздрава, OID 1.2.643.5.1.13.13.11.1005): `I20.0` — «Нестабильная стенокардия». */
export interface Icd10Entry {
  readonly code: string;
  readonly name: string;
}

/** The data file next to this module (UTF-8, `code<TAB>name`, `#` comment lines). */
export const ICD10_DATA_FILE = 'icd10-ru.tsv';
const SOURCE_DIR = 'libs/consultations/infrastructure/src/dictionaries';

/**
 * Where the data file is at run time. In jest (and ts-node-like runs) this module runs from its source folder,
 * where the file lives. The server is built by swc into `dist/server/<same relative path>`: swc copies the file
 * there when run with `--copy-files` (tools/scripts/lib/build.mjs does), and a dist built without it still finds
 * the file in the source tree of the checkout it was built in. Last resort: the source folder under the current
 * working directory (the repository root for every script in tools/scripts).
 */
export function resolveIcd10DataFile(dir: string = __dirname, cwd: string = process.cwd()): string {
  const candidates = [
    join(dir, ICD10_DATA_FILE),
    join(dir.replace(/([\\/])dist\1server\1/, '$1'), ICD10_DATA_FILE),
    join(cwd, SOURCE_DIR, ICD10_DATA_FILE),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`МКБ-10: ${ICD10_DATA_FILE} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Cyrillic letters that look like the Latin letters used in codes: «А20» typed for «A20». */
const LOOKALIKE: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
};

/** ЙЦУКЕН → QWERTY, same key: «ш20» is «I20» typed on the Russian layout. */
const LAYOUT: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬ'].map((ru, i) => [ru, 'QWERTYUIOPASDFGHJKLZXCVBNM'[i]]),
);

/** Characters accepted as the decimal point of a code: «.», «,» and «ю» (the «.» key on the Russian layout). */
const CODE_TAIL = /^[0-9.,юЮ]*$/;

/** Lower case, ё → е: the form names and query words are compared in. */
function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** `' word1 word2 …'`: every word of the text preceded by one space, so `includes(' ' + q)` is a word prefix match. */
function wordIndex(text: string): string {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => ` ${w}`).join('');
}

/** The code without its point, upper case: «I20.0» → «I200»; dotless keys sort and prefix-match like the codes. */
function codeKey(code: string): string {
  return code.replace('.', '').toUpperCase();
}

/** The code keys a query may stand for (empty when it does not look like a code). */
function codeQueries(query: string): string[] {
  const q = query.replace(/\s+/g, '');
  if (q.length === 0) return [];
  const first = q[0].toUpperCase();
  const tail = q.slice(1);
  if (!CODE_TAIL.test(tail)) return [];
  const digits = tail.replace(/[.,юЮ]/g, '');
  // a point, if typed, is only allowed after the two digits of the category
  const point = tail.search(/[.,юЮ]/);
  if (point !== -1 && (point !== 2 || tail.slice(point + 1).search(/[.,юЮ]/) !== -1)) return [];
  const letters = /^[A-Z]$/.test(first) ? [first] : [LOOKALIKE[first], LAYOUT[first]].filter(Boolean);
  return [...new Set(letters)].map((letter) => letter + digits);
}

/**
 * The МКБ-10 dictionary for diagnosis pickers: `search` by code prefix or by words of the name, `find` by code.
 * Entries are kept sorted by code; a query is a binary search over the codes plus, for names, a binary search over
 * the sorted vocabulary of name words (the posting lists of the most selective query word give the candidates) and an
 * `includes` check of the other words against precomputed lower-case word strings: well under a millisecond.
 */
export class Icd10Dictionary {
  private readonly entries: readonly Icd10Entry[];
  private readonly keys: readonly string[];
  private readonly words: readonly string[];
  private readonly byKey: ReadonlyMap<string, Icd10Entry>;
  /** Every distinct name word, sorted, and for each the indexes of the entries whose name has it. */
  private readonly vocabulary: readonly string[];
  private readonly postings: readonly (readonly number[])[];

  constructor(entries: Iterable<Icd10Entry>) {
    const byKey = new Map<string, Icd10Entry>();
    for (const { code, name } of entries) {
      const key = codeKey(code);
      if (byKey.has(key)) throw new Error(`МКБ-10: duplicate code ${code}`);
      byKey.set(key, Object.freeze({ code, name }));
    }
    const keys = [...byKey.keys()].sort();
    this.keys = keys;
    this.entries = keys.map((key) => byKey.get(key) as Icd10Entry);
    this.words = this.entries.map((e) => wordIndex(e.name));
    this.byKey = byKey;
    const postings = new Map<string, number[]>();
    this.words.forEach((index, i) => {
      for (const word of new Set(index.slice(1).split(' '))) {
        const list = postings.get(word);
        if (list) list.push(i);
        else postings.set(word, [i]);
      }
    });
    this.vocabulary = [...postings.keys()].sort();
    this.postings = this.vocabulary.map((word) => postings.get(word) as number[]);
  }

  /** Parses the TSV data (`code<TAB>name`; blank lines and lines starting with `#` are skipped). */
  static fromTsv(text: string): Icd10Dictionary {
    const entries: Icd10Entry[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const tab = line.indexOf('\t');
      const code = line.slice(0, tab).trim();
      const name = line.slice(tab + 1).trim();
      if (tab <= 0 || !code || !name) throw new Error(`МКБ-10: malformed line ${i + 1}: ${line}`);
      entries.push({ code, name });
    });
    return new Icd10Dictionary(entries);
  }

  private static shared: Icd10Dictionary | undefined;

  /** The shipped dictionary, read from `icd10-ru.tsv` on first use and kept for the life of the process. */
  static load(): Icd10Dictionary {
    Icd10Dictionary.shared ??= Icd10Dictionary.fromTsv(readFileSync(resolveIcd10DataFile(), 'utf8'));
    return Icd10Dictionary.shared;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entry of a code («I21.9», «i219», «ш21.9»), or null. */
  find(code: string): Icd10Entry | null {
    for (const key of codeQueries(code)) {
      const entry = this.byKey.get(key);
      if (entry) return entry;
    }
    return null;
  }

  /**
   * Up to `limit` entries: first those whose code starts with the query (case-insensitive, Cyrillic look-alikes
   * and Russian-layout letters accepted, point optional), then those whose name has, for every query word, a
   * word starting with it (case-insensitive, ё = е). Each group is in code order.
   */
  search(query: string, limit = 20): Icd10Entry[] {
    const max = Math.floor(limit);
    if (!(max > 0) || query.trim() === '') return [];
    const seen = new Set<number>();
    for (const prefix of codeQueries(query)) {
      for (let i = lowerBound(this.keys, prefix), n = 0; i < this.keys.length && n < max; i++, n++) {
        if (!this.keys[i].startsWith(prefix)) break;
        seen.add(i);
      }
    }
    // entries are in code order, so index order is code order (a look-alike and a layout reading may both hit)
    const found = [...seen]
      .sort((a, b) => a - b)
      .slice(0, max)
      .map((i) => this.entries[i]);
    const terms = [...new Set(fold(query).match(/[\p{L}\p{N}]+/gu) ?? [])];
    if (terms.length === 0 || found.length >= max) return found;
    // candidates come from the posting lists of the query word that matches the fewest entries;
    // the other words are checked with `includes` on the candidates' word strings
    const ranges = terms.map((term) => {
      const from = lowerBound(this.vocabulary, term);
      let to = from;
      let total = 0;
      while (to < this.vocabulary.length && this.vocabulary[to].startsWith(term))
        total += this.postings[to++].length;
      return { term, from, to, total };
    });
    const pivot = ranges.reduce((a, b) => (b.total < a.total ? b : a));
    if (pivot.total === 0) return found;
    const candidates = this.candidates(pivot.from, pivot.to, pivot.total);
    const others = terms.filter((t) => t !== pivot.term).map((t) => ` ${t}`);
    for (let next = candidates(); next !== -1 && found.length < max; next = candidates()) {
      if (seen.has(next)) continue;
      const words = this.words[next];
      if (others.every((t) => words.includes(t))) found.push(this.entries[next]);
    }
    return found;
  }

  /**
   * An ascending iterator (-1 when done) over the entries in the posting lists of vocabulary[from..to): one list is
   * used as is; a few are merged and sorted; many are marked in a byte map that is then scanned only as far as needed.
   */
  private candidates(from: number, to: number, total: number): () => number {
    let i = 0;
    if (to - from === 1) {
      const list = this.postings[from];
      return () => (i < list.length ? list[i++] : -1);
    }
    if (total <= 256) {
      const merged = new Set<number>();
      for (let w = from; w < to; w++) for (const e of this.postings[w]) merged.add(e);
      const list = [...merged].sort((x, y) => x - y);
      return () => (i < list.length ? list[i++] : -1);
    }
    const marked = new Uint8Array(this.entries.length);
    for (let w = from; w < to; w++) for (const e of this.postings[w]) marked[e] = 1;
    return () => {
      while (i < marked.length && marked[i] === 0) i++;
      return i < marked.length ? i++ : -1;
    };
  }
}

/** The first index of a sorted array whose item is not less than `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
