/**
 * Where a page's content lies: a small interpreter of PDF content streams that follows the graphics state
 * (q/Q, cm), the text state (BT, Tm, Td, TD, T*, TL, Tf) and path painting, and records the vertical extent
 * of every painted text run, path and XObject in default user space. The stamp of the signed copy uses it
 * to find the free band at the bottom of the last page without touching the page's content.
 *
 * Approximate on purpose: text is assumed to span [-0.25, 0.95] × the font size around its baseline, its
 * width is not measured (only the start of a run counts for the left margin), clipping is ignored, and
 * `sh` (a shading over the clip region) counts as the whole page. Input the interpreter cannot read, or too
 * much of it, yields `null` and the caller treats the page as full.
 */

/** A box in default user space (PDF units, origin at the bottom left). */
export interface Extent {
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

type Matrix = readonly [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a × b (apply a, then b), in PDF's row-vector convention. */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  x * m[0] + y * m[2] + m[4],
  x * m[1] + y * m[3] + m[5],
];

/** Limits: content streams larger than this, or with more tokens, are not analysed. */
export const MAX_CONTENT_BYTES = 16 * 1024 * 1024;
const MAX_TOKENS = 4_000_000;
const MAX_STACK = 64;
const MAX_OPERANDS = 64;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

class Unreadable extends Error {}

/** A number, or null for any other operand (names, strings, arrays, dictionaries). */
type Operand = number | null;

/**
 * Tokenises a content stream and calls `operator` with each operator and its numeric operands (other
 * operands are null). Skips strings, arrays, dictionaries and inline image data.
 */
function scan(bytes: Uint8Array, operator: (op: string, operands: readonly Operand[]) => void): void {
  let i = 0;
  let tokens = 0;
  let operands: Operand[] = [];
  let arrayDepth = 0;
  const n = bytes.length;
  const push = (value: Operand) => {
    if (arrayDepth > 0) return;
    if (operands.length >= MAX_OPERANDS) throw new Unreadable('too many operands');
    operands.push(value);
  };
  while (i < n) {
    const c = bytes[i];
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (++tokens > MAX_TOKENS) throw new Unreadable('too many tokens');
    if (c === 0x25 /* % */) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (c === 0x28 /* ( */) {
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const s = bytes[i];
        if (s === 0x5c /* \ */) i += 2;
        else {
          if (s === 0x28) depth++;
          else if (s === 0x29) depth--;
          i++;
        }
      }
      push(null);
    } else if (c === 0x3c /* < */) {
      if (bytes[i + 1] === 0x3c) {
        // A dictionary (inline, e.g. a marked-content property list): skip to its balanced end.
        let depth = 0;
        while (i < n) {
          if (bytes[i] === 0x3c && bytes[i + 1] === 0x3c) {
            depth++;
            i += 2;
          } else if (bytes[i] === 0x3e && bytes[i + 1] === 0x3e) {
            depth--;
            i += 2;
            if (depth === 0) break;
          } else i++;
        }
      } else {
        while (i < n && bytes[i] !== 0x3e) i++;
        i++;
      }
      push(null);
    } else if (c === 0x5b /* [ */) {
      if (arrayDepth === 0) push(null);
      arrayDepth++;
      i++;
    } else if (c === 0x5d /* ] */) {
      arrayDepth = Math.max(0, arrayDepth - 1);
      i++;
    } else if (c === 0x2f /* / */) {
      i++;
      while (i < n && !WHITESPACE.has(bytes[i]) && !DELIMITERS.has(bytes[i])) i++;
      push(null);
    } else if (c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e) {
      i++; // stray delimiters (PostScript calculator syntax never appears in page content)
    } else {
      const start = i;
      while (i < n && !WHITESPACE.has(bytes[i]) && !DELIMITERS.has(bytes[i])) i++;
      const token = String.fromCharCode(...bytes.subarray(start, Math.min(i, start + 32)));
      const value = Number(token);
      if (token !== '' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) && Number.isFinite(value)) {
        push(value);
      } else if (arrayDepth > 0) {
        // `true`, `false`, `null` inside an array
      } else if (token === 'BI') {
        // Inline image: its dictionary, then `ID`, one white-space byte, binary data up to `EI`.
        const id = findKeyword(bytes, i, 'ID');
        if (id < 0) throw new Unreadable('inline image without ID');
        const end = findKeyword(bytes, id + 3, 'EI');
        if (end < 0) throw new Unreadable('inline image without EI');
        i = end + 2;
        operator('Do', []);
        operands = [];
      } else {
        operator(token, operands);
        operands = [];
      }
    }
  }
}

