import type { Actor, StaffRole } from '@tmk/shared-kernel';
import { decide } from './policy';

const NSO = 'region-nso';
const TOMSK = 'region-tomsk';
const staff = (roles: StaffRole[], regionId: string | null = NSO, organisationId = 'org-1'): Actor => ({
  kind: 'staff',
  userId: 'u-1',
  sessionId: 's',
  organisationId,
  regionId,
  roles,
});
const patient = { type: 'patient' as const, patientId: 'p-1', regionId: NSO };

describe('access policy (default deny, role + scope)', () => {
  it('clinical staff read patients of their own region only', () => {
    expect(decide(staff(['REQUESTING_DOCTOR']), 'read', patient).allowed).toBe(true);
    expect(decide(staff(['REQUESTING_DOCTOR'], TOMSK), 'read', patient).allowed).toBe(false);
  });

  it('federal organisations see every region; assigned staff see their case across regions', () => {
    expect(decide(staff(['DISPATCHER'], null), 'read', patient).allowed).toBe(true);
    expect(
      decide(staff(['CONSULTANT'], TOMSK), 'read', { ...patient, assignedStaffIds: ['u-1'] }).allowed,
    ).toBe(true);
  });

  it('administrators read no patient data (medical secrecy)', () => {
    expect(decide(staff(['SYSTEM_ADMIN'], null), 'read', patient).allowed).toBe(false);
    expect(decide(staff(['REGIONAL_ADMIN']), 'read', patient).allowed).toBe(false);
  });

  it('a staff member acting for an organisation with no membership has no roles and no access', () => {
    expect(decide(staff([]), 'read', patient).allowed).toBe(false);
  });

  it('patients read their own card and those they represent, nothing else', () => {
    const me: Actor = {
      kind: 'patient',
      patientId: 'p-1',
      sessionId: 's',
      actsForPatientIds: ['p-1', 'p-2'],
    };
    expect(decide(me, 'read', patient).allowed).toBe(true);
    expect(decide(me, 'read', { ...patient, patientId: 'p-2' }).allowed).toBe(true);
    expect(decide(me, 'read', { ...patient, patientId: 'p-3' }).allowed).toBe(false);
    expect(decide(me, 'create', patient).allowed).toBe(false);
    expect(
      decide(me, 'administer', { type: 'organisation', organisationId: 'o', regionId: NSO }).allowed,
    ).toBe(false);
  });

  it('regional admins administer their region only; system admins everything but patients', () => {
    const org = (regionId: string | null) => ({
      type: 'organisation' as const,
      organisationId: 'o',
      regionId,
    });
    expect(decide(staff(['REGIONAL_ADMIN']), 'administer', org(NSO)).allowed).toBe(true);
    expect(decide(staff(['REGIONAL_ADMIN']), 'administer', org(TOMSK)).allowed).toBe(false);
    expect(decide(staff(['REGIONAL_ADMIN']), 'administer', org(null)).allowed).toBe(false);
    expect(decide(staff(['SYSTEM_ADMIN'], null), 'administer', org(TOMSK)).allowed).toBe(true);
    expect(decide(staff(['DISPATCHER']), 'administer', org(NSO)).allowed).toBe(false);
  });

  it('integrators need the scope and stay in their region', () => {
    const client = (scopes: string[]): Actor => ({
      kind: 'integrator',
      clientId: 'c',
      organisationId: 'o',
      regionId: NSO,
      scopes,
    });
    expect(decide(client(['patients:read']), 'read', patient).allowed).toBe(true);
    expect(decide(client(['patients:read']), 'create', patient).allowed).toBe(false);
    expect(decide(client(['patients:read']), 'read', { ...patient, regionId: TOMSK }).allowed).toBe(false);
    expect(decide(client([]), 'read', patient).allowed).toBe(false);
  });
});
