import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, type Clock } from '@tmk/shared-kernel';
import type { ReasonCode, SignerReport } from '@tmk/signing-domain';
import {
  DOCUMENT_STORE,
  SIGNED_PACKAGER,
  VERIFIER_SOURCE,
  type DocumentStore,
  type SignedPackager,
  type VerifierSource,
} from './ports';
import { sha256Hex } from './signing.service';

export interface PublicSignatureReport {
  readonly valid: boolean;
  readonly reasons: readonly ReasonCode[];
  readonly signers: readonly SignerReport[];
  /**
   * The signing time is what the signer's computer said: without a timestamp nothing confirms it. True when
   * ТМК did not receive this signature itself (then the time window of receipt is not checked).
   */
  readonly signingTimeUnconfirmed: boolean;
  /** When ТМК received this very signature, if it did. */
  readonly receivedByTmkAt: Date | null;
}

export interface PublicVerificationReport {
  /** Every signature valid (and at least one). */
  readonly valid: boolean;
  readonly documentSha256: string;
  readonly documentSizeBytes: number;
  /** The signatures came from inside a stamped copy (not as separate files). */
  readonly fromStampedCopy: boolean;
  /** Whether ТМК holds a document with exactly these bytes; no medical data is shown. */
  readonly held: { readonly title: string; readonly preparedAt: Date; readonly signedAt: Date | null } | null;
  readonly signatures: readonly PublicSignatureReport[];
}

const MAX_SIGNATURES = 16;

/**
 * The public verification page's service (no login): a PDF and its detached signature(s), or a stamped copy
 * carrying both, are checked with the same verifier and trust store as signing in ТМК. Nothing it is given
 * is stored; the answer names the signer and whether ТМК holds these bytes (title and dates only).
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(SIGNED_PACKAGER) private readonly packager: SignedPackager,
    @Inject(VERIFIER_SOURCE) private readonly verifiers: VerifierSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async verify(pdf: Uint8Array, detached: readonly Uint8Array[]): Promise<PublicVerificationReport> {
    let document = pdf;
    let signatures = [...detached];
    let fromStampedCopy = false;
    if (signatures.length === 0) {
      const extracted = await this.packager.extract(pdf);
      if (!extracted || extracted.signatures.length === 0) {
        throw DomainError.validation(
          'SIGNING.NO_SIGNATURE',
          'Send the document with its .sig file, or the stamped copy that carries them',
          [{ field: 'signature', code: 'REQUIRED', message: 'no signature given or found inside the PDF' }],
        );
      }
      ({ original: document, signatures } = extracted);
      fromStampedCopy = true;
    }
    if (signatures.length > MAX_SIGNATURES) {
      throw DomainError.validation('SIGNING.TOO_MANY_SIGNATURES', `At most ${MAX_SIGNATURES} signatures`);
    }
    const documentSha256 = sha256Hex(document);
    const held = (await this.store.findBySha256(documentSha256))[0] ?? null;
    const received = held ? await this.store.signatures(held.id) : [];
    const verifier = await this.verifiers.verifier();
    const now = this.clock.now();
    const reports: PublicSignatureReport[] = [];
    for (const signature of signatures) {
      const signatureSha256 = sha256Hex(signature);
      const ours = received.find((r) => r.cmsSha256 === signatureSha256) ?? null;
      const result = await verifier.verify({ document, signature, receivedAt: ours?.receivedAt ?? now });
      // A signature ТМК did not receive: its age is not a fault (it may be years old); the time is unconfirmed.
      const signedInPast = result.signers.every((s) => s.signingTime !== null && s.signingTime <= now);
      const reasons =
        ours || !signedInPast
          ? result.reasons
          : result.reasons.filter((r) => r !== 'SIGNING_TIME_OUT_OF_WINDOW');
      reports.push({
        valid: reasons.length === 0 && result.signers.length > 0,
        reasons,
        signers: result.signers.map((s) =>
          ours || !signedInPast
            ? s
            : { ...s, reasons: s.reasons.filter((r) => r !== 'SIGNING_TIME_OUT_OF_WINDOW') },
        ),
        signingTimeUnconfirmed: !ours,
        receivedByTmkAt: ours?.receivedAt ?? null,
      });
    }
    return {
      valid: reports.length > 0 && reports.every((r) => r.valid),
      documentSha256,
      documentSizeBytes: document.byteLength,
      fromStampedCopy,
      held: held ? { title: held.title, preparedAt: held.preparedAt, signedAt: held.signedAt } : null,
      signatures: reports,
    };
  }
}
