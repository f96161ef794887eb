import type { Actor } from '@tmk/shared-kernel';
import {
  ADMIN_ROLES,
  CLINICAL_ROLES,
  type AccessDecision,
  type ProtectedAction,
  type ProtectedResource,
} from '@tmk/identity-contracts';

const allow = (reason: string): AccessDecision => ({ allowed: true, reason });
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

/**
 * The one access policy of ТМК, pure: default deny, role + scope. Scopes: own organisation, own region
 * (the region of the organisation the person acts for), federal (an organisation without a region, which
 * sees every region), the patient themself and those they represent, staff assigned to a patient's case.
 * System administrators run the system but read no patient data (medical secrecy).
 */
export function decide(actor: Actor, action: ProtectedAction, resource: ProtectedResource): AccessDecision {
  switch (actor.kind) {
    case 'staff':
      return decideStaff(actor, action, resource);
    case 'patient':
      if (resource.type === 'patient') {
        if (action === 'read' && actor.actsForPatientIds.includes(resource.patientId)) {
          return allow('the patient or their legal representative');
        }
        return deny('patients may only read their own cards and those they represent');
      }
      if (resource.type === 'organisation' && action === 'read')
        return allow('organisations are public facts');
      return deny('patients administer nothing');
    case 'integrator': {
      const inRegion =
        'regionId' in resource && (actor.regionId === null || resource.regionId === actor.regionId);
      if (resource.type === 'patient') {
        const scope = action === 'read' ? 'patients:read' : 'patients:write';
        if (action === 'administer') return deny('integrators do not administer patients');
        if (!actor.scopes.includes(scope)) return deny(`the client lacks the scope ${scope}`);
        return inRegion ? allow(`scope ${scope} in the client's region`) : deny('patient of another region');
      }
      if (resource.type === 'organisation' && action === 'read')
        return allow('organisations are public facts');
      return deny('integrators administer nothing');
    }
  }
}

function decideStaff(
  actor: Extract<Actor, { kind: 'staff' }>,
  action: ProtectedAction,
  resource: ProtectedResource,
): AccessDecision {
  const isSystemAdmin = actor.roles.includes('SYSTEM_ADMIN');
  const isRegionalAdmin = actor.roles.includes('REGIONAL_ADMIN');
  const isClinical = actor.roles.some((r) => CLINICAL_ROLES.includes(r));
  const federal = actor.organisationId !== null && actor.regionId === null;
  const sameRegion = (regionId: string | null): boolean =>
    actor.regionId !== null && regionId === actor.regionId;

  switch (resource.type) {
    case 'region':
    case 'organisation': {
      if (action === 'read') return allow('staff may read the organisation directory');
      if (isSystemAdmin) return allow('system administrator');
      if (isRegionalAdmin && resource.regionId !== null && sameRegion(resource.regionId)) {
        return allow('regional administrator of this region');
      }
      return deny('only administrators of the region change its organisations');
    }
    case 'staff-user': {
      if (action === 'read' && resource.userId === actor.userId) return allow('own account');
      if (isSystemAdmin) return allow('system administrator');
      if (
        isRegionalAdmin &&
        resource.organisations.some((o) => o.regionId !== null && sameRegion(o.regionId))
      ) {
        return allow('regional administrator of a region the user works in');
      }
      if (isRegionalAdmin && resource.organisations.length === 0 && action === 'create') {
        return allow('regional administrator creating a user');
      }
      return deny('only administrators of the user’s region manage staff accounts');
    }
    case 'patient': {
      if (action === 'administer') return deny('patient cards are not administered');
      if (!isClinical) {
        return deny(
          ADMIN_ROLES.some((r) => actor.roles.includes(r))
            ? 'administrators read no patient data'
            : 'the role does not treat patients',
        );
      }
      if (resource.assignedStaffIds?.includes(actor.userId)) return allow('assigned to the patient’s case');
      if (federal) return allow('federal organisation: every region');
      if (sameRegion(resource.regionId)) return allow('patient of the actor’s region');
      return deny('patient of another region');
    }
  }
}
