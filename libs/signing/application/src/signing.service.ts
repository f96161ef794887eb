import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, newId, type Actor, type Clock, type IntegrationEvent } from '@tmk/shared-kernel';
import { IDENTITY_DIRECTORY, type IdentityDirectory } from '@tmk/identity-contracts';
import {
  CONSULTATION_DOCUMENTS,
  type ConsultationDocumentAccessV1,
  type ConsultationDocumentsV1,
} from '@tmk/consultations-contracts';
import { DocumentPreparedV1, DocumentSignedV1, SignatureRejectedV1 } from '@tmk/signing-contracts';
import {
  signingRefusal,
  signsTheDocument,
  type SignatureRecord,
  type SignerRole,
  type StoredDocument,
  type SubjectType,
} from '@tmk/signing-domain';
import { conclusionDocumentOf } from './conclusion-mapping';
import {
  CONCLUSION_RENDERER,
  DOCUMENT_STORE,
  SIGNED_PACKAGER,
  VERIFIER_SOURCE,
  type ConclusionRenderer,
  type DocumentStore,
  type SignedPackager,
  type VerifierSource,
} from './ports';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A document with its signatures, as a participant sees it. */
export interface DocumentView {
  readonly document: StoredDocument;
  readonly signatures: readonly SignatureRecord[];
  /** How the caller may sign it now (null: may not). */
  readonly signAs: SignerRole | null;
  readonly patientId: string;
}

export interface OpenedFile {
  readonly content: Uint8Array;
  readonly fileName: string;
  readonly mediaType: string;
  readonly patientId: string;
  readonly documentId: string;
}

const SUBJECT: SubjectType = 'consultation-conclusion';
const REFUSALS = {
  NOT_A_SIGNER: () => DomainError.forbidden('SIGNING.NOT_A_SIGNER', 'You do not sign this document'),
  ALREADY_SIGNED: () =>
    DomainError.conflict('SIGNING.ALREADY_SIGNED', 'Your signature of this document stands'),
  AUTHOR_FIRST: () =>
    DomainError.conflict('SIGNING.AUTHOR_FIRST', 'The author signs the document before anyone else'),
} as const;

const notFound = () => DomainError.notFound('SIGNING.NOT_FOUND', 'Document not found');

/**
 * Documents to sign and their signatures (issue "signing"): the conclusion is rendered once, when it is
 * first needed after consultations reports it submitted, and those bytes are the signed object; a detached
 * CMS sent for them is verified against the trust store and recorded, accepted or not; participants download
 * the original, each `.sig` and the stamped copy. Access follows the request's relations (consultations'
 * published `CONSULTATION_DOCUMENTS`); every read is audited by the api.
 */
@Injectable()
export class SigningService {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(CONCLUSION_RENDERER) private readonly renderer: ConclusionRenderer,
    @Inject(SIGNED_PACKAGER) private readonly packager: SignedPackager,
    @Inject(VERIFIER_SOURCE) private readonly verifiers: VerifierSource,
    @Inject(CONSULTATION_DOCUMENTS) private readonly consultations: ConsultationDocumentsV1,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The conclusion of a request for signing, rendered and stored on first use. */
  async conclusionOf(actor: Actor, requestId: string): Promise<DocumentView> {
    const access = await this.accessTo(actor, requestId);
    const document =
      (await this.store.findBySubject(SUBJECT, requestId)) ?? (await this.prepareConclusion(requestId));
    return this.viewOf(document, access);
  }

  async document(actor: Actor, documentId: string): Promise<DocumentView> {
    const document = await this.store.findById(documentId);
    if (!document) throw notFound();
    return this.viewOf(document, await this.accessTo(actor, document.subjectId));
  }

  /** The exact bytes that were signed. */
  async original(actor: Actor, documentId: string): Promise<OpenedFile> {
    const { document } = await this.document(actor, documentId);
    const content = await this.store.content(document.id);
    if (!content) throw notFound();
    return this.file(document, content, document.fileName, document.mediaType);
  }

  /** One detached signature, DER, as `.sig`. */
  async signatureFile(actor: Actor, documentId: string, signatureId: string): Promise<OpenedFile> {
    const { document, signatures } = await this.document(actor, documentId);
    const record = signatures.find((s) => s.id === signatureId && s.valid);
    const content = record ? await this.store.signatureContent(document.id, record.id) : null;
    if (!record || !content)
      throw DomainError.notFound('SIGNING.NO_SUCH_SIGNATURE', 'No accepted signature with this id');
    const n = signatures.filter((s) => s.valid).indexOf(record) + 1;
    return this.file(
      document,
      content,
      `${baseName(document.fileName)}.${n}.sig`,
      'application/pkcs7-signature',
    );
  }

  /** The visualised copy: stamps for every accepted signature, the original and the signatures inside. */
  async stamped(actor: Actor, documentId: string): Promise<OpenedFile> {
    const { document, signatures } = await this.document(actor, documentId);
    const accepted = signatures.filter((s) => s.valid);
    const last = accepted.at(-1);
    if (!last) {
      throw DomainError.conflict('SIGNING.NOT_SIGNED', 'The document has no accepted signature yet');
    }
    const original = await this.store.content(document.id);
    if (!original) throw notFound();
    const ders = await Promise.all(accepted.map((s) => this.store.signatureContent(document.id, s.id)));
    const items = accepted.flatMap((s, i) => {
      const der = ders[i];
      const signer = s.report.signers[0];
      return der && signer ? [{ der, signer, valid: true }] : [];
    });
    const content = await this.packager.stamp({
      original,
      signatures: items,
      stampedAt: last.receivedAt,
      timeZone: document.timeZone,
      documentTitle: document.title,
    });
    return this.file(document, content, `${baseName(document.fileName)} (подписан).pdf`, 'application/pdf');
  }

