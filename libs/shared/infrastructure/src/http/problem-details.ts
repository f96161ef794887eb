import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type ErrorKind, type FieldError } from '@tmk/shared-kernel';
import { currentCorrelationId } from './request-context';

/** RFC 9457 problem document with ТМК's extensions: a stable `code`, field `errors`, the `requestId`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly requestId: string | null;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const statusOfKind: Record<ErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unauthorized: HttpStatus.UNAUTHORIZED,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
};

const codeOfStatus: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'HTTP.UNAUTHORIZED',
  403: 'HTTP.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  409: 'HTTP.CONFLICT',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP.TOO_MANY_REQUESTS',
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemTypeUri(code: string): string {
  return `urn:tmk:problem:${code}`;
}

/** Turns anything thrown into a problem document; the only place that maps errors to HTTP. */
export function toProblem(error: unknown, instance: string): ProblemDetails {
  const requestId = currentCorrelationId();
  if (error instanceof DomainError) {
    const status = statusOfKind[error.kind];
    return {
      ...error.extra,
      type: problemTypeUri(error.code),
      title: titles[status] ?? 'Error',
      status,
      detail: error.message,
      instance,
      code: error.code,
      requestId,
      ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeOfStatus[status] ?? `HTTP.${status}`;
    const response = error.getResponse();
    const detail =
      typeof response === 'object' &&
      response !== null &&
      'message' in response &&
      typeof response.message === 'string'
        ? response.message
        : error.message;
    return {
      type: problemTypeUri(code),
      title: titles[status] ?? 'Error',
      status,
      detail,
      instance,
      code,
      requestId,
    };
  }
  return {
    type: problemTypeUri('INTERNAL.UNEXPECTED'),
    title: titles[500] ?? 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred. Quote the request id when you report it.',
    instance,
    code: 'INTERNAL.UNEXPECTED',
    requestId,
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(error, request.originalUrl);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (response.headersSent) return;
    if (typeof problem['retryAfterSeconds'] === 'number') {
      response.setHeader('Retry-After', String(problem['retryAfterSeconds']));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
  }
}
