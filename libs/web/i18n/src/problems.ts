/**
 * The one place that maps API problem codes (`code` of an RFC 9457 problem document, see
 * shared-infrastructure's problem-details) to messages under `problems.*`. Unknown codes fall back by HTTP
 * status, then to a generic message, so a new server code never shows up as a raw string.
 */
const byCode: Readonly<Record<string, ProblemMessageKey>> = {
  'REQUEST.VALIDATION_FAILED': 'problems.validation',
  'HTTP.BAD_REQUEST': 'problems.validation',
  'ACCESS.UNAUTHENTICATED': 'problems.unauthenticated',
  'HTTP.UNAUTHORIZED': 'problems.unauthenticated',
  'ACCESS.DENIED': 'problems.denied',
  'HTTP.FORBIDDEN': 'problems.denied',
  'HTTP.NOT_FOUND': 'problems.notFound',
  'HTTP.CONFLICT': 'problems.conflict',
  'HTTP.PAYLOAD_TOO_LARGE': 'problems.payloadTooLarge',
  'HTTP.TOO_MANY_REQUESTS': 'problems.tooManyRequests',
  'INTERNAL.UNEXPECTED': 'problems.unexpected',
  'HEALTH.NOT_READY': 'problems.notReady',
  'NETWORK.UNREACHABLE': 'problems.network',
  // identity: sign-in and sessions
  'AUTH.INVALID_CREDENTIALS': 'problems.invalidCredentials',
  'AUTH.TOO_MANY_ATTEMPTS': 'problems.tooManyAttempts',
  'AUTH.NO_ACCOUNT': 'problems.noAccount',
  'AUTH.OIDC_FAILED': 'problems.oidcFailed',
  'AUTH.CSRF': 'problems.csrf',
  'AUTH.WRONG_PASSWORD': 'problems.wrongPassword',
  'AUTH.PASSWORD_CHANGE_REQUIRED': 'problems.passwordChangeRequired',
  // identity: records
  'IDENTITY.WEAK_PASSWORD': 'problems.weakPassword',
  'IDENTITY.INVALID_SNILS': 'problems.invalidSnils',
  'IDENTITY.SNILS_TAKEN': 'problems.snilsTaken',
  'IDENTITY.LOGIN_TAKEN': 'problems.loginTaken',
  'IDENTITY.FRMO_OID_TAKEN': 'problems.frmoOidTaken',
  'IDENTITY.STALE_VERSION': 'problems.staleVersion',
  'IDENTITY.SELF_LOCKOUT': 'problems.selfLockout',
  'IDENTITY.INVALID_USER': 'problems.validation',
  'IDENTITY.INVALID_PATIENT': 'problems.validation',
  'IDENTITY.SEARCH_CRITERION': 'problems.validation',
  'IDENTITY.PATIENT_NOT_FOUND': 'problems.notFound',
  'IDENTITY.USER_NOT_FOUND': 'problems.notFound',
  'IDENTITY.ORGANISATION_NOT_FOUND': 'problems.notFound',
  'IDENTITY.NOT_A_MEMBER': 'problems.notAMember',
  // consultations
  'CONSULTATIONS.CONCURRENT_CHANGE': 'problems.requestChanged',
  'CONSULTATIONS.INVALID_TRANSITION': 'problems.requestStateChanged',
  'CONSULTATIONS.NOT_FOUND': 'problems.notFound',
  'CONSULTATIONS.NOT_ALLOWED': 'problems.denied',
  'CONSULTATIONS.NOT_REQUESTER': 'problems.denied',
  'CONSULTATIONS.NOT_CONSULTANT': 'problems.denied',
  'CONSULTATIONS.NOT_ASSIGNED': 'problems.notAssigned',
  'CONSULTATIONS.INCOMPLETE': 'problems.validation',
  'CONSULTATIONS.CONSENT_REQUIRED': 'problems.consentRequired',
  'CONSULTATIONS.CONCLUSION_INCOMPLETE': 'problems.conclusionIncomplete',
  'CONSULTATIONS.CONCLUSION_CHANGED': 'problems.conclusionChanged',
  'CONSULTATIONS.ORAL_FIRST': 'problems.oralFirst',
  'CONSULTATIONS.ALREADY_FEDERAL': 'problems.alreadyFederal',
  'CONSULTATIONS.CHAT_CLOSED': 'problems.chatClosed',
  'CONSULTATIONS.NOT_IN_WORK': 'problems.notInWork',
  'CONSULTATIONS.FILE_TYPE_NOT_ALLOWED': 'problems.fileType',
  'CONSULTATIONS.FILE_TOO_LARGE': 'problems.payloadTooLarge',
  'CONSULTATIONS.FILE_EMPTY': 'problems.fileEmpty',
  'CONSULTATIONS.ATTACHMENTS_QUOTA_EXCEEDED': 'problems.attachmentsQuota',
  'CONSULTATIONS.ATTACHMENTS_CLOSED': 'problems.chatClosed',
  'HTTP.RATE_LIMITED': 'problems.rateLimited',
  // signing: documents and signatures
  'SIGNING.NO_CONCLUSION': 'problems.signingNoConclusion',
  'SIGNING.NOT_FOUND': 'problems.notFound',
  'SIGNING.NO_SUCH_SIGNATURE': 'problems.notFound',
  'SIGNING.NOT_SIGNED': 'problems.signingNotSigned',
  'SIGNING.SIGNATURE_REJECTED': 'problems.signatureRejected',
  'SIGNING.MALFORMED_SIGNATURE': 'problems.malformedSignature',
  'SIGNING.NOT_A_SIGNER': 'problems.notASigner',
  'SIGNING.ALREADY_SIGNED': 'problems.alreadySigned',
  'SIGNING.AUTHOR_FIRST': 'problems.authorFirst',
  // signing: the public check
  'SIGNING.DOCUMENT_REQUIRED': 'problems.signingDocumentRequired',
  'SIGNING.NO_SIGNATURE': 'problems.signingNoSignature',
  'SIGNING.TOO_MANY_SIGNATURES': 'problems.signingTooManyFiles',
  'SIGNING.TOO_MANY_FILES': 'problems.signingTooManyFiles',
  'SIGNING.FILE_TOO_LARGE': 'problems.signingFileTooLarge',
  'SIGNING.MULTIPART_REQUIRED': 'problems.signingBadForm',
  'SIGNING.MALFORMED_FORM': 'problems.signingBadForm',
  // signing: the trust store
  'SIGNING.NOT_BASE64': 'problems.notPemOrBase64',
  'SIGNING.NOT_A_CERTIFICATE': 'problems.notACertificate',
  'SIGNING.NOT_A_CA_CERTIFICATE': 'problems.notACaCertificate',
  'SIGNING.NOT_A_CRL': 'problems.notACrl',
  'SIGNING.CRL_ISSUER_UNKNOWN': 'problems.crlIssuerUnknown',
  'SIGNING.CRL_UNREACHABLE': 'problems.crlUnreachable',
  'SIGNING.CRL_TOO_LARGE': 'problems.crlTooLarge',
  'SIGNING.BAD_CRL_URL': 'problems.badCrlUrl',
};

