import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { toHex } from './bytes';

/** Reading X.509 names and serial numbers as text (pkijs parses, these only read). */

export const NAME_OIDS = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  /** СНИЛС, NumericString of 11 digits (Приказ ФСБ № 795). */
  snils: '1.2.643.100.3',
} as const;

/** A name attribute's value as text; a value of no string type as `#` and its hex. */
export function attributeText(value: unknown): string {
  if (value && typeof value === 'object' && 'valueBlock' in value) {
    const block = (value as { valueBlock: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
    if (typeof block.value === 'string') return block.value;
    if (block.valueHexView) return `#${toHex(block.valueHexView)}`;
  }
  return '';
}

/** The first value of the first of these attribute types present in the name; null when none is. */
export function nameAttribute(rdn: pkijs.RelativeDistinguishedNames, ...oids: string[]): string | null {
  const tv = rdn.typesAndValues.find((t) => oids.includes(t.type));
  return tv ? attributeText(tv.value) : null;
}

/** An INTEGER's hex, upper case, without the sign-padding zero (as `openssl x509 -serial` prints it). */
export function serialHex(serial: asn1js.Integer): string {
  let v = serial.valueBlock.valueHexView;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return toHex(v).toUpperCase();
}
