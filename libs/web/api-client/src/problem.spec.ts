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
