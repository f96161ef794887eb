import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@tmk/shared-kernel';
import { IDENTITY_DIRECTORY, type IdentityDirectory } from '@tmk/identity-contracts';
import type {
  ConclusionForSigningV1,
  ConsultationDocumentAccessV1,
  ConsultationDocumentsV1,
} from '@tmk/consultations-contracts';
import {
  CONSULTATION_REQUEST_REPOSITORY,
  relationsOf,
  type ConsultationRequestRepository,
} from '@tmk/consultations-domain';
import { ATTACHMENT_STORE, type AttachmentStore } from '../attachments/ports';
import { CONCLUSION_STORE, CONSILIUM_STORE, type ConclusionStore, type ConsiliumStore } from './ports';

const FALLBACK_TIME_ZONE = 'Europe/Moscow';

/**
 * The published query contract signing uses (`CONSULTATION_DOCUMENTS`): a submitted conclusion with the
 * names and dates its printed form needs, and what an actor may do with it — decided by the same relation
 * policy as the request itself (`relationsOf`), so signing never keeps a copy of who takes part.
 */
@Injectable()
export class ConsultationDocumentsService implements ConsultationDocumentsV1 {
  constructor(
    @Inject(CONSULTATION_REQUEST_REPOSITORY) private readonly requests: ConsultationRequestRepository,
    @Inject(CONCLUSION_STORE) private readonly conclusions: ConclusionStore,
    @Inject(CONSILIUM_STORE) private readonly consilium: ConsiliumStore,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
  ) {}

  async conclusion(requestId: string): Promise<ConclusionForSigningV1 | null> {
    const request = await this.requests.findById(requestId);
    const record = request ? await this.conclusions.find(requestId) : null;
    if (!request || !record || record.status === 'DRAFT' || !record.submittedAt) return null;
    const s = request.snapshot;
    const [members, files, centre] = await Promise.all([
      this.consilium.list(requestId),
      this.attachments.list(requestId),
      s.centreId ? this.directory.organisation(s.centreId) : Promise.resolve(null),
    ]);
    const c = record.content;
    const wanted = new Set(c.attachmentIds);
    return {
      requestId,
      requestNumber: s.number ?? s.id,
      template: record.template,
      urgency: s.urgency,
      profileCode: s.profileCode,
      receivedAt: (s.receivedAt ?? record.submittedAt).toISOString(),
      submittedAt: record.submittedAt.toISOString(),
      timeZone: centre?.timeZone ?? FALLBACK_TIME_ZONE,
      patientId: s.patientId,
      patientName: s.labels.patientName,
      patientBirthDate: s.labels.patientBirthDate,
      requesting: {
        organisation: s.labels.requesterOrganisationName,
        unit: null,
        person: s.labels.requesterName,
        position: null,
      },
      consulting: {
        organisation: centre?.name ?? s.labels.centreName ?? '',
        unit: null,
        person: s.labels.consultantName ?? '',
        position: null,
      },
      question: s.content.question,
      anamnesisSummary: c.anamnesisSummary,
      mainDiagnosis: c.mainDiagnosis,
      concomitantDiagnoses: c.concomitantDiagnoses,
      conclusion: c.conclusion,
      recommendations: c.recommendations,
      additionalRecommendations: c.additionalRecommendations,
      inPersonVisit: c.inPersonVisit,
      attachmentNames: files.filter((f) => wanted.has(f.id)).map((f) => f.fileName),
      authorId: record.authorId,
      consiliumMemberIds: members.map((m) => m.consultantId),
    };
  }

  async access(actor: Actor, requestId: string): Promise<ConsultationDocumentAccessV1 | null> {
    const request = await this.requests.findById(requestId);
    if (!request) return null;
    const members = await this.consilium.list(requestId);
    const s = request.snapshot;
    const relations = relationsOf(
      actor,
      s,
      members.map((m) => m.consultantId),
    );
    if (relations.size === 0) return null;
    const signAs = relations.has('CONSULTANT') ? 'AUTHOR' : relations.has('CONSILIUM') ? 'CONSILIUM' : null;
    return { requestId, patientId: s.patientId, read: true, signAs };
  }
}
