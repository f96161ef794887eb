import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from '@pdf-lib/fontkit';
import {
  AFRelationship,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
  rgb,
  type PDFFont,
  type PDFObject,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import type { SignerReport } from '@tmk/signing-domain';
import { conclusionFontDir } from './conclusion-pdf';
import { dateParts } from './dates';
import { paintedExtents, MAX_CONTENT_BYTES, type Extent } from './page-extent';

/**
 * The signed package's visualised copy (domain notes §5): the signed PDF with one stamp per signature in
 * the style of Russian e-signature visualisations («Документ подписан электронной подписью», certificate
 * serial, owner, organisation, SNILS, validity, signing time), and inside it, as embedded files, the
 * original PDF (`original.pdf`, the signed bytes) and the detached signatures (`signature-<n>.sig`).
 *
 * - The original's pages are kept as they are (their content streams and resources untouched, the text
 *   extractable); the stamps are drawn in an added content stream of the last page, in the free band above
 *   its footer, or on appended pages of the same size when that band is too small.
 * - Fonts: PT Sans (the vendored TTF of the conclusion), embedded as subsets through fontkit.
 * - Deterministic: creation and modification dates, the embedded files' dates are `stampedAt`; pdf-lib's
 *   metadata update is off and its font-name suffixes come from a seeded generator (and are replaced by
 *   fixed subset tags here) — the same input gives the same bytes.
 * - The copy is for people; the legally significant object stays the original with its `.sig` files, which
 *   `extractSignedPackage` reads back byte for byte.
 */

export interface StampSignature {
  /** The detached CMS SignedData, DER, as received. */
  readonly der: Uint8Array;
  /** The name the signature file came with (shown in the attachment's description). */
  readonly fileName?: string;
  /** The verifier's report of the signer. */
  readonly signer: SignerReport;
  /** Whether the signature was accepted; a rejected one is stamped in red as not confirmed. */
  readonly valid: boolean;
}

export interface StampInput {
  /** The signed PDF, byte for byte. */
  readonly original: Uint8Array;
  readonly signatures: readonly StampSignature[];
  /** When the copy is made: its creation and modification date and the attachments' dates. */
  readonly stampedAt: Date;
  /** IANA time zone the dates are printed in (the signer's organisation's). */
  readonly timeZone: string;
  /** The document's human title: the copy's Title and the original attachment's description. */
  readonly documentTitle?: string;
}

export interface SignedPackage {
  readonly original: Uint8Array;
  /** The signatures in order (`signature-1.sig`, `signature-2.sig`, …). */
  readonly signatures: Uint8Array[];
}

export const STAMP_TITLE = 'Документ подписан электронной подписью';
export const STAMP_TITLE_NOT_CONFIRMED = 'Электронная подпись не подтверждена';
export const SIGNATURES_PAGE_TITLE = 'Лист электронных подписей';
export const ORIGINAL_ATTACHMENT = 'original.pdf';
export const signatureAttachmentName = (n: number) => `signature-${n}.sig`;

// ── limits ───────────────────────────────────────────────────────────────────────────────────────────────

/** Signatures stamped on one copy (and signature attachments read back). */
export const MAX_STAMP_SIGNATURES = 31;
/** Embedded files looked at when reading a copy back (the original and the signatures). */
const MAX_ATTACHMENTS = 32;
const MAX_NAME_TREE_NODES = 256;
const MAX_NAME_TREE_DEPTH = 8;
/** A copy larger than this is not read back. */
const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;
const MAX_ORIGINAL_BYTES = 128 * 1024 * 1024;
const MAX_SIGNATURE_BYTES = 4 * 1024 * 1024;
/** Longest value printed in a stamp (longer ones end with «…»). */
const MAX_VALUE_CHARS = 300;

// ── the stamp's look ─────────────────────────────────────────────────────────────────────────────────────

const STAMP_WIDTH = 240;
const MIN_STAMP_WIDTH = 150;
const GUTTER = 12;
const ROW_GAP = 10;
const PADDING = 7;
const BORDER = 1.2;
const TITLE_SIZE = 8.5;
const TEXT_SIZE = 7.5;
const LEADING = 1.3;
const VALID_COLOR = rgb(0.11, 0.25, 0.55);
const INVALID_COLOR = rgb(0.72, 0.1, 0.1);
const LABEL_COLOR = rgb(0.33, 0.33, 0.38);
const TEXT_COLOR = rgb(0.08, 0.08, 0.1);
/** Free space kept between the page's content and the stamps, and above the page's bottom edge. */
const CONTENT_GAP = 14;
const MIN_BOTTOM_MARGIN = 28;
/** Content entirely within this share of the page height from the bottom is the footer (page furniture). */
const FOOTER_ZONE = 0.08;
const DEFAULT_MARGIN = 50;

let fontFiles: { readonly regular: Uint8Array; readonly bold: Uint8Array } | undefined;

function stampFontFiles() {
  fontFiles ??= {
    regular: readFileSync(join(conclusionFontDir(), 'PTSans-Regular.ttf')),
    bold: readFileSync(join(conclusionFontDir(), 'PTSans-Bold.ttf')),
  };
  return fontFiles;
}

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

// ── formatting ───────────────────────────────────────────────────────────────────────────────────────────

const formatDate = (date: Date, timeZone: string) => dateParts(date, timeZone).date;

/** The zone's offset at that instant: «UTC», «UTC+3», «UTC+5:30». */
export function zoneLabel(date: Date, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return /^GMT([+-]0(:00)?)?$/.test(name) ? 'UTC' : name.replace(/^GMT/, 'UTC');
}

/** dd.mm.yyyy hh:mm (UTC+3). */
export function formatSigningTime(date: Date, timeZone: string): string {
  const { date: d, time } = dateParts(date, timeZone);
  return `${d} ${time} (${zoneLabel(date, timeZone)})`;
}

/** ХХХ-ХХХ-ХХХ ХХ; anything but 11 digits as it is. */
export function formatSnils(snils: string): string {
  const digits = snils.replace(/\D/g, '');
  if (digits.length !== 11) return snils;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** One line of text: control characters and runs of white space become one space; long values are cut. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const present = (value: string | null | undefined): value is string => !!value && value.trim() !== '';

/** The certificate owner: its CN, or surname and given names. */
export function ownerName(signer: SignerReport): string {
  const s = signer.subject;
  if (present(s.commonName)) return s.commonName;
  const name = [s.surname, s.givenName].filter(present).join(' ');
  return name !== '' ? name : s.text;
}

/** The stamp's rows: label and value, in order. */
export function stampRows(signer: SignerReport, timeZone: string): [string, string][] {
  const s = signer.subject;
  const rows: [string, string][] = [
    ['Сертификат:', signer.serialNumber],
    ['Владелец:', ownerName(signer)],
  ];
  if (present(s.organization)) rows.push(['Организация:', s.organization]);
  if (present(s.snils)) rows.push(['СНИЛС:', formatSnils(s.snils)]);
  rows.push(
    [
      'Действителен:',
      `с ${formatDate(signer.notBefore, timeZone)} по ${formatDate(signer.notAfter, timeZone)}`,
    ],
    [
      'Подписан:',
      signer.signingTime ? formatSigningTime(signer.signingTime, timeZone) : 'время подписания не указано',
    ],
  );
  return rows.map(([label, value]) => [label, clean(value)]);
}

// ── text layout ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Greedy line breaking at spaces (the first line `firstWidth` wide, the others `width`); a word wider than
 * a line is broken between characters. The first line may be empty when not even a part of the first
 * word fits into it.
 */
function wrap(text: string, font: PDFFont, size: number, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= limit();
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
    }
    let rest = word;
    while (!fits(rest)) {
      let cut = 0;
      while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++;
      if (cut === 0 && lines.length === 0) {
        lines.push(''); // nothing fits after the label: start on the next line
        continue;
      }
      cut = Math.max(cut, 1);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

interface Placed {
  readonly text: string;
  /** From the box's left edge. */
  readonly x: number;
  /** Baseline, down from the box's top edge. */
  readonly y: number;
  readonly font: PDFFont;
  readonly size: number;
  readonly color: RGB;
}

interface Box {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly Placed[];
  /** A horizontal rule under the title, down from the top edge. */
  readonly ruleY: number;
  readonly color: RGB;
}

function layoutStamp(signature: StampSignature, timeZone: string, fonts: Fonts, width: number): Box {
  const inner = width - 2 * PADDING;
  const texts: Placed[] = [];
  const color = signature.valid ? VALID_COLOR : INVALID_COLOR;
  let y = PADDING;
  for (const line of wrap(
    signature.valid ? STAMP_TITLE : STAMP_TITLE_NOT_CONFIRMED,
    fonts.bold,
    TITLE_SIZE,
    inner,
  )) {
    y += TITLE_SIZE * LEADING;
    const w = fonts.bold.widthOfTextAtSize(line, TITLE_SIZE);
    texts.push({
      text: line,
      x: PADDING + (inner - w) / 2,
      y: y - 2,
      font: fonts.bold,
      size: TITLE_SIZE,
      color,
    });
  }
  y += 3;
  const ruleY = y;
  y += 2;
  // «Label: value» on one line, the value in bold right after the label and a space; its further lines
  // start at the left (so text extraction reads each row as one sentence).
  const space = fonts.regular.widthOfTextAtSize(' ', TEXT_SIZE);
  for (const [label, value] of stampRows(signature.signer, timeZone)) {
    y += TEXT_SIZE * LEADING;
    texts.push({ text: label, x: PADDING, y, font: fonts.regular, size: TEXT_SIZE, color: LABEL_COLOR });
    const valueX = PADDING + fonts.regular.widthOfTextAtSize(label, TEXT_SIZE) + space;
    wrap(value, fonts.bold, TEXT_SIZE, inner, PADDING + inner - valueX).forEach((line, k) => {
      if (k > 0) y += TEXT_SIZE * LEADING;
      if (line === '') return;
      texts.push({
        text: line,
        x: k === 0 ? valueX : PADDING,
        y,
        font: fonts.bold,
        size: TEXT_SIZE,
        color: TEXT_COLOR,
      });
    });
  }
  y += PADDING + 1;
  return { width, height: y, texts, ruleY, color };
}

function drawBox(page: PDFPage, box: Box, left: number, top: number): void {
  page.drawRectangle({
    x: left,
    y: top - box.height,
    width: box.width,
    height: box.height,
    borderColor: box.color,
    borderWidth: BORDER,
    color: rgb(1, 1, 1),
  });
  page.drawLine({
    start: { x: left + PADDING, y: top - box.ruleY },
    end: { x: left + box.width - PADDING, y: top - box.ruleY },
    thickness: 0.5,
    color: box.color,
  });
  for (const t of box.texts) {
    page.drawText(t.text, { x: left + t.x, y: top - t.y, font: t.font, size: t.size, color: t.color });
  }
}

// ── where the stamps go ──────────────────────────────────────────────────────────────────────────────────

interface Band {
  /** Left edge of the stamps (the page's left content margin). */
  readonly left: number;
  /** Width available to the stamps. */
  readonly width: number;
  /** Free vertical band, in default user space. */
  readonly bottom: number;
  readonly top: number;
}

function boxOf(page: PDFPage): Extent {
  const b = page.getMediaBox();
  return { xMin: b.x, yMin: b.y, xMax: b.x + b.width, yMax: b.y + b.height };
}

/** The page's decoded content streams; null when one cannot be read. */
function pageContents(page: PDFPage): Uint8Array[] | null {
  const contents = page.node.Contents();
  const streams: (PDFObject | undefined)[] =
    contents instanceof PDFArray
      ? Array.from({ length: contents.size() }, (_, i) => contents.lookup(i))
      : contents
        ? [contents]
        : [];
  const out: Uint8Array[] = [];
  let total = 0;
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return null;
    const bytes = streamBytes(stream, MAX_CONTENT_BYTES - total);
    if (!bytes) return null;
    total += bytes.length;
    out.push(bytes);
  }
  return out;
}

/** The free band at the bottom of the page, above its footer and below its content; null if unknown. */
function freeBand(page: PDFPage): Band | null {
  const box = boxOf(page);
  if (page.getRotation().angle % 360 !== 0) return null;
  const contents = pageContents(page);
  const extents = contents && paintedExtents(contents, box);
  if (!extents) return null;
  const footerTop = box.yMin + (box.yMax - box.yMin) * FOOTER_ZONE;
  const furniture = extents.filter((e) => e.yMax <= footerTop);
  const body = extents.filter((e) => e.yMax > footerTop && e.yMin < box.yMax && e.xMax > box.xMin);
  // (Loops, not Math.min(...spread): a page can paint more runs than a call takes arguments.)
  let bottom = box.yMin + MIN_BOTTOM_MARGIN;
  for (const e of furniture) bottom = Math.max(bottom, e.yMax + 6);
  let top = box.yMax - DEFAULT_MARGIN + CONTENT_GAP;
  let left = Infinity;
  for (const e of body) {
    top = Math.min(top, e.yMin);
    left = Math.min(left, e.xMin);
  }
  top -= CONTENT_GAP;
  const pageWidth = box.xMax - box.xMin;
  const margin = body.length > 0 ? Math.min(Math.max(left - box.xMin, 18), pageWidth / 4) : DEFAULT_MARGIN;
  return { left: box.xMin + margin, width: pageWidth - 2 * margin, bottom, top };
}

/** Stamps in rows of as many as fit side by side. */
function layoutRows(
  signatures: readonly StampSignature[],
  timeZone: string,
  fonts: Fonts,
  available: number,
) {
  const columns = Math.max(1, Math.floor((available + GUTTER) / (STAMP_WIDTH + GUTTER)));
  const width = columns > 1 ? STAMP_WIDTH : Math.max(MIN_STAMP_WIDTH, Math.min(STAMP_WIDTH, available));
  const boxes = signatures.map((s) => layoutStamp(s, timeZone, fonts, width));
  const rows: Box[][] = [];
  for (let i = 0; i < boxes.length; i += columns) rows.push(boxes.slice(i, i + columns));
  return rows.map((row) => ({ boxes: row, height: Math.max(...row.map((b) => b.height)) }));
}

type Row = ReturnType<typeof layoutRows>[number];

const rowsHeight = (rows: readonly Row[]) =>
  rows.reduce((h, r) => h + r.height, 0) + ROW_GAP * Math.max(0, rows.length - 1);

function drawRows(page: PDFPage, rows: readonly Row[], left: number, top: number): number {
  let y = top;
  for (const row of rows) {
    row.boxes.forEach((box, k) => drawBox(page, box, left + k * (box.width + GUTTER), y));
    y -= row.height + ROW_GAP;
  }
  return y;
}

/** Appended pages of the last page's size: a heading, then the stamps, as many pages as they need. */
function drawOnNewPages(
  doc: PDFDocument,
  size: { width: number; height: number },
  rows: readonly Row[],
  band: Pick<Band, 'left' | 'width'>,
  fonts: Fonts,
  documentTitle: string | undefined,
): void {
  let next = 0;
  let pageNumber = 0;
  while (next < rows.length) {
    const page = doc.addPage([size.width, size.height]);
    pageNumber++;
    let y = size.height - DEFAULT_MARGIN;
    const heading = pageNumber === 1 ? SIGNATURES_PAGE_TITLE : `${SIGNATURES_PAGE_TITLE} (продолжение)`;
    y -= 11;
    page.drawText(heading, { x: band.left, y, font: fonts.bold, size: 11, color: TEXT_COLOR });
    if (present(documentTitle)) {
      for (const line of wrap(`к документу «${clean(documentTitle)}»`, fonts.regular, 9, band.width)) {
        y -= 9 * LEADING;
        page.drawText(line, { x: band.left, y, font: fonts.regular, size: 9, color: TEXT_COLOR });
      }
    }
    y -= CONTENT_GAP;
    const bottom = MIN_BOTTOM_MARGIN;
    let placed = 0;
    while (next < rows.length) {
      const row = rows[next];
      // A row always goes on a fresh page, even if taller than the page (it cannot be split).
      if (placed > 0 && y - row.height < bottom) break;
      drawRows(page, [row], band.left, y);
      y -= row.height + ROW_GAP;
      next++;
      placed++;
    }
  }
}

// ── the copy ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Makes the visualised copy: the original with a stamp per signature on its last page (or on appended
 * pages) and the original and the signatures embedded. Throws when the original is not a PDF pdf-lib can
 * read, has no pages, or is encrypted, and for more than `MAX_STAMP_SIGNATURES` signatures.
 */
export async function stampSignedPdf(input: StampInput): Promise<Uint8Array> {
  const { original, signatures, stampedAt, timeZone, documentTitle } = input;
  if (signatures.length > MAX_STAMP_SIGNATURES) {
    throw new Error(`At most ${MAX_STAMP_SIGNATURES} signatures can be stamped, got ${signatures.length}`);
  }
  if (Number.isNaN(stampedAt.getTime())) throw new Error('stampedAt is not a valid date');
  // Throws RangeError for an unknown time zone, before any work.
  new Intl.DateTimeFormat('ru-RU', { timeZone });

  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const pages = doc.getPages();
  const last = pages[pages.length - 1];
  if (!last) throw new Error('The PDF has no pages');
  doc.registerFontkit(fontkit);
  const files = stampFontFiles();
  // Fixed subset tags instead of pdf-lib's numeric suffixes (the rule is six capitals and «+»).
  const fonts: Fonts = {
    regular: await doc.embedFont(files.regular, { subset: true, customName: 'TMKSTR+PTSans-Regular' }),
    bold: await doc.embedFont(files.bold, { subset: true, customName: 'TMKSTB+PTSans-Bold' }),
  };

  if (signatures.length > 0) {
    const band = freeBand(last);
    const box = boxOf(last);
    const margin = band ? band.left - box.xMin : DEFAULT_MARGIN;
    const available = band ? band.width : box.xMax - box.xMin - 2 * DEFAULT_MARGIN;
    const rows = layoutRows(signatures, timeZone, fonts, available);
    const height = rowsHeight(rows);
    if (band && band.top - band.bottom >= height) {
      // Anchored to the bottom of the free band, just above the footer.
      drawRows(last, rows, band.left, band.bottom + height);
    } else {
      const { width, height: pageHeight } = last.getSize();
      drawOnNewPages(
        doc,
        { width, height: pageHeight },
        rows,
        { left: margin, width: available },
        fonts,
        documentTitle,
      );
    }
  }

  const describe = (n: number, s: StampSignature) =>
    [
      `Открепленная электронная подпись № ${n} (CMS SignedData, DER) к файлу ${ORIGINAL_ATTACHMENT}`,
      `сертификат ${s.signer.serialNumber}, владелец ${clean(ownerName(s.signer))}`,
      ...(present(s.fileName) ? [`исходное имя файла «${clean(s.fileName)}»`] : []),
    ].join('; ');
  await doc.attach(original, ORIGINAL_ATTACHMENT, {
    mimeType: 'application/pdf',
    description: present(documentTitle)
      ? `Подписанный документ (исходный PDF): ${clean(documentTitle)}`
      : 'Подписанный документ (исходный PDF)',
    creationDate: stampedAt,
    modificationDate: stampedAt,
    afRelationship: AFRelationship.Source,
  });
  for (const [i, s] of signatures.entries()) {
    await doc.attach(s.der, signatureAttachmentName(i + 1), {
      mimeType: 'application/pkcs7-signature',
      description: describe(i + 1, s),
      creationDate: stampedAt,
      modificationDate: stampedAt,
      afRelationship: AFRelationship.Supplement,
    });
  }
  // Viewers open the attachments panel: the signed original and its signatures are what count.
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseAttachments'));
  if (present(documentTitle)) doc.setTitle(clean(documentTitle));
  doc.setProducer('ТМК');
  doc.setCreationDate(stampedAt);
  doc.setModificationDate(stampedAt);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

// ── reading a copy back ──────────────────────────────────────────────────────────────────────────────────

/** A stream's decoded bytes, at most `limit` of them; null when larger, or not decodable. */
function streamBytes(stream: PDFRawStream, limit: number): Uint8Array | null {
  if (limit < 0) return null;
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters =
    filter instanceof PDFName
      ? [filter]
      : filter instanceof PDFArray
        ? Array.from({ length: filter.size() }, (_, i) => filter.lookup(i))
        : filter === undefined
          ? []
          : null;
  if (!filters || filters.length > 4) return null;
  if (filters.length === 0) return stream.contents.length <= limit ? stream.contents : null;
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
  if (filters.length === 1 && filters[0] === PDFName.of('FlateDecode') && parms === undefined) {
    // zlib stops at the limit; pdf-lib's FlateStream inflates a whole deflate block at once, and one block
    // can be gigabytes.
    try {
      const out = inflateSync(stream.contents, { maxOutputLength: Math.max(limit, 1) });
      return out.length <= limit ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : null;
    } catch {
      return null;
    }
  }
  if (filters.some((f) => f === PDFName.of('FlateDecode'))) return null;
  // Other filters (LZW, ASCII85, ASCIIHex, RunLength) decode in small blocks: read in chunks up to the limit.
  try {
    const decoded = decodePDFRawStream(stream);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = decoded.getBytes(64 * 1024);
      if (chunk.length === 0) break;
      total += chunk.length;
      if (total > limit) return null;
      chunks.push(Uint8Array.from(chunk));
      if (chunk.length < 64 * 1024) break;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  } catch {
    return null;
  }
}

const textOf = (value: PDFObject | undefined): string | null =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;

/** The name tree's entries (key, file specification), depth-first, bounded in nodes, depth and entries. */
function nameTreeEntries(root: PDFDict): [string, PDFObject | undefined][] {
  const entries: [string, PDFObject | undefined][] = [];
  const seen = new Set<PDFDict>();
  let visited = 0;
  const visit = (node: PDFDict, depth: number) => {
    if (depth > MAX_NAME_TREE_DEPTH || seen.has(node) || ++visited > MAX_NAME_TREE_NODES) return;
    seen.add(node);
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size() && entries.length < MAX_ATTACHMENTS; i += 2) {
        const key = textOf(names.lookup(i));
        if (key !== null) entries.push([key, names.lookup(i + 1)]);
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size() && entries.length < MAX_ATTACHMENTS; i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) visit(kid, depth + 1);
      }
    }
  };
  visit(root, 0);
  return entries;
}