export type ProblemMessageKey =
  | 'problems.generic'
  | 'problems.validation'
  | 'problems.unauthenticated'
  | 'problems.denied'
  | 'problems.notFound'
  | 'problems.conflict'
  | 'problems.tooManyRequests'
  | 'problems.payloadTooLarge'
  | 'problems.unexpected'
  | 'problems.notReady'
  | 'problems.network'
  | 'problems.invalidCredentials'
  | 'problems.tooManyAttempts'
  | 'problems.noAccount'
  | 'problems.oidcFailed'
  | 'problems.csrf'
  | 'problems.wrongPassword'
  | 'problems.passwordChangeRequired'
  | 'problems.weakPassword'
  | 'problems.invalidSnils'
  | 'problems.snilsTaken'
  | 'problems.loginTaken'
  | 'problems.frmoOidTaken'
  | 'problems.staleVersion'
  | 'problems.selfLockout'
  | 'problems.notAMember'
  | 'problems.requestChanged'
  | 'problems.requestStateChanged'
  | 'problems.notAssigned'
  | 'problems.consentRequired'
  | 'problems.conclusionIncomplete'
  | 'problems.conclusionChanged'
  | 'problems.oralFirst'
  | 'problems.alreadyFederal'
  | 'problems.chatClosed'
  | 'problems.notInWork'
  | 'problems.fileType'
  | 'problems.fileEmpty'
  | 'problems.attachmentsQuota'
  | 'problems.rateLimited'
  | 'problems.signingNoConclusion'
  | 'problems.signingNotSigned'
  | 'problems.signatureRejected'
  | 'problems.malformedSignature'
  | 'problems.notASigner'
  | 'problems.alreadySigned'
  | 'problems.authorFirst'
  | 'problems.signingDocumentRequired'
  | 'problems.signingNoSignature'
  | 'problems.signingTooManyFiles'
  | 'problems.signingFileTooLarge'
  | 'problems.signingBadForm'
  | 'problems.notPemOrBase64'
  | 'problems.notACertificate'
  | 'problems.notACaCertificate'
  | 'problems.notACrl'
  | 'problems.crlIssuerUnknown'
  | 'problems.crlUnreachable'
  | 'problems.crlTooLarge'
  | 'problems.badCrlUrl';

