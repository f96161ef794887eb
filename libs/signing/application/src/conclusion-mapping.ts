import type { ConclusionForSigningV1 } from '@tmk/consultations-contracts';
import type { ConclusionDocument, ConclusionForm } from '@tmk/signing-domain';

const FORMS: Record<ConclusionForSigningV1['urgency'], ConclusionForm> = {
  PLANNED: 'planned',
  URGENT: 'urgent',
  EMERGENCY: 'emergency',
};

const VISIT: Record<ConclusionForSigningV1['inPersonVisit'], string> = {
  NOT_NEEDED: 'не требуется',
  VISIT: 'требуется очная консультация',
  TRANSFER: 'требуется перевод в медицинскую организацию консультанта',
};

/** The printed conclusion from what consultations publishes (names as snapshotted by the request). */
export function conclusionDocumentOf(c: ConclusionForSigningV1): ConclusionDocument {
  const consulting = {
    name: c.consulting.organisation,
    ...(c.consulting.unit ? { unit: c.consulting.unit } : {}),
  };
  return {
    templateId: c.template,
    requestNumber: c.requestNumber,
    form: FORMS[c.urgency],
    requestedAt: new Date(c.receivedAt),
    concludedAt: new Date(c.submittedAt),
    timeZone: c.timeZone,
    issuer: consulting,
    patient: {
      fullName: c.patientName,
      birthDate: c.patientBirthDate ? new Date(`${c.patientBirthDate.slice(0, 10)}T00:00:00Z`) : null,
    },
    requesting: {
      organisation: { name: c.requesting.organisation },
      doctor: {
        fullName: c.requesting.person,
        ...(c.requesting.position ? { position: c.requesting.position } : {}),
      },
    },
    consulting: {
      centre: consulting,
      consultant: {
        fullName: c.consulting.person,
        ...(c.consulting.position ? { position: c.consulting.position } : {}),
      },
    },
    question: c.question,
    anamnesisSummary: c.anamnesisSummary,
    diagnoses: [
      ...(c.mainDiagnosis
        ? [{ kind: 'main' as const, icd10Code: c.mainDiagnosis.code, text: c.mainDiagnosis.text }]
        : []),
      ...c.concomitantDiagnoses.map((d) => ({
        kind: 'concomitant' as const,
        icd10Code: d.code,
        text: d.text,
      })),
    ],
    conclusion: c.conclusion,
    recommendations: c.recommendations,
    ...(c.additionalRecommendations.trim() ? { additionalRecommendations: c.additionalRecommendations } : {}),
    inPersonVisitOrTransfer: VISIT[c.inPersonVisit],
    ...(c.attachmentNames.length ? { attachments: c.attachmentNames } : {}),
  };
}
