import type { Actor, StaffRole } from '@tmk/shared-kernel';
import { relationsOf } from './participation';

const request = {
  requesterId: 'doctor',
  requesterOrganisationId: 'clinic',
  consultantId: null as string | null,
  centreId: 'centre' as string | null,
  regionId: 'nso',
  level: 'REGIONAL' as 'REGIONAL' | 'FEDERAL',
  status: 'ASSIGNED' as const,
};

const staff = (
  userId: string,
  roles: StaffRole[],
  organisationId: string | null,
  regionId: string | null,
): Actor => ({
  kind: 'staff',
  userId,
  sessionId: 's',
  roles,
  organisationId,
  regionId,
});

describe('who relates to a request', () => {
  it('the requester, the centre’s consultants while nobody is named, the region’s dispatchers', () => {
    expect([...relationsOf(staff('doctor', ['REQUESTING_DOCTOR'], 'clinic', 'nso'), request)]).toEqual([
      'REQUESTER',
    ]);
    expect([...relationsOf(staff('c1', ['CONSULTANT'], 'centre', 'nso'), request)]).toEqual(['CENTRE']);
    expect([...relationsOf(staff('d1', ['DISPATCHER'], 'ktc', 'nso'), request)]).toEqual(['DISPATCHER']);
  });

  it('a named consultant excludes the centre’s others', () => {
    const named = { ...request, consultantId: 'c1' };
    expect([...relationsOf(staff('c1', ['CONSULTANT'], 'centre', 'nso'), named)]).toEqual(['CONSULTANT']);
    expect(relationsOf(staff('c2', ['CONSULTANT'], 'centre', 'nso'), named).size).toBe(0);
  });

  it('denies by default: other regions, the federal dispatcher before escalation, admins, patients', () => {
    expect(relationsOf(staff('d2', ['DISPATCHER'], 'ktc2', 'tomsk'), request).size).toBe(0);
    expect(relationsOf(staff('f', ['DISPATCHER'], 'fktc', null), request).size).toBe(0);
    expect(relationsOf(staff('a', ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'], 'x', 'nso'), request).size).toBe(0);
    expect(relationsOf(staff('c', ['CONSULTANT'], 'other-centre', 'nso'), request).size).toBe(0);
    const patient: Actor = { kind: 'patient', patientId: 'p', sessionId: 's', actsForPatientIds: ['p'] };
    expect(relationsOf(patient, request).size).toBe(0);
  });

  it('escalated: the federal dispatcher, no longer the regional one', () => {
    const federal = { ...request, level: 'FEDERAL' as const, centreId: null };
    expect([...relationsOf(staff('f', ['DISPATCHER'], 'fktc', null), federal)]).toEqual(['DISPATCHER']);
    expect(relationsOf(staff('d1', ['DISPATCHER'], 'ktc', 'nso'), federal).size).toBe(0);
  });

  it('a draft is its author’s alone; consilium members and the clinic’s МИС are related', () => {
    const draft = { ...request, status: 'DRAFT' as const };
    expect(relationsOf(staff('d1', ['DISPATCHER'], 'ktc', 'nso'), draft).size).toBe(0);
    expect(relationsOf(staff('c1', ['CONSULTANT'], 'centre', 'nso'), draft).size).toBe(0);
    expect([...relationsOf(staff('c9', ['CONSULTANT'], 'far', 'nso'), request, ['c9'])]).toEqual([
      'CONSILIUM',
    ]);
    const mis: Actor = {
      kind: 'integrator',
      clientId: 'mis',
      organisationId: 'clinic',
      regionId: 'nso',
      scopes: ['consultations:read'],
    };
    expect([...relationsOf(mis, request)]).toEqual(['INTEGRATOR']);
    expect(relationsOf({ ...mis, organisationId: 'other' }, request).size).toBe(0);
  });
});
