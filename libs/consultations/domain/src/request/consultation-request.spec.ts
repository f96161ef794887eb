import { DomainError } from '@tmk/shared-kernel';
import {
  ConsultationRequest,
  REQUEST_STATUSES,
  TRANSITIONS,
  canApply,
  type RequestAction,
  type RequestState,
  type RequestStatus,
} from './consultation-request';

const at = new Date('2026-11-23T03:00:00Z');
const REQUESTER = 'doctor-1';
const CONSULTANT = 'consultant-1';
const DISPATCHER = 'dispatcher-1';
const CENTRE_1 = {
  centreId: 'centre-1',
  centreName: 'ГНОКБ',
  consultantId: CONSULTANT,
  consultantName: 'Иванова И. И.',
};
const DOCS = { dueAt: new Date(at.getTime() + 2 * 86_400_000), warnAt: new Date(at.getTime() + 86_400_000) };

function inState(status: RequestStatus, patch: Partial<RequestState> = {}): ConsultationRequest {
  return ConsultationRequest.restore({
    id: 'r-1',
    content: {
      question: 'Тактика лечения?',
      reason: 'нет кардиолога',
      diagnosisCode: 'I20.0',
      anamnesis: '',
      complaints: '',
      examination: '',
      consent: 'GIVEN',
      consentReason: null,
    },
    labels: {
      patientName: 'Смирнов Иван Сергеевич',
      patientBirthDate: '1960-05-01',
      requesterName: 'Петров П. П.',
      requesterOrganisationName: 'Кыштовская ЦРБ',
      centreName: null,
      consultantName: null,
    },
    status,
    level: 'REGIONAL',
    urgency: 'URGENT',
    mode: 'DEFERRED',
    regionId: 'nso',
    requesterId: REQUESTER,
    requesterOrganisationId: 'org-1',
    patientId: 'p-1',
    profileCode: '39',
    centreId: status === 'DRAFT' || status === 'NEW' || status === 'RETURNED' ? null : 'centre-1',
    consultantId: status === 'DRAFT' || status === 'NEW' || status === 'RETURNED' ? null : CONSULTANT,
    number: status === 'DRAFT' ? null : '54-2026-000001',
    receivedAt: status === 'DRAFT' ? null : at,
    dueAt: status === 'DRAFT' ? null : new Date(at.getTime() + 86_400_000),
    oralConclusionAt: null,
    pausedAt: status === 'AWAITING_DATA' ? at : null,
    warnAt: status === 'DRAFT' ? null : new Date(at.getTime() + 0.8 * 86_400_000),
    slaState: 'ON_TIME',
    answeredAt: null,
    closedAt: null,
    version: 1,
    ...patch,
  });
}

/** Performs an action with the actor the rules expect for it. */
function perform(r: ConsultationRequest, action: RequestAction): void {
  const later = new Date(at.getTime() + 3_600_000);
  switch (action) {
    case 'submit':
      return r.submit(REQUESTER, later, {
        number: '54-2026-000002',
        dueAt: new Date(later.getTime() + 86_400_000),
        warnAt: new Date(later.getTime() + 0.8 * 86_400_000),
      });
    case 'assign':
      return r.assign(DISPATCHER, later, CENTRE_1);
    case 'reassign':
      return r.reassign(DISPATCHER, later, {
        centreId: 'centre-2',
        centreName: 'ТКЦ 2',
        consultantId: 'consultant-2',
        consultantName: 'Сидоров С. С.',
      });
    case 'escalate':
      return r.escalate(DISPATCHER, later, 'no specialist in the region');
    case 'returnForClarification':
      return r.returnForClarification(DISPATCHER, later, 'no anamnesis');
    case 'resubmit':
      return r.resubmit(REQUESTER, later);
    case 'reject':
      return r.reject(DISPATCHER, later, 'not a telemedicine case');
    case 'takeIntoWork':
      return r.takeIntoWork(CONSULTANT, later, 'Иванова И. И.');
    case 'requestAdditionalData':
      return r.requestAdditionalData(CONSULTANT, later, 'ECG please', true);
    case 'provideAdditionalData':
      return r.provideAdditionalData(REQUESTER, later);
    case 'recordOralConclusion':
      return r.recordOralConclusion(CONSULTANT, later, DOCS);
    case 'submitConclusion':
      return r.submitConclusion(CONSULTANT, later);
    case 'close':
      return r.close('signing', later);
    case 'cancel':
      return r.cancel(REQUESTER, later, 'patient transferred');
  }
}