/** The embedded file of a file specification, checked against its declared size; null if unreadable. */
function embeddedFile(spec: PDFObject | undefined, limit: number): Uint8Array | null {
  if (!(spec instanceof PDFDict)) return null;
  const ef = spec.lookup(PDFName.of('EF'));
  if (!(ef instanceof PDFDict)) return null;
  const stream = ef.lookup(PDFName.of('F')) ?? ef.lookup(PDFName.of('UF'));
  if (!(stream instanceof PDFRawStream)) return null;
  const bytes = streamBytes(stream, limit);
  if (!bytes) return null;
  const params = stream.dict.lookup(PDFName.of('Params'));
  const size = params instanceof PDFDict ? params.lookup(PDFName.of('Size')) : undefined;
  if (size instanceof PDFNumber && size.asNumber() !== bytes.length) return null;
  return bytes.slice();
}

const SIGNATURE_NAME = /^signature-(\d{1,2})\.sig$/;

/**
 * Reads a visualised copy back: the embedded `original.pdf` and `signature-<n>.sig` files (in n order), from
 * the catalog's /Names /EmbeddedFiles name tree. Null when the PDF cannot be read or has no readable
 * `original.pdf`; never throws; the work is bounded (input size, entries, tree nodes, decoded sizes).
 */
export async function extractSignedPackage(pdf: Uint8Array): Promise<SignedPackage | null> {
  try {
    if (!(pdf instanceof Uint8Array) || pdf.length > MAX_PACKAGE_BYTES) return null;
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
    const names = doc.catalog.lookup(PDFName.of('Names'));
    if (!(names instanceof PDFDict)) return null;
    const tree = names.lookup(PDFName.of('EmbeddedFiles'));
    if (!(tree instanceof PDFDict)) return null;
    let original: Uint8Array | null = null;
    const signatures = new Map<number, Uint8Array>();
    for (const [name, spec] of nameTreeEntries(tree)) {
      if (name === ORIGINAL_ATTACHMENT) {
        original ??= embeddedFile(spec, MAX_ORIGINAL_BYTES);
        continue;
      }
      const n = SIGNATURE_NAME.exec(name);
      if (!n || signatures.has(Number(n[1]))) continue;
      const bytes = embeddedFile(spec, MAX_SIGNATURE_BYTES);
      if (bytes) signatures.set(Number(n[1]), bytes);
    }
    if (!original) return null;
    return {
      original,
      signatures: [...signatures.entries()].sort(([a], [b]) => a - b).map(([, bytes]) => bytes),
    };
  } catch {
    return null;
  }
}
