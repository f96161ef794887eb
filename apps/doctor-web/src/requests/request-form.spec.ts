import { describe, expect, it } from '@jest/globals';
import {
  emptyRequestForm,
  formFieldOf,
  requestContentOf,
  routingOf,
  validateRequestForm,
  type RequestForm,
} from './request-form';

const filled = (patch: Partial<RequestForm> = {}): RequestForm => ({
  ...emptyRequestForm(),
  patientId: 'p1',
  profileCode: '39',
  question: 'Показана ли коронарография?',
  reason: 'Нет кардиолога в ЦРБ',
  ...patch,
});

describe('request form', () => {
  it('validate_saveDraft_needsPatientAndProfileOnly', () => {
    expect(validateRequestForm(emptyRequestForm(), 'save')).toEqual({
      patientId: 'REQUIRED',
      profileCode: 'REQUIRED',
    });
    expect(validateRequestForm(filled({ question: '', reason: '' }), 'save')).toEqual({});
  });

  it('validate_submit_needsQuestionAndReason', () => {
    expect(validateRequestForm(filled({ question: '  ', reason: '' }), 'submit')).toEqual({
      question: 'REQUIRED',
      reason: 'REQUIRED',
    });
  });

  it('validate_withoutConsent_onlyInAnEmergencyWithAReason', () => {
    const noConsent = filled({ consent: 'EMERGENCY_WITHOUT_CONSENT' });
    expect(validateRequestForm(noConsent, 'submit')).toEqual({
      consent: 'CONSENT_EMERGENCY_ONLY',
      consentReason: 'REQUIRED',
    });
    expect(
      validateRequestForm({ ...noConsent, urgency: 'EMERGENCY', consentReason: 'без сознания' }, 'submit'),
    ).toEqual({});
  });

  it('validate_diagnosisCodeAndCentre_checkedEvenForADraft', () => {
    expect(validateRequestForm(filled({ diagnosisCode: 'I2O' }), 'save')).toEqual({
      diagnosisCode: 'ICD10_FORMAT',
    });
    expect(validateRequestForm(filled({ diagnosisCode: 'i20,0' }), 'save')).toEqual({});
    expect(validateRequestForm(filled({ routing: 'CENTRE' }), 'save')).toEqual({ centreId: 'REQUIRED' });
  });

  it('requestContentOf_trimsNormalisesAndDropsAReasonWithConsent', () => {
    const content = requestContentOf(
      filled({ diagnosisCode: ' i20,0', consentReason: 'x', question: ' q ' }),
    );
    expect(content).toMatchObject({ diagnosisCode: 'I20.0', consentReason: null, question: 'q' });
    expect(requestContentOf(filled()).diagnosisCode).toBeNull();
  });

  it('routingOf_ktcOrCentre_nullMeansThroughTheKtc', () => {
    expect(routingOf(filled({ centreId: 'c1', consultantId: 'u1' }))).toEqual({
      centreId: null,
      consultantId: null,
    });
    expect(routingOf(filled({ routing: 'CENTRE', centreId: 'c1' }))).toEqual({
      centreId: 'c1',
      consultantId: null,
    });
  });

  it('formFieldOf_mapsApiFieldNames', () => {
    expect(formFieldOf('content.question')).toBe('question');
    expect(formFieldOf('consent')).toBe('consent');
    expect(formFieldOf('requesterId')).toBeNull();
  });
});
