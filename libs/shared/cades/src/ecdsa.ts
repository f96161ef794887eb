import * as asn1js from 'asn1js';
import { exactBuffer } from './bytes';

/** ECDSA signature encodings: WebCrypto speaks r ‖ s, CMS and X.509 carry ECDSA-Sig-Value (RFC 3279). */

/** ECDSA-Sig-Value (DER SEQUENCE of two INTEGERs) → r ‖ s, each `size` bytes, as WebCrypto wants it. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  const parsed = asn1js.fromBER(exactBuffer(der));
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Sequence)) return null;
  const parts = parsed.result.valueBlock.value;
  if (parts.length !== 2 || !parts.every((p) => p instanceof asn1js.Integer)) return null;
  const out = new Uint8Array(2 * size);
  for (let i = 0; i < 2; i++) {
    let v = (parts[i] as asn1js.Integer).valueBlock.valueHexView;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) return null;
    out.set(v, (i + 1) * size - v.length);
  }
  return out;
}

/** r ‖ s (WebCrypto) → ECDSA-Sig-Value DER, as CMS and X.509 carry it. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.byteLength / 2;
  const integer = (bytes: Uint8Array) => {
    let v = bytes;
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if ((v[0] ?? 0) & 0x80) {
      const padded = new Uint8Array(v.length + 1);
      padded.set(v, 1);
      v = padded;
    }
    return new asn1js.Integer({ valueHex: exactBuffer(v) });
  };
  const seq = new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] });
  return new Uint8Array(seq.toBER());
}
