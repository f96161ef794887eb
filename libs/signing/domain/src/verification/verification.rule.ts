import {
  REASON_CODES,
  type ReasonCode,
  type SignerReport,
  type VerificationResult,
} from './verification-result';

/**
 * The policy decisions of signature verification, free of cryptography: the verifier (infrastructure)
 * extracts facts from the CMS and certificates, these rules turn them into reasons.
 */

/** How far signingTime may lie before receipt (back) and after it (forward: clock skew). */
export interface SigningTimeWindow {
  readonly backMs: number;
  readonly forwardMs: number;
}

/** Domain notes §5, "signingTime close to receipt": a day back, five minutes of clock skew forward. */
export const DEFAULT_SIGNING_TIME_WINDOW: SigningTimeWindow = {
  backMs: 24 * 60 * 60 * 1000,
  forwardMs: 5 * 60 * 1000,
};

/** signingTime must be present and within [receivedAt − back, receivedAt + forward]. */
export function signingTimeRule(
  signingTime: Date | null,
  receivedAt: Date,
  window: SigningTimeWindow = DEFAULT_SIGNING_TIME_WINDOW,
): ReasonCode | null {
  if (!signingTime || Number.isNaN(signingTime.getTime())) return 'SIGNING_TIME_OUT_OF_WINDOW';
  const delta = signingTime.getTime() - receivedAt.getTime();
  return delta > window.forwardMs || delta < -window.backMs ? 'SIGNING_TIME_OUT_OF_WINDOW' : null;
}

/**
 * The instant certificates are judged at: the signing time when it is trustworthy enough (inside the
 * window), otherwise the receipt (a signingTime outside the window is reported by itself and must not make
 * an expired certificate look valid).
 */
export function validityInstant(
  signingTime: Date | null,
  receivedAt: Date,
  window: SigningTimeWindow = DEFAULT_SIGNING_TIME_WINDOW,
): Date {
  return signingTime && signingTimeRule(signingTime, receivedAt, window) === null ? signingTime : receivedAt;
}

export interface ValidityPeriod {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A certificate must be valid (notBefore ≤ at ≤ notAfter) at the given instant. */
export function certificateValidityRule(period: ValidityPeriod, at: Date): ReasonCode | null {
  const t = at.getTime();
  return t < period.notBefore.getTime() || t > period.notAfter.getTime() ? 'CERT_EXPIRED' : null;
}

/** The key usage bits the verifier reads from the certificate; null when the extension is absent. */
export interface KeyUsageFlags {
  readonly digitalSignature: boolean;
  readonly nonRepudiation: boolean;
  readonly keyCertSign: boolean;
  readonly cRLSign: boolean;
}

/**
 * A signer certificate must allow digitalSignature or nonRepudiation. A qualified certificate always carries
 * the extension, so its absence is a rejection too.
 */
export function signerKeyUsageRule(keyUsage: KeyUsageFlags | null): ReasonCode | null {
  return keyUsage && (keyUsage.digitalSignature || keyUsage.nonRepudiation) ? null : 'KEY_USAGE';
}

/** A certificate may issue others only when it is a CA (basicConstraints) and, if restricted, keyCertSign. */
export function mayIssueCertificates(isCa: boolean, keyUsage: KeyUsageFlags | null): boolean {
  return isCa && (keyUsage === null || keyUsage.keyCertSign);
}

/** A CRL is usable only from an issuer that may sign CRLs (no keyUsage, or cRLSign). */
export function maySignCrls(keyUsage: KeyUsageFlags | null): boolean {
  return keyUsage === null || keyUsage.cRLSign;
}

/** СНИЛС digits only: `123-456-789 01` → `12345678901`. */
export const snilsDigits = (value: string): string => value.replace(/\D/g, '');

/** With an expected signer, the certificate's SNILS must equal it (digits compared). */
export function signerIdentityRule(
  expectedSnils: string | null | undefined,
  certificateSnils: string | null,
): ReasonCode | null {
  if (expectedSnils === null || expectedSnils === undefined) return null;
  const expected = snilsDigits(expectedSnils);
  return certificateSnils !== null && expected.length > 0 && snilsDigits(certificateSnils) === expected
    ? null
    : 'WRONG_SIGNER';
}

/** What the issuer's newest valid CRL says about one certificate; `crl: null` when there is none. */
export interface RevocationFacts {
  readonly crl: {
    readonly thisUpdate: Date;
    readonly nextUpdate: Date | null;
    /** When the certificate's serial is listed: its revocation date; null when not listed. */
    readonly revokedAt: Date | null;
  } | null;
}

/**
 * Revoked when the issuer's CRL lists the certificate with a revocation date not after receipt (signingTime is
 * the signer's own claim, so a revocation before receipt rejects even a signature that claims to be older).
 * Unknown when the issuer has no CRL here or its newest one had expired at receipt (nextUpdate passed) —
 * reported only when `required`.
 */
export function revocationRule(facts: RevocationFacts, receivedAt: Date, required = true): ReasonCode | null {
  const crl = facts.crl;
  if (crl?.revokedAt && crl.revokedAt.getTime() <= receivedAt.getTime()) return 'CERT_REVOKED';
  if (!required) return null;
  if (!crl) return 'REVOCATION_UNKNOWN';
  if (crl.nextUpdate && crl.nextUpdate.getTime() < receivedAt.getTime()) return 'REVOCATION_UNKNOWN';
  return null;
}

/** Reasons without duplicates, in the order of REASON_CODES. */
export function orderedReasons(reasons: Iterable<ReasonCode | null>): ReasonCode[] {
  const present = new Set<ReasonCode>();
  for (const r of reasons) if (r) present.add(r);
  return REASON_CODES.filter((r) => present.has(r));
}

/** The verdict: valid only with at least one signer and no reason at all. */
export function verificationVerdict(
  signers: readonly SignerReport[],
  extraReasons: Iterable<ReasonCode | null> = [],
): VerificationResult {
  const reasons = orderedReasons([...signers.flatMap((s) => s.reasons), ...extraReasons]);
  if (signers.length === 0 && reasons.length === 0) reasons.push('MALFORMED');
  return { valid: reasons.length === 0, reasons, signers };
}

/** The result for input that could not be read at all. */
export const malformedResult = (): VerificationResult => ({
  valid: false,
  reasons: ['MALFORMED'],
  signers: [],
});
