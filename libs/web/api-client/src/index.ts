export {
  createApiClient,
  useApiClient,
  setSharedApiClient,
  unwrap,
  readCookie,
  setCsrfToken,
  currentCsrfToken,
  onUnauthorized,
  csrfMiddleware,
  unauthorizedMiddleware,
  REQUEST_ID_HEADER,
  CSRF_HEADER,
  CSRF_COOKIE,
  type ApiClient,
} from './client';
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
export * from './identity';
export * from './audit';
export type { paths, components, operations } from './schema';
export { useRealtime, type RealtimeOptions, type RealtimeStatus, type UseRealtime } from './use-realtime';
export * from './consultations';
export {
  uploadConsultationAttachment,
  listConsultationAttachments,
  consultationAttachmentsPath,
  type ConsultationAttachment,
  type AttachmentCallOptions,
} from './consultation-attachments';
export * from './signing';
