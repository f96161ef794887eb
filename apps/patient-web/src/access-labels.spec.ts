import { describe, expect, it } from '@jest/globals';
import { resourceKey, whoKeys } from './access-labels';

describe('access log labels', () => {
  it('names the roles, else the kind of actor', () => {
    expect(whoKeys('staff', ['REQUESTING_DOCTOR'])).toEqual(['accessLog.roles.REQUESTING_DOCTOR']);
    expect(whoKeys('staff', ['CONSULTANT', 'DISPATCHER'])).toEqual([
      'accessLog.roles.CONSULTANT',
      'accessLog.roles.DISPATCHER',
    ]);
    expect(whoKeys('patient', [])).toEqual(['accessLog.actorKinds.patient']);
    expect(whoKeys('robot', ['SOMETHING'])).toEqual(['accessLog.actorKinds.staff']);
  });

  it('translates the known resource types', () => {
    expect(resourceKey('patient')).toBe('accessLog.resources.patient');
    expect(resourceKey('patient-search')).toBe('accessLog.resources.patientSearch');
    expect(resourceKey('document')).toBeNull();
  });
});