/** The index of `keyword` standing alone (white space or the end around it) at or after `from`; -1 if none. */
function findKeyword(bytes: Uint8Array, from: number, keyword: string): number {
  const a = keyword.charCodeAt(0);
  const b = keyword.charCodeAt(1);
  for (let i = from; i + 1 < bytes.length; i++) {
    if (
      bytes[i] === a &&
      bytes[i + 1] === b &&
      (i === 0 || WHITESPACE.has(bytes[i - 1])) &&
      (i + 2 >= bytes.length || WHITESPACE.has(bytes[i + 2]) || DELIMITERS.has(bytes[i + 2]))
    ) {
      return i;
    }
  }
  return -1;
}

const num = (operands: readonly Operand[], index: number): number => {
  const v = operands[index];
  if (typeof v !== 'number') throw new Unreadable('operand is not a number');
  return v;
};

const matrixFrom = (operands: readonly Operand[]): Matrix => {
  if (operands.length < 6) throw new Unreadable('matrix needs 6 numbers');
  const k = operands.length - 6;
  return [
    num(operands, k),
    num(operands, k + 1),
    num(operands, k + 2),
    num(operands, k + 3),
    num(operands, k + 4),
    num(operands, k + 5),
  ];
};

/**
 * The extents of everything the content streams (decoded, in order) paint on a page whose media box is
 * `page`; null when the content cannot be read or is too large. Text runs carry only their start in x.
 */
export function paintedExtents(contents: readonly Uint8Array[], page: Extent): Extent[] | null {
  const total = contents.reduce((s, c) => s + c.length, 0);
  if (total > MAX_CONTENT_BYTES) return null;
  const extents: Extent[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let fontSize = 0;
  let path: [number, number][] = [];

  const record = (points: readonly [number, number][]) => {
    if (points.length === 0) return;
    let xMin = Infinity;
    let yMin = Infinity;
    let xMax = -Infinity;
    let yMax = -Infinity;
    for (const [x, y] of points) {
      xMin = Math.min(xMin, x);
      yMin = Math.min(yMin, y);
      xMax = Math.max(xMax, x);
      yMax = Math.max(yMax, y);
    }
    if ([xMin, yMin, xMax, yMax].every(Number.isFinite)) extents.push({ xMin, yMin, xMax, yMax });
  };
  const pathPoint = (x: number, y: number) => {
    if (path.length < 100_000) path.push(apply(ctm, x, y));
  };
  const newLine = (tx: number, ty: number) => {
    tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
  };
  const showText = () => {
    const m = multiply(tm, ctm);
    record([apply(m, 0, -0.25 * fontSize), apply(m, 0, 0.95 * fontSize)]);
  };

  try {
    for (const content of contents) {
      scan(content, (op, o) => {
        switch (op) {
          case 'q':
            if (stack.length >= MAX_STACK) throw new Unreadable('graphics state stack too deep');
            stack.push(ctm);
            break;
          case 'Q':
            ctm = stack.pop() ?? ctm;
            break;
          case 'cm':
            ctm = multiply(matrixFrom(o), ctm);
            break;
          case 'BT':
            tm = IDENTITY;
            tlm = IDENTITY;
            break;
          case 'Tf':
            fontSize = num(o, o.length - 1);
            break;
          case 'TL':
            leading = num(o, o.length - 1);
            break;
          case 'Tm':
            tm = matrixFrom(o);
            tlm = tm;
            break;
          case 'Td':
            newLine(num(o, o.length - 2), num(o, o.length - 1));
            break;
          case 'TD':
            leading = -num(o, o.length - 1);
            newLine(num(o, o.length - 2), num(o, o.length - 1));
            break;
          case 'T*':
            newLine(0, -leading);
            break;
          case "'":
          case '"':
            newLine(0, -leading);
            showText();
            break;
          case 'Tj':
          case 'TJ':
            showText();
            break;
          case 'm':
          case 'l':
            pathPoint(num(o, o.length - 2), num(o, o.length - 1));
            break;
          case 'c':
            for (let k = o.length - 6; k < o.length; k += 2) pathPoint(num(o, k), num(o, k + 1));
            break;
          case 'v':
          case 'y':
            for (let k = o.length - 4; k < o.length; k += 2) pathPoint(num(o, k), num(o, k + 1));
            break;
          case 're': {
            const [x, y, w, h] = [0, 1, 2, 3].map((k) => num(o, o.length - 4 + k)) as [
              number,
              number,
              number,
              number,
            ];
            pathPoint(x, y);
            pathPoint(x + w, y);
            pathPoint(x, y + h);
            pathPoint(x + w, y + h);
            break;
          }
          case 'S':
          case 's':
          case 'f':
          case 'F':
          case 'f*':
          case 'B':
          case 'B*':
          case 'b':
          case 'b*':
            record(path);
            path = [];
            break;
          case 'n':
            // Ends a path without painting it (a clipping path).
            path = [];
            break;
          case 'Do':
            record([apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)]);
            break;
          case 'sh':
            record([
              [page.xMin, page.yMin],
              [page.xMax, page.yMax],
            ]);
            break;
          default:
            break;
        }
      });
    }
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
  return extents;
}
