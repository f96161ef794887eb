import type {
  ConclusionDocument,
  SignatureRecord,
  SignatureVerifier,
  SignerReport,
  StoredDocument,
  SubjectType,
} from '@tmk/signing-domain';
import type { IntegrationEvent } from '@tmk/shared-kernel';

/** Documents and their signatures (schema `signing`); bytes are kept exactly as rendered. */
export interface DocumentStore {
  findBySubject(subjectType: SubjectType, subjectId: string): Promise<StoredDocument | null>;
  findById(id: string): Promise<StoredDocument | null>;
  /** Documents with these bytes (by SHA-256): how the public page tells whether ТМК holds a file. */
  findBySha256(sha256: string): Promise<StoredDocument[]>;
  content(id: string): Promise<Uint8Array | null>;
  /**
   * Stores a prepared document with its events in one transaction, unless the subject has one already: then
   * nothing is written and the existing document is returned (two first readers render, one wins).
   */
  insertPrepared(
    document: StoredDocument,
    content: Uint8Array,
    events: (document: StoredDocument) => readonly IntegrationEvent[],
  ): Promise<StoredDocument>;
  signatures(documentId: string): Promise<SignatureRecord[]>;
  signatureContent(documentId: string, signatureId: string): Promise<Uint8Array | null>;
  /**
   * Records a verified signature (accepted or rejected) with its events in one transaction; with
   * `marksSigned` the document becomes SIGNED at `record.receivedAt`. A second accepted signature of the same
   * signer loses to a unique index: returns 'ALREADY_SIGNED' and writes nothing.
   */
  addSignature(
    record: SignatureRecord,
    cms: Uint8Array,
    marksSigned: boolean,
    events: readonly IntegrationEvent[],
  ): Promise<'ADDED' | 'ALREADY_SIGNED'>;
}
export const DOCUMENT_STORE = Symbol('DocumentStore');

/** Renders the conclusion to PDF (signing-infrastructure, pdfmake). */
export interface ConclusionRenderer {
  render(document: ConclusionDocument): Promise<Uint8Array>;
}
export const CONCLUSION_RENDERER = Symbol('ConclusionRenderer');

export interface StampedSignature {
  readonly der: Uint8Array;
  readonly signer: SignerReport;
  readonly valid: boolean;
}

/** The visualised copy: the original with stamps and, attached inside, the original and its signatures. */
export interface SignedPackager {
  stamp(input: {
    readonly original: Uint8Array;
    readonly signatures: readonly StampedSignature[];
    readonly stampedAt: Date;
    readonly timeZone: string;
    readonly documentTitle?: string;
  }): Promise<Uint8Array>;
  /** The original and its signatures from a stamped copy; null when the PDF carries none. */
  extract(pdf: Uint8Array): Promise<{ original: Uint8Array; signatures: Uint8Array[] } | null>;
}
export const SIGNED_PACKAGER = Symbol('SignedPackager');

/** The verifier configured with the current trust store and CRLs (rebuilt when administrators change them). */
export interface VerifierSource {
  verifier(): Promise<SignatureVerifier>;
}
export const VERIFIER_SOURCE = Symbol('VerifierSource');

export interface TrustAnchorView {
  readonly id: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly selfSigned: boolean;
  /** SHA-256 of the DER, lowercase hex. */
  readonly sha256: string;
  readonly addedAt: Date;
  readonly addedBy: string | null;
}

export interface CrlView {
  readonly id: string;
  readonly issuer: string;
  /** Where it is fetched from (refreshed when outdated); null: uploaded as a file. */
  readonly sourceUrl: string | null;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly revokedCount: number;
  readonly fetchedAt: Date;
  readonly sha256: string;
}

/** Trusted CA certificates (roots, intermediates) and CRLs, managed by administrators. */
export interface TrustStore {
  anchors(): Promise<TrustAnchorView[]>;
  /** Validates (a CA certificate, DER or PEM) and adds it; the same certificate twice → the existing one. */
  addAnchor(certificate: Uint8Array, addedBy: string, at: Date): Promise<TrustAnchorView>;
  removeAnchor(id: string): Promise<boolean>;
  crls(): Promise<CrlView[]>;
  /** Validates and stores a CRL; a newer CRL of the same issuer and source replaces the older one. */
  putCrl(crl: Uint8Array, sourceUrl: string | null, at: Date): Promise<CrlView>;
  removeCrl(id: string): Promise<boolean>;
}
export const TRUST_STORE = Symbol('TrustStore');

/** Fetches a CRL by URL (http/https, bounded in time and size). */
export interface CrlFetcher {
  fetch(url: string): Promise<Uint8Array>;
}
export const CRL_FETCHER = Symbol('CrlFetcher');