function byStatus(status: number | undefined): ProblemMessageKey {
  if (status === undefined) return 'problems.generic';
  if (status === 0) return 'problems.network';
  if (status === 400 || status === 422) return 'problems.validation';
  if (status === 401) return 'problems.unauthenticated';
  if (status === 403) return 'problems.denied';
  if (status === 404) return 'problems.notFound';
  if (status === 409) return 'problems.conflict';
  if (status === 413) return 'problems.payloadTooLarge';
  if (status === 429) return 'problems.tooManyRequests';
  if (status === 503) return 'problems.notReady';
  if (status >= 500) return 'problems.unexpected';
  return 'problems.generic';
}

/** The i18n key that explains a problem to the user. */
export function problemMessageKey(code: string | null | undefined, status?: number): ProblemMessageKey {
  return (code ? byCode[code] : undefined) ?? byStatus(status);
}

/** Problem codes with a dedicated message (for tests and documentation). */
export const KNOWN_PROBLEM_CODES: readonly string[] = Object.keys(byCode);

/**
 * Named values a problem's message interpolates, from the problem document's extension members: e.g.
 * `AUTH.TOO_MANY_ATTEMPTS` → `{ minutes }` (rounded up from `retryAfterSeconds`, at least 1),
 * `HTTP.RATE_LIMITED` → `{ seconds }`, `SIGNING.FILE_TOO_LARGE` → `{ megabytes }` (from `maxBytes`).
 */
export function problemMessageParams(
  code: string | null | undefined,
  extensions: Readonly<Record<string, unknown>> = {},
): Record<string, string | number> {
  if (code === 'AUTH.TOO_MANY_ATTEMPTS') {
    const seconds = extensions['retryAfterSeconds'];
    const minutes = typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 15;
    return { minutes: Math.max(1, minutes) };
  }
  if (code === 'HTTP.RATE_LIMITED') {
    const seconds = extensions['retryAfterSeconds'];
    return { seconds: typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 60 };
  }
  if (code === 'SIGNING.FILE_TOO_LARGE') {
    const bytes = extensions['maxBytes'];
    return {
      megabytes: typeof bytes === 'number' && bytes > 0 ? Math.max(1, Math.floor(bytes / 1048576)) : 20,
    };
  }
  return {};
}

/** Field error codes (`errors[].code` of a problem, and the SPAs' own checks) that have a message. */
const FIELD_ERROR_CODES = [
  'REQUIRED',
  'TAKEN',
  'NAME_FORMAT',
  'DATE_FORMAT',
  'DATE_RANGE',
  'SNILS_FORMAT',
  'SNILS_CHECKSUM',
  'OMS_FORMAT',
  'OMS_CHECKSUM',
  'PHONE_FORMAT',
  'EMAIL_FORMAT',
  'LOGIN_FORMAT',
  'TIME_ZONE',
  'OID_FORMAT',
  'LEVEL',
  'UNKNOWN_ORGANISATION',
  'UNKNOWN_REGION',
  'WRONG_PASSWORD',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_CONTAINS_LOGIN',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_TOO_SIMPLE',
  'PASSWORD_MISMATCH',
  'SEARCH_FORMAT',
  'UNKNOWN',
  'WRONG_LEVEL',
  'CONSENT_REQUIRED',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The i18n key explaining one invalid field; unknown codes get the generic `fieldErrors.INVALID`. */
export function fieldErrorMessageKey(code: string | null | undefined): string {
  return code && (FIELD_ERROR_CODES as readonly string[]).includes(code)
    ? `fieldErrors.${code}`
    : 'fieldErrors.INVALID';
}

/** Field error codes with a dedicated message (for tests). */
export const KNOWN_FIELD_ERROR_CODES: readonly string[] = FIELD_ERROR_CODES;
