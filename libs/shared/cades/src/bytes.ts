/**
 * Byte helpers shared by the server's verifier, the builder and the software token. Browser-safe (no Buffer):
 * the SPA runs them. The GOST code and WebCrypto want exact ArrayBuffers, never a view on a larger buffer.
 */

/** A fresh ArrayBuffer holding exactly these bytes. */
export function exactBuffer(bytes: Uint8Array | ArrayBuffer): ArrayBuffer {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}

export function bytesEqual(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
  const x = a instanceof Uint8Array ? a : new Uint8Array(a);
  const y = b instanceof Uint8Array ? b : new Uint8Array(b);
  if (x.byteLength !== y.byteLength) return false;
  for (let i = 0; i < x.byteLength; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes standard or URL-safe base64 (whitespace ignored); null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || !BASE64.test(compact)) return null;
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard.padEnd(Math.ceil(standard.length / 4) * 4, '=');
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const PEM = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemObject {
  /** The label after BEGIN, e.g. `CERTIFICATE`, `PRIVATE KEY`. */
  readonly label: string;
  readonly der: Uint8Array;
  /** RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` (legacy encrypted keys), by name. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Every PEM block (any label) whose body is base64, in order. */
export function pemObjects(text: string): PemObject[] {
  const out: PemObject[] = [];
  for (const m of text.matchAll(PEM)) {
    const headers: Record<string, string> = {};
    const body: string[] = [];
    for (const line of (m[2] ?? '').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === -1) body.push(line);
      else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const der = fromBase64(body.join(''));
    if (der) out.push({ label: m[1] ?? '', der, headers });
  }
  return out;
}

/** Every PEM block's bytes (any label), in order. */
export function pemBlocks(text: string): Uint8Array[] {
  return pemObjects(text).map((o) => o.der);
}

/**
 * DER bytes from what a client may send: DER itself, base64 of it, or PEM — as bytes or as a string.
 * Null when none of these fits.
 */
export function derFrom(input: Uint8Array | ArrayBuffer | string): Uint8Array | null {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    if (bytes.byteLength === 0) return null;
    if (bytes[0] === 0x30) return bytes; // a DER SEQUENCE
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  }
  if (text.includes('-----BEGIN')) return pemBlocks(text)[0] ?? null;
  const der = fromBase64(text);
  return der && der.byteLength > 0 && der[0] === 0x30 ? der : null;
}

/** Several DER objects from a list of inputs, each DER, base64 or PEM (a PEM text may hold many). */
export function dersFrom(inputs: readonly (Uint8Array | ArrayBuffer | string)[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const input of inputs) {
    const text =
      typeof input === 'string'
        ? input
        : (input instanceof Uint8Array ? input : new Uint8Array(input))[0] === 0x30
          ? null
          : new TextDecoder().decode(input);
    if (text !== null && text.includes('-----BEGIN')) {
      out.push(...pemBlocks(text));
      continue;
    }
    const der = derFrom(input);
    if (!der) throw new Error('Not DER, base64 or PEM');
    out.push(der);
  }
  return out;
}
