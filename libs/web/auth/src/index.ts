export {
  useSessionStore,
  type Role,
  type SessionOrganisation,
  type SessionStatus,
  type SessionUser,
} from './session.store';
export { requireSession, type RequireSessionOptions } from './guard';
