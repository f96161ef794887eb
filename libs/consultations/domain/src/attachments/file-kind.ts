/**
 * What a file of a consultation request is, decided by its content (magic bytes), never by its name: PDF,
 * JPEG, PNG, DICOM, DOCX, XLSX and plain UTF-8 text are accepted, everything else is refused. Pure functions
 * over samples of the file (its first and last bytes), so the caller can stream the file and keep only
 * those samples in memory.
 */
export const FILE_KINDS = ['PDF', 'JPEG', 'PNG', 'DICOM', 'DOCX', 'XLSX', 'TXT'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface DetectedFileType {
  readonly kind: FileKind;
  readonly mediaType: string;
}

export const MEDIA_TYPES: Readonly<Record<FileKind, string>> = {
  PDF: 'application/pdf',
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  DICOM: 'application/dicom',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  TXT: 'text/plain; charset=utf-8',
};

/** How many first bytes the classifier looks at (the DICOM signature ends at 132). */
export const FILE_HEAD_BYTES = 8192;
/**
 * How many last bytes it needs: a ZIP's end record (≤ 64 KiB with its comment) and central directory, which
 * for an Office document is a few kilobytes (an entry is ~ 100 bytes).
 */
export const FILE_TAIL_BYTES = 1024 * 1024;

const detected = (kind: FileKind): DetectedFileType => ({ kind, mediaType: MEDIA_TYPES[kind] });

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DICM = [0x44, 0x49, 0x43, 0x4d]; // 'DICM' after the 128-byte preamble
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

/**
 * The verdict on the first bytes alone: a type, `ZIP` (an Office document is decided by its central
 * directory, at the end of the file) or `null` (refused: no accepted type starts like this).
 *
 * `complete` says the head is the whole file; otherwise it is a prefix of at least {@link FILE_HEAD_BYTES}.
 */
export function sniffFileHead(head: Uint8Array, complete: boolean): DetectedFileType | 'ZIP' | null {
  if (startsWith(head, PDF)) return detected('PDF');
  if (startsWith(head, PNG)) return detected('PNG');
  if (startsWith(head, JPEG)) return detected('JPEG');
  if (startsWith(head, DICM, 128)) return detected('DICOM');
  if (startsWith(head, ZIP_LOCAL)) return 'ZIP';
  if (head.length > 0 && isPlainText(head, { cutAtStart: false, cutAtEnd: !complete }))
    return detected('TXT');
  return null;
}

/**
 * The final verdict on a whole file, from its first {@link FILE_HEAD_BYTES} (`head`), its last
 * {@link FILE_TAIL_BYTES} (`tail`; may overlap the head or equal it for a small file) and its size.
 * `null`: refused.
 */
export function detectFileType(sample: {
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
  readonly size: number;
}): DetectedFileType | null {
  const { head, tail, size } = sample;
  if (size === 0) return null;
  const verdict = sniffFileHead(head, head.length >= size);
  if (verdict === 'ZIP') {
    const names = zipEntryNames(tail, size);
    return names ? officeKindOf(names) : null;
  }
  if (verdict?.kind === 'TXT' && tail.length > 0 && head.length < size) {
    // The end of the file must be text as well (a binary with a text-looking start is refused).
    const cutAtStart = tail.length < size;
    if (!isPlainText(tail, { cutAtStart, cutAtEnd: false })) return null;
  }
  return verdict;
}

/** DOCX or XLSX from the names in a ZIP; macro-enabled documents (vbaProject.bin) are refused. */
export function officeKindOf(names: readonly string[]): DetectedFileType | null {
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  const word = names.some((n) => n.startsWith('word/'));
  const excel = names.some((n) => n.startsWith('xl/'));
  if (word && !excel) return detected('DOCX');
  if (excel && !word) return detected('XLSX');
  return null;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
const sig = (b: Uint8Array, at: number, value: number): boolean =>
  at >= 0 && at + 4 <= b.length && u32(b, at) === value;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;

/**
 * The entry names of a ZIP read from its central directory, given the file's last bytes (`tail`) and its
 * size. `null` when the tail holds no well-formed end record and directory (not a ZIP, a ZIP with data
 * before it, or a directory larger than the tail).
 */
export function zipEntryNames(tail: Uint8Array, size: number): string[] | null {
  const tailStart = size - tail.length;
  if (tailStart < 0) return null;
  // The end-of-central-directory record (22 bytes + a comment of up to 65535) closes the file.
  let eocd = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (sig(tail, at, EOCD) && at + 22 + u16(tail, at + 20) === tail.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = u16(tail, eocd + 10);
  let directorySize = u32(tail, eocd + 12);
  let directoryOffset = u32(tail, eocd + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (!sig(tail, locator, ZIP64_LOCATOR)) return null;
    const record = u64(tail, locator + 8) - tailStart;
    if (!sig(tail, record, ZIP64_EOCD)) return null;
    entries = u64(tail, record + 32);
    directorySize = u64(tail, record + 40);
    directoryOffset = u64(tail, record + 48);
  }
  let at = directoryOffset - tailStart;
  const end = at + directorySize;
  if (at < 0 || end > tail.length || entries === 0) return null;
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (!sig(tail, at, CENTRAL_ENTRY) || at + 46 > end) return null;
    const nameLength = u16(tail, at + 28);
    const next = at + 46 + nameLength + u16(tail, at + 30) + u16(tail, at + 32);
    if (next > end) return null;
    names.push(String.fromCharCode(...tail.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/**
 * Plain text: valid UTF-8 with no control characters other than tab, line feed, form feed and carriage
 * return. A sample cut out of a larger file may begin inside a character (`cutAtStart`: up to three
 * continuation bytes are skipped) or end inside one (`cutAtEnd`: an incomplete last character is allowed).
 */
export function isPlainText(
  bytes: Uint8Array,
  cut: { readonly cutAtStart: boolean; readonly cutAtEnd: boolean },
): boolean {
  let i = 0;
  if (cut.cutAtStart) while (i < 3 && i < bytes.length && ((bytes[i] ?? 0) & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return false;
      i++;
      continue;
    }
    // Length and the allowed range of the second byte (no overlongs, no surrogates, ≤ U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return false;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return cut.cutAtEnd;
      const c = bytes[i + k] ?? 0;
      if (k === 1 ? c < low || c > high : (c & 0xc0) !== 0x80) return false;
    }
    // C1 control characters (U+0080–U+009F) are not text either.
    if (b === 0xc2 && (bytes[i + 1] ?? 0) < 0xa0) return false;
    i += length;
  }
  return true;
}
