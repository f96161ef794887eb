import {
  SIGNATURE_REASONS,
  type CertificateName,
  type SignatureReason,
  type SignatureView,
  type SignedDocument,
  type SignerRole,
} from '@tmk/web-api-client';

/**
 * What the request page decides about a document to sign (the api decides again): whether the person may sign
 * it now and in which role — the author while it waits for the first accepted signature (a rejected attempt may
 * be retried), a consilium member once the author has signed, each only once.
 */
export function signingRole(
  document: SignedDocument,
  personId: string | null | undefined,
): SignerRole | null {
  const role = document.signAs;
  if (!role || !personId) return null;
  if (document.signatures.some((s) => s.valid && s.signerId === personId)) return null;
  if (role === 'AUTHOR') return document.status === 'PREPARED' ? role : null;
  return document.status === 'SIGNED' ? role : null;
}

/** The accepted signatures, in the order given (their `.sig` files are numbered so on the server). */
export function acceptedSignatures(document: SignedDocument): SignatureView[] {
  return document.signatures.filter((s) => s.valid);
}

/** A SHA-256 (64 hex digits) shortened for reading: `3f2a9c1e…9b07d4e2`. */
export function shortHash(hex: string, head = 8, tail = 8): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/** A certificate holder's name: the common name, else surname and given name, else the organisation. */
export function holderName(
  name: Pick<CertificateName, 'commonName' | 'surname' | 'givenName' | 'organization'>,
): string {
  const person = [name.surname, name.givenName].filter(Boolean).join(' ');
  return name.commonName || person || name.organization || '';
}

/** Reason codes once each, in the verifier's order (unknown codes last, as given). */
export function orderedReasons(reasons: readonly string[]): string[] {
  const known = SIGNATURE_REASONS.filter((r) => reasons.includes(r));
  const unknown = [...new Set(reasons.filter((r) => !(SIGNATURE_REASONS as readonly string[]).includes(r)))];
  return [...known, ...unknown];
}

export function isKnownReason(reason: string): reason is SignatureReason {
  return (SIGNATURE_REASONS as readonly string[]).includes(reason);
}

/** What a certificate chosen for signing would be refused for, found before it is sent. */
export type CertificateWarning =
  | { readonly kind: 'SNILS_MISMATCH'; readonly certificate: string; readonly own: string }
  | { readonly kind: 'NO_SNILS' }
  | { readonly kind: 'EXPIRED'; readonly at: Date }
  | { readonly kind: 'NOT_YET_VALID'; readonly at: Date };

const digits = (value: string | null | undefined): string => (value ?? '').replace(/\D/g, '');

/**
 * Warnings about a signing certificate: its СНИЛС differs from the person's own (when the profile has one) or
 * is absent — the server rejects it as WRONG_SIGNER then; it has expired or is not valid yet.
 */
export function certificateWarnings(
  certificate: { readonly snils: string | null; readonly notBefore: Date; readonly notAfter: Date },
  ownSnils: string | null | undefined,
  now: Date,
): CertificateWarning[] {
  const out: CertificateWarning[] = [];
  const mine = digits(ownSnils);
  const theirs = digits(certificate.snils);
  if (!theirs) out.push({ kind: 'NO_SNILS' });
  else if (mine && mine !== theirs) out.push({ kind: 'SNILS_MISMATCH', certificate: theirs, own: mine });
  if (certificate.notAfter.getTime() < now.getTime()) out.push({ kind: 'EXPIRED', at: certificate.notAfter });
  else if (certificate.notBefore.getTime() > now.getTime()) {
    out.push({ kind: 'NOT_YET_VALID', at: certificate.notBefore });
  }
  return out;
}

/** The request has moved on from the signed conclusion: the closing consumer runs after the signature. */
export const CLOSING_POLL = { everyMs: 1_000, forMs: 20_000 } as const;

/** The calendar day of an instant in a time zone (a certificate's validity): `01.12.2026` (ru). */
export function formatDay(
  iso: string | Date | null | undefined,
  localeTagValue: string,
  timeZone?: string | null,
): string {
  if (!iso) return '';
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat(localeTagValue, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: zone,
    }).format(date);
  try {
    return format(timeZone ?? undefined);
  } catch {
    return format(undefined);
  }
}
