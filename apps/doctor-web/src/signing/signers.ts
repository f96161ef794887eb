import type { DocumentSignerErrorCode } from '@tmk/web-signing';

type WebSigning = typeof import('@tmk/web-signing');

let loading: Promise<WebSigning> | null = null;

/**
 * The browser signing library (`@tmk/web-signing`: the CryptoPro plug-in adapter and the software token),
 * loaded when a signing dialog first opens: its ASN.1 and CMS code stays out of the pages that never sign.
 */
export function loadSigning(): Promise<WebSigning> {
  loading ??= import('@tmk/web-signing').catch((e: unknown) => {
    loading = null; // a failed chunk load (offline) may succeed next time
    throw e;
  });
  return loading;
}

/** Why a software token could not be imported (`SoftwareTokenError.code` of @tmk/shared-cades). */
export const TOKEN_ERROR_CODES = [
  'WRONG_PASSWORD',
  'NO_PRIVATE_KEY',
  'NO_CERTIFICATE',
  'KEY_MISMATCH',
  'UNSUPPORTED',
  'MALFORMED',
] as const;
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

const SIGNER_ERROR_CODES: readonly DocumentSignerErrorCode[] = [
  'UNAVAILABLE',
  'UNKNOWN_CERTIFICATE',
  'CANCELLED',
  'FAILED',
];

/**
 * The stable code of a signing library failure: a software token that cannot be imported, or a signer that
 * cannot sign; null for anything else (an api problem). Read by name and code, so the dialog need not load
 * the library to recognise its errors.
 */
export function signingErrorCode(
  error: unknown,
):
  | { readonly kind: 'token'; readonly code: TokenErrorCode }
  | { readonly kind: 'signer'; readonly code: DocumentSignerErrorCode }
  | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  if (error.name === 'SoftwareTokenError' && (TOKEN_ERROR_CODES as readonly unknown[]).includes(code)) {
    return { kind: 'token', code: code as TokenErrorCode };
  }
  if (error.name === 'DocumentSignerError' && (SIGNER_ERROR_CODES as readonly unknown[]).includes(code)) {
    return { kind: 'signer', code: code as DocumentSignerErrorCode };
  }
  return null;
}
