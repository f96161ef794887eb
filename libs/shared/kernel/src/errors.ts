/**
 * The one error type of the domain and application layers. `code` is stable (`CONTEXT.REASON`) and is what
 * clients translate; `message` is an English explanation for logs and integrators. The HTTP edge maps
 * `kind` to a status in one place (shared-infrastructure's problem-details filter).
 */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'unprocessable'
  | 'unavailable'
  | 'rate_limited'
  | 'payload_too_large';

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(code, 'not_found', message);
  }

  static conflict(code: string, message: string, extra: Record<string, unknown> = {}): DomainError {
    return new DomainError(code, 'conflict', message, [], extra);
  }

  static validation(code: string, message: string, fieldErrors: FieldError[] = []): DomainError {
    return new DomainError(code, 'validation', message, fieldErrors);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError(code, 'forbidden', message);
  }
}