  /**
   * Verifies a detached CMS for the document and records the outcome: accepted (the author's makes the
   * document SIGNED and publishes DocumentSigned) or rejected with reasons (SignatureRejected).
   */
  async sign(actor: Actor, documentId: string, cms: Uint8Array): Promise<SignatureRecord> {
    if (actor.kind !== 'staff') throw REFUSALS.NOT_A_SIGNER();
    const view = await this.document(actor, documentId);
    const { document, signatures, signAs } = view;
    const refusal = signingRefusal(document, signatures, actor.userId, signAs);
    if (refusal || !signAs) throw REFUSALS[refusal ?? 'NOT_A_SIGNER']();
    const role = signAs;
    const content = await this.store.content(document.id);
    if (!content) throw notFound();
    const signer = await this.directory.staff(actor.userId);
    const receivedAt = this.clock.now();
    const result = await (
      await this.verifiers.verifier()
    ).verify({
      document: content,
      signature: cms,
      receivedAt,
      // A signer without a SNILS on file cannot be matched: '' never equals a certificate's SNILS.
      expectedSignerSnils: signer?.snils ?? '',
    });
    const record: SignatureRecord = {
      id: newId(),
      documentId: document.id,
      signerId: actor.userId,
      role,
      valid: result.valid,
      report: result,
      receivedAt,
      cmsSha256: sha256Hex(cms),
    };
    const marksSigned = signsTheDocument(role, result) && document.status === 'PREPARED';
    const outcome = await this.store.addSignature(record, cms, marksSigned, [
      this.outcomeEvent(document, record),
    ]);
    if (outcome === 'ALREADY_SIGNED') throw REFUSALS.ALREADY_SIGNED();
    if (!result.valid) {
      throw new DomainError(
        'SIGNING.SIGNATURE_REJECTED',
        'unprocessable',
        `The signature was not accepted: ${result.reasons.join(', ')}`,
        [],
        { reasons: result.reasons, signatureId: record.id },
      );
    }
    return record;
  }

  private outcomeEvent(document: StoredDocument, record: SignatureRecord): IntegrationEvent {
    const base = {
      id: newId(),
      occurredAt: record.receivedAt.toISOString(),
      aggregateId: document.id,
      correlationId: null,
    };
    if (!record.valid) {
      return {
        ...base,
        type: SignatureRejectedV1.type,
        version: SignatureRejectedV1.version,
        payload: {
          documentId: document.id,
          subjectType: document.subjectType,
          subjectId: document.subjectId,
          signerId: record.signerId,
          rejectedAt: record.receivedAt.toISOString(),
          reasons: [...record.report.reasons],
        },
      };
    }
    // Consilium members' and the organisation's signatures publish it too (`signerRole` tells them apart);
    // they come after the author's, so consultations has closed the request already.
    return {
      ...base,
      type: DocumentSignedV1.type,
      version: DocumentSignedV1.version,
      payload: {
        documentId: document.id,
        subjectType: document.subjectType,
        signerRole: record.role,
        subjectId: document.subjectId,
        signerId: record.signerId,
        signedAt: record.receivedAt.toISOString(),
        documentSha256: document.sha256,
      },
    };
  }

  private async prepareConclusion(requestId: string): Promise<StoredDocument> {
    const conclusion = await this.consultations.conclusion(requestId);
    if (!conclusion) {
      throw DomainError.notFound('SIGNING.NO_CONCLUSION', 'The conclusion has not been submitted yet');
    }
    const content = await this.renderer.render(conclusionDocumentOf(conclusion));
    const preparedAt = this.clock.now();
    const document: StoredDocument = {
      id: newId(),
      subjectType: SUBJECT,
      subjectId: requestId,
      patientId: conclusion.patientId,
      title: `Заключение по запросу ${conclusion.requestNumber}`,
      fileName: `Заключение ${conclusion.requestNumber}.pdf`,
      mediaType: 'application/pdf',
      sizeBytes: content.byteLength,
      sha256: sha256Hex(content),
      timeZone: conclusion.timeZone,
      preparedAt,
      status: 'PREPARED',
      signedAt: null,
    };
    return this.store.insertPrepared(document, content, (d) => [
      {
        id: newId(),
        type: DocumentPreparedV1.type,
        version: DocumentPreparedV1.version,
        occurredAt: preparedAt.toISOString(),
        aggregateId: d.id,
        correlationId: null,
        payload: {
          documentId: d.id,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          patientId: d.patientId,
          preparedAt: d.preparedAt.toISOString(),
          documentSha256: d.sha256,
          sizeBytes: d.sizeBytes,
        },
      },
    ]);
  }

  private async accessTo(actor: Actor, requestId: string): Promise<ConsultationDocumentAccessV1> {
    const access = await this.consultations.access(actor, requestId);
    if (!access?.read) throw notFound();
    return access;
  }

  private async viewOf(
    document: StoredDocument,
    access: ConsultationDocumentAccessV1,
  ): Promise<DocumentView> {
    const signatures = await this.store.signatures(document.id);
    return { document, signatures, signAs: access.signAs, patientId: access.patientId };
  }

  private file(
    document: StoredDocument,
    content: Uint8Array,
    fileName: string,
    mediaType: string,
  ): OpenedFile {
    return { content, fileName, mediaType, patientId: document.patientId, documentId: document.id };
  }
}

const baseName = (fileName: string) => fileName.replace(/\.pdf$/i, '');
