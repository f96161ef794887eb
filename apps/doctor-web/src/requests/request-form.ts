import type { RequestContent, RequestMode, RequestView, Urgency } from '@tmk/web-api-client';
import { isIcd10Code, normalizeIcd10 } from './icd10';

/** The request form's values (strings as the inputs hold them). */
export interface RequestForm {
  patientId: string;
  urgency: Urgency;
  mode: RequestMode;
  profileCode: string;
  /** `KTC`: the coordination centre's dispatcher routes it; `CENTRE`: the requester chooses. */
  routing: 'KTC' | 'CENTRE';
  centreId: string;
  consultantId: string;
  question: string;
  reason: string;
  diagnosisCode: string;
  anamnesis: string;
  complaints: string;
  examination: string;
  consent: RequestContent['consent'];
  consentReason: string;
}

export type RequestFormField = Exclude<keyof RequestForm, 'routing'>;

/** Why a field is not accepted: `REQUIRED`, `ICD10_FORMAT`, `CONSENT_EMERGENCY_ONLY`, `TOO_LONG`. */
export type RequestFormError = 'REQUIRED' | 'ICD10_FORMAT' | 'CONSENT_EMERGENCY_ONLY' | 'TOO_LONG';

/** Limits of the api (RequestContentDto). */
export const LIMITS = {
  question: 4000,
  reason: 4000,
  anamnesis: 20000,
  complaints: 20000,
  examination: 20000,
  consentReason: 1000,
} as const;

export function emptyRequestForm(): RequestForm {
  return {
    patientId: '',
    urgency: 'PLANNED',
    mode: 'DEFERRED',
    profileCode: '',
    routing: 'KTC',
    centreId: '',
    consultantId: '',
    question: '',
    reason: '',
    diagnosisCode: '',
    anamnesis: '',
    complaints: '',
    examination: '',
    consent: 'GIVEN',
    consentReason: '',
  };
}

/** A saved draft (or a returned request) back in the form. */
export function requestFormOf(view: RequestView): RequestForm {
  const c = view.content;
  return {
    patientId: view.patientId,
    urgency: view.urgency,
    mode: view.mode,
    profileCode: view.profileCode,
    routing: view.centreId ? 'CENTRE' : 'KTC',
    centreId: view.centreId ?? '',
    consultantId: view.consultantId ?? '',
    question: c.question,
    reason: c.reason,
    diagnosisCode: c.diagnosisCode ?? '',
    anamnesis: c.anamnesis,
    complaints: c.complaints,
    examination: c.examination,
    consent: c.consent,
    consentReason: c.consentReason ?? '',
  };
}

/**
 * Checks the form before it is sent. A draft needs the patient, form, mode and profile (and a well-formed
 * diagnosis code, if any); sending also needs the question, the reason and — without consent — an emergency
 * and its reason. The same rules the api applies, so the person sees them next to the fields at once.
 */
export function validateRequestForm(
  form: RequestForm,
  intent: 'save' | 'submit',
): Partial<Record<RequestFormField, RequestFormError>> {
  const errors: Partial<Record<RequestFormField, RequestFormError>> = {};
  if (!form.patientId) errors.patientId = 'REQUIRED';
  if (!form.profileCode) errors.profileCode = 'REQUIRED';
  if (form.routing === 'CENTRE' && !form.centreId) errors.centreId = 'REQUIRED';
  const code = normalizeIcd10(form.diagnosisCode);
  if (code && !isIcd10Code(code)) errors.diagnosisCode = 'ICD10_FORMAT';
  for (const field of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    if (form[field].length > LIMITS[field]) errors[field] = 'TOO_LONG';
  }
  if (intent === 'submit') {
    if (!form.question.trim()) errors.question = 'REQUIRED';
    if (!form.reason.trim()) errors.reason = 'REQUIRED';
    if (form.consent === 'EMERGENCY_WITHOUT_CONSENT') {
      if (form.urgency !== 'EMERGENCY') errors.consent = 'CONSENT_EMERGENCY_ONLY';
      if (!form.consentReason.trim()) errors.consentReason = 'REQUIRED';
    }
  }
  return errors;
}

/** The request's content as the api takes it. */
export function requestContentOf(form: RequestForm): RequestContent {
  const code = normalizeIcd10(form.diagnosisCode);
  const withoutConsent = form.consent === 'EMERGENCY_WITHOUT_CONSENT';
  return {
    question: form.question.trim(),
    reason: form.reason.trim(),
    diagnosisCode: code || null,
    anamnesis: form.anamnesis.trim(),
    complaints: form.complaints.trim(),
    examination: form.examination.trim(),
    consent: form.consent,
    consentReason: withoutConsent ? form.consentReason.trim() || null : null,
  };
}

/** Routing as the api takes it: null centre means "through the КТЦ". */
export function routingOf(form: RequestForm): { centreId: string | null; consultantId: string | null } {
  if (form.routing === 'KTC' || !form.centreId) return { centreId: null, consultantId: null };
  return { centreId: form.centreId, consultantId: form.consultantId || null };
}

const FIELDS: readonly RequestFormField[] = [
  'patientId',
  'urgency',
  'mode',
  'profileCode',
  'centreId',
  'consultantId',
  'question',
  'reason',
  'diagnosisCode',
  'anamnesis',
  'complaints',
  'examination',
  'consent',
  'consentReason',
];

/** The form field an api field error names: `content.question` and `question` → `question`. */
export function formFieldOf(apiField: string): RequestFormField | null {
  const name = apiField.startsWith('content.') ? apiField.slice('content.'.length) : apiField;
  return (FIELDS as readonly string[]).includes(name) ? (name as RequestFormField) : null;
}
