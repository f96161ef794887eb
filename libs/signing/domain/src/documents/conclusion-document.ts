/**
 * The consultant's conclusion as it is printed and signed (domain notes §3 «Conclusion», §5). Plain data —
 * strings and dates only, no behaviour — filled from the submitted conclusion and the request it answers;
 * the PDF rendering (signing-infrastructure, `renderConclusionPdf`) prints exactly this and nothing else.
 *
 * Dates are calendar dates or instants as `Date`; the renderer formats them in `timeZone` (IANA, e.g.
 * `Europe/Moscow`), so the same document renders the same text wherever the server runs.
 */

export interface ConclusionPerson {
  /** Full name, «Фамилия Имя Отчество». */
  readonly fullName: string;
  /** Position or specialty, e.g. «врач-кардиолог». */
  readonly position?: string;
}

export interface ConclusionOrganisation {
  readonly name: string;
  /** Department or centre within the organisation. */
  readonly unit?: string;
  readonly address?: string;
}

export type ConclusionDiagnosisKind = 'main' | 'complication' | 'concomitant';

export interface ConclusionDiagnosis {
  readonly kind: ConclusionDiagnosisKind;
  /** МКБ-10 code, e.g. `I20.0`. */
  readonly icd10Code: string;
  /** The diagnosis as worded by the consultant. */
  readonly text: string;
}

export type ConclusionForm = 'planned' | 'urgent' | 'emergency';

export interface ConclusionDocument {
  /** Template to render with; templates are per profile (domain notes §3). Absent → the default template. */
  readonly templateId?: string;
  /** The request's registration number. */
  readonly requestNumber: string;
  readonly form?: ConclusionForm;
  /** Profile (specialty) of the consultation, e.g. «кардиология». */
  readonly profile?: string;
  /** When the request was registered. */
  readonly requestedAt: Date;
  /** When the conclusion was written (submitted); also the PDF's creation date. */
  readonly concludedAt: Date;
  /** IANA time zone the dates are printed in. */
  readonly timeZone: string;

  /** The organisation that issues the document (the consulting one): printed in the header. */
  readonly issuer: ConclusionOrganisation;

  readonly patient: {
    readonly fullName: string;
    /** Birth date (a calendar date: printed in UTC, never shifted by `timeZone`). */
    readonly birthDate: Date | null;
    readonly sex?: 'male' | 'female';
    /** Medical record number at the requesting organisation. */
    readonly recordNumber?: string;
  };

  readonly requesting: {
    readonly organisation: ConclusionOrganisation;
    readonly doctor: ConclusionPerson;
  };

  readonly consulting: {
    readonly centre: ConclusionOrganisation;
    readonly consultant: ConclusionPerson;
  };

  /** The question(s) to the consultant, as asked. */
  readonly question: string;
  readonly anamnesisSummary: string;
  readonly diagnoses: readonly ConclusionDiagnosis[];
  readonly conclusion: string;
  /** Recommendations: diagnostics and treatment. */
  readonly recommendations: string;
  readonly additionalRecommendations?: string;
  /** Need for an in-person visit or transfer; absent → «не требуется». */
  readonly inPersonVisitOrTransfer?: string;
  /** Names of attached files, if any. */
  readonly attachments?: readonly string[];
}

/** Printed under the conclusion on every template (domain notes §3, [001]). */
export const CONCLUSION_RESPONSIBILITY_NOTE =
  'Ответственность за применение рекомендаций остаётся за лечащим врачом';
