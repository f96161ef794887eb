export {
  useSessionStore,
  organisationsOf,
  type Role,
  type SessionNotice,
  type SessionOrganisation,
  type SessionStatus,
  type SessionUser,
} from './session.store';
export { requireSession, installSessionGuard, type SessionGuardOptions } from './guard';
export { STAFF_ROLES, CLINICAL_ROLES, ADMIN_ROLES, isStaffRole, allowedFor, safeRedirect } from './roles';
