import { describe, expect, it } from '@jest/globals';
import { ApiProblem, NETWORK_UNREACHABLE, networkProblem, toApiProblem } from './problem';

function response(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status,
    statusText: status === 503 ? 'Service Unavailable' : 'Error',
    headers,
  });
}

describe('toApiProblem', () => {
  it('reads an RFC 9457 problem document with field errors', () => {
    const problem = toApiProblem(response(400), {
      type: 'urn:tmk:problem:REQUEST.VALIDATION_FAILED',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid',
      instance: '/api/v1/consultations/demo-pings',
      code: 'REQUEST.VALIDATION_FAILED',
      requestId: '0190a0b2-0000-7000-8000-000000000001',
      errors: [{ field: 'message', code: 'TOO_LONG', message: 'at most 500 characters' }],
    });
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem).toMatchObject({
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
      detail: 'The request is not valid',
      requestId: '0190a0b2-0000-7000-8000-000000000001',
      errors: [{ field: 'message', code: 'TOO_LONG', message: 'at most 500 characters' }],
    });
  });

  it('falls back to the response header and the status for a non-problem body', () => {
    const problem = toApiProblem(
      response(502, { 'X-Request-Id': 'req-from-header' }),
      '<html>Bad gateway</html>',
    );
    expect(problem).toMatchObject({
      status: 502,
      code: 'HTTP.502',
      requestId: 'req-from-header',
      errors: [],
    });
  });

  it('uses the id the client sent when the server gave none', () => {
    const problem = toApiProblem(response(503), undefined, 'sent-id-123');
    expect(problem).toMatchObject({
      status: 503,
      code: 'HTTP.503',
      detail: 'Service Unavailable',
      requestId: 'sent-id-123',
    });
  });

  it('turns a failed fetch into a network problem', () => {
    const problem = networkProblem(new TypeError('Failed to fetch'), 'sent-id-456');
    expect(problem).toMatchObject({
      status: 0,
      code: NETWORK_UNREACHABLE,
      detail: 'Failed to fetch',
      requestId: 'sent-id-456',
    });
  });
});

describe('ApiProblem extensions', () => {
  it('keeps the extension members and the field errors per field', () => {
    const problem = toApiProblem(response(409), {
      type: 'urn:tmk:problem:IDENTITY.SNILS_TAKEN',
      title: 'Conflict',
      status: 409,
      detail: 'A patient card with this SNILS already exists',
      code: 'IDENTITY.SNILS_TAKEN',
      requestId: 'r1',
      errors: [{ field: 'snils', code: 'TAKEN', message: 'taken' }],
      existingPatientId: '0190a0b2-0000-7000-8000-000000000009',
      retryAfterSeconds: 120,
    });
    expect(problem.extensions).toEqual({
      existingPatientId: '0190a0b2-0000-7000-8000-000000000009',
      retryAfterSeconds: 120,
    });
    expect(problem.stringExtension('existingPatientId')).toBe('0190a0b2-0000-7000-8000-000000000009');
    expect(problem.numberExtension('retryAfterSeconds')).toBe(120);
    expect(problem.numberExtension('existingPatientId')).toBeNull();
    expect(problem.fieldErrors('snils')).toHaveLength(1);
    expect(problem.fieldErrors('phone')).toHaveLength(0);
  });
});
