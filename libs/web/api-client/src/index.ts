export { createApiClient, unwrap, REQUEST_ID_HEADER, type ApiClient } from './client';
export {
  ApiProblem,
  isApiProblem,
  toApiProblem,
  networkProblem,
  NETWORK_UNREACHABLE,
  type ApiFieldError,
} from './problem';
export {
  useSystemStatus,
  type SystemStatus,
  type SystemStatusOptions,
  type UseSystemStatus,
} from './use-system-status';
export type { paths, components, operations } from './schema';
