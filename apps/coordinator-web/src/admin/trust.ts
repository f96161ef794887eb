import { toBase64, type TrustAnchor, type TrustCrl } from '@tmk/web-api-client';

/**
 * A certificate or CRL file as the trust store api takes it: PEM text as it is (a `-----BEGIN` block, or a
 * bundle), a file that already holds base64 as that text, binary DER as base64.
 */
export function certificateText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('-----BEGIN')) return text;
  const compact = text.replace(/\s+/g, '');
  if (compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0)
    return compact;
  return toBase64(bytes);
}

/**
 * The current CRL of a CA (issued under the CA's name, its next update not passed), the newest one; null when
 * there is none — the verifier then answers REVOCATION_UNKNOWN for chains through this CA.
 */
export function crlFor(
  anchor: Pick<TrustAnchor, 'subject'>,
  crls: readonly TrustCrl[],
  now: Date,
): TrustCrl | null {
  const current = crls.filter(
    (c) => c.issuer === anchor.subject && (c.nextUpdate === null || new Date(c.nextUpdate) > now),
  );
  current.sort((a, b) => Date.parse(b.thisUpdate) - Date.parse(a.thisUpdate));
  return current[0] ?? null;
}

/**
 * The common name of a distinguished name as the api prints it (`C=RU, O=…, CN=Тестовый УЦ`, attributes
 * joined by ", " without escaping): the `CN=` value up to the next ", KEY=", or the whole text without one.
 */
export function commonNameOf(dn: string): string {
  const match = /(?:^|, )CN=(.*?)(?=, [A-Za-z][A-Za-z0-9.]*=|$)/.exec(dn);
  return match?.[1]?.trim() || dn;
}