describe('consultation request state machine', () => {
  const actions = Object.keys(TRANSITIONS) as RequestAction[];
  const cases = REQUEST_STATUSES.flatMap((status) => actions.map((action) => [status, action] as const));

  it.each(cases)('from %s, %s is allowed exactly when the table says so', (status, action) => {
    const urgency = action === 'recordOralConclusion' ? 'EMERGENCY' : 'URGENT';
    const r = inState(status, { urgency });
    if (canApply(action, status)) {
      perform(r, action);
      const [event] = r.pullEvents();
      expect(event).toMatchObject({ name: action, from: status });
      expect(r.snapshot.status).toBe(TRANSITIONS[action].to ?? status);
    } else {
      let error: unknown;
      try {
        perform(r, action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONSULTATIONS.INVALID_TRANSITION');
      expect(r.snapshot.status).toBe(status);
      expect(r.pullEvents()).toEqual([]);
    }
  });

  it('a request routed directly to a consultant is registered and assigned at once', () => {
    const r = ConsultationRequest.draft({
      ...inState('DRAFT').snapshot,
      centreId: 'centre-1',
      consultantId: CONSULTANT,
    });
    perform(r, 'submit');
    expect(r.snapshot.status).toBe('ASSIGNED');
    expect(r.pullEvents().map((e) => e.name)).toEqual(['submit', 'assign']);
  });

  it('waiting for data pauses the clock: the deadline moves by the waiting time', () => {
    const r = inState('IN_WORK');
    const due = r.snapshot.dueAt as Date;
    r.requestAdditionalData(CONSULTANT, at, 'ECG', true);
    r.provideAdditionalData(REQUESTER, new Date(at.getTime() + 2 * 3_600_000));
    expect(r.snapshot.dueAt?.getTime()).toBe(due.getTime() + 2 * 3_600_000);
  });

  it('escalation moves the request to the federal level once, clearing the assignment', () => {
    const r = inState('ASSIGNED');
    r.escalate(DISPATCHER, at, 'no paediatric cardiologist');
    expect(r.snapshot).toMatchObject({ status: 'NEW', level: 'FEDERAL', centreId: null, consultantId: null });
    expect(() => r.escalate(DISPATCHER, at, 'again')).toThrow(/already at the federal level/);
  });

  it('only the right people act: requester, assigned consultant', () => {
    expect(() => inState('ASSIGNED').takeIntoWork('someone-else', at, 'X')).toThrow(/another consultant/);
    expect(() => inState('IN_WORK').submitConclusion('someone-else', at)).toThrow(/Only the consultant/);
    expect(() => inState('NEW').cancel('someone-else', at, 'x')).toThrow(/Only the requesting doctor/);
  });

  it('emergency: the oral conclusion comes first, then the written one', () => {
    const r = inState('IN_WORK', { urgency: 'EMERGENCY' });
    expect(() => r.submitConclusion(CONSULTANT, at)).toThrow(/oral conclusion first/);
    r.recordOralConclusion(CONSULTANT, at, DOCS);
    expect(r.snapshot).toMatchObject({
      answeredAt: at,
      dueAt: DOCS.dueAt,
      warnAt: DOCS.warnAt,
      slaState: 'ON_TIME',
    });
    r.submitConclusion(CONSULTANT, at);
    expect(r.snapshot.status).toBe('CONCLUSION_SUBMITTED');
  });

  it('waiting for data moves the warning time with the deadline', () => {
    const r = inState('IN_WORK');
    const warn = r.snapshot.warnAt as Date;
    r.requestAdditionalData(CONSULTANT, at, 'ECG', true);
    r.provideAdditionalData(REQUESTER, new Date(at.getTime() + 3_600_000));
    expect(r.snapshot.warnAt?.getTime()).toBe(warn.getTime() + 3_600_000);
  });

  it('with the clock running while waiting, the deadline does not move', () => {
    const r = inState('IN_WORK');
    const due = r.snapshot.dueAt as Date;
    r.requestAdditionalData(CONSULTANT, at, 'ECG', false);
    r.provideAdditionalData(REQUESTER, new Date(at.getTime() + 3_600_000));
    expect(r.snapshot.dueAt).toEqual(due);
  });

  it('an answer after the deadline marks the request overdue for good', () => {
    const r = inState('IN_WORK');
    const late = new Date((r.snapshot.dueAt as Date).getTime() + 1);
    r.submitConclusion(CONSULTANT, late);
    expect(r.snapshot).toMatchObject({ slaState: 'BREACHED', answeredAt: late });
    expect(r.pullEvents()[0]?.details).toMatchObject({ late: true });
    const inTime = inState('IN_WORK');
    inTime.submitConclusion(CONSULTANT, at);
    expect(inTime.snapshot.slaState).toBe('ON_TIME');
  });

  describe('deadline timers (markSla)', () => {
    const due = new Date(at.getTime() + 86_400_000);
    const warn = new Date(at.getTime() + 0.8 * 86_400_000);

    it('warns at warnAt, breaches at dueAt, each once, forward only', () => {
      const r = inState('ASSIGNED');
      expect(r.markSla('WARNING', new Date(warn.getTime() - 1), due)).toBe(false);
      expect(r.markSla('WARNING', warn, due)).toBe(true);
      expect(r.markSla('WARNING', warn, due)).toBe(false);
      expect(r.markSla('BREACHED', new Date(due.getTime() - 1), due)).toBe(false);
      expect(r.markSla('BREACHED', due, due)).toBe(true);
      expect(r.markSla('WARNING', due, due)).toBe(false);
      expect(r.pullEvents().map((e) => e.name)).toEqual(['slaWarning', 'slaBreached']);
      expect(r.snapshot.slaState).toBe('BREACHED');
      expect(r.snapshot.status).toBe('ASSIGNED');
    });

    it('a stale timer (the deadline moved), a paused clock or an answered request change nothing', () => {
      expect(inState('ASSIGNED').markSla('BREACHED', due, new Date(due.getTime() - 60_000))).toBe(false);
      expect(inState('AWAITING_DATA').markSla('BREACHED', due, due)).toBe(false);
      for (const status of ['DRAFT', 'CONCLUSION_SUBMITTED', 'CLOSED', 'REJECTED', 'CANCELLED'] as const) {
        expect(inState(status, { dueAt: due }).markSla('BREACHED', due, due)).toBe(false);
      }
    });
  });

  it('submission needs the question, the reason and consent (except emergencies with a reason)', () => {
    const empty = inState('DRAFT');
    empty.edit(REQUESTER, { ...empty.snapshot.content, question: ' ' });
    expect(() => perform(empty, 'submit')).toThrow(/lacks required fields/);
    const noConsent = inState('DRAFT');
    noConsent.edit(REQUESTER, {
      ...noConsent.snapshot.content,
      consent: 'EMERGENCY_WITHOUT_CONSENT',
      consentReason: 'unconscious',
    });
    expect(() => perform(noConsent, 'submit')).toThrow(/only in an emergency/);
    const emergency = inState('DRAFT', { urgency: 'EMERGENCY' });
    emergency.edit(REQUESTER, {
      ...emergency.snapshot.content,
      consent: 'EMERGENCY_WITHOUT_CONSENT',
      consentReason: 'unconscious',
    });
    perform(emergency, 'submit');
    expect(emergency.snapshot.status).toBe('NEW');
  });

  it('a rejection needs a reason', () => {
    expect(() => inState('NEW').reject(DISPATCHER, at, ' ')).toThrow(/reason is required/);
  });
});
