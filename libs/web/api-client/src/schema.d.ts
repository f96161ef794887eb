/**
 * PLACEHOLDER — hand-written until the server side generates this file with openapi-typescript
 * (`npm run api:generate`), which overwrites it. It mirrors openapi-typescript's output shape for the two
 * operations the web apps use so far.
 */

export interface paths {
  '/health/ready': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consultations/demo-pings': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    post: operations['DemoPingController_record'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    FieldError: { field: string; code: string; message: string };
    ProblemDetails: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance: string;
      code: string;
      requestId: string | null;
      errors?: components['schemas']['FieldError'][];
    };
    RecordDemoPingDto: { message: string };
    DemoPingRecordedDto: { id: string; recordedAt: string };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_ready: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': { status: 'ok'; checks: { [key: string]: 'up' } } };
      };
      503: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['ProblemDetails'] };
      };
    };
  };
  DemoPingController_record: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/json': components['schemas']['RecordDemoPingDto'] } };
    responses: {
      201: {
        headers: { [name: string]: unknown };
        content: { 'application/json': components['schemas']['DemoPingRecordedDto'] };
      };
      400: {
        headers: { [name: string]: unknown };
        content: { 'application/problem+json': components['schemas']['ProblemDetails'] };
      };
    };
  };
}
