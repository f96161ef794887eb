import { unwrap, useApiClient, type ApiClient } from './client';
import type { components } from './schema';

/**
 * The signing api (`/api/v1/signing/…`): the conclusion as rendered for signing, its signatures, the signed
 * package's downloads, the public verification and the trust store. Short names for the generated shapes,
 * download addresses, and the two calls the typed client cannot express plainly (PDF bytes, multipart).
 */
type Schemas = components['schemas'];

export type SignedDocument = Schemas['SignedDocumentDto'];
export type SignedDocumentStatus = Schemas['SignedDocumentStatus'];
export type SignatureView = Schemas['SignatureDto'];
export type SignerRole = Schemas['SignerRole'];
export type SignatureReason = Schemas['SignatureReason'];
export type SignerReport = Schemas['SignerReportDto'];
export type CertificateName = Schemas['CertificateNameDto'];
export type VerificationReport = Schemas['VerificationReportDto'];
export type PublicSignatureReport = Schemas['PublicSignatureReportDto'];
export type HeldDocument = Schemas['HeldDocumentDto'];
export type TrustAnchor = Schemas['TrustAnchorDto'];
export type TrustCrl = Schemas['CrlDto'];

/** The reason codes of a rejected signature, in the order the verifier reports them (stable forever). */
export const SIGNATURE_REASONS: readonly SignatureReason[] = [
  'MALFORMED',
  'DIGEST_MISMATCH',
  'BAD_SIGNATURE',
  'UNTRUSTED_CHAIN',
  'CERT_EXPIRED',
  'CERT_REVOKED',
  'REVOCATION_UNKNOWN',
  'KEY_USAGE',
  'WRONG_SIGNER',
  'SIGNING_TIME_OUT_OF_WINDOW',
  'MISSING_ATTRIBUTES',
  'UNSUPPORTED_ALGORITHM',
];

/** Whether a problem's `reasons` member (422 SIGNING.SIGNATURE_REJECTED) holds known reason codes; the known ones. */
export function signatureReasonsOf(value: unknown): SignatureReason[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is SignatureReason => (SIGNATURE_REASONS as readonly unknown[]).includes(r));
}

const documentBase = (documentId: string): string =>
  `/api/v1/signing/documents/${encodeURIComponent(documentId)}`;

/** Download addresses of a signed document's files (sent as attachments; the session cookie authorises them). */
export const signingDownloads = {
  /** The exact PDF bytes that are signed. */
  original: (documentId: string): string => `${documentBase(documentId)}/original`,
  /** The visualised copy: a stamp per accepted signature, the original and the `.sig` files inside. */
  stamped: (documentId: string): string => `${documentBase(documentId)}/stamped`,
  /** One accepted detached signature (DER). */
  signature: (documentId: string, signatureId: string): string =>
    `${documentBase(documentId)}/signatures/${encodeURIComponent(signatureId)}`,
};

/** The original PDF's bytes, to sign them (an audited download). */
export async function fetchOriginalDocument(
  documentId: string,
  client: ApiClient = useApiClient(),
): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await unwrap(
    client.GET('/api/v1/signing/documents/{id}/original', {
      params: { path: { id: documentId } },
      parseAs: 'arrayBuffer',
    }),
  );
  return new Uint8Array(buffer);
}

/** Base64 of bytes (the signature's transport in `POST …/signatures`). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Sends a detached CMS (DER) for the document. Throws an ApiProblem: 422 `SIGNING.SIGNATURE_REJECTED` with
 * `extensions.reasons`, 403 `SIGNING.NOT_A_SIGNER`, 409 `SIGNING.ALREADY_SIGNED` / `SIGNING.AUTHOR_FIRST`.
 */
export function submitSignature(
  documentId: string,
  cms: Uint8Array,
  client: ApiClient = useApiClient(),
): Promise<SignatureView> {
  return unwrap(
    client.POST('/api/v1/signing/documents/{id}/signatures', {
      params: { path: { id: documentId } },
      body: { signature: toBase64(cms) },
    }),
  );
}

/**
 * The public check (no session needed): a PDF and its detached `.sig` files, or a stamped copy alone.
 * Throws an ApiProblem: 429 `HTTP.RATE_LIMITED` (`retryAfterSeconds`), 413 `SIGNING.FILE_TOO_LARGE`,
 * 400 `SIGNING.NO_SIGNATURE` (a plain PDF without signatures).
 */
export function verifySignedDocument(
  document: Blob,
  documentName: string,
  signatures: readonly { readonly file: Blob; readonly name: string }[],
  client: ApiClient = useApiClient(),
): Promise<VerificationReport> {
  const form = new FormData();
  form.append('document', document, documentName);
  for (const s of signatures) form.append('signature', s.file, s.name);
  return unwrap(
    client.POST('/api/v1/signing/verify', {
      // the generated body type names the fields; the FormData carries them
      body: { document: documentName },
      bodySerializer: () => form,
    }),
  );
}
