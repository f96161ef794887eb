import {
  Injectable,
  StreamableFile,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { mergeMap, type Observable } from 'rxjs';
import { DataAccessedV1, newId } from '@tmk/shared-kernel';
import { appendToOutboxNow } from '../messaging/outbox-writer';

export interface AuditedReadSpec {
  /** Resource type as audit shows it, e.g. `patient`. */
  readonly resource: string;
  readonly action?: 'read' | 'export' | 'download';
  /** The patients whose data the response holds (from the result and/or the request). */
  readonly patientIds: (result: unknown, request: Request) => readonly string[];
  readonly resourceId?: (result: unknown, request: Request) => string | null;
}

const AUDITED_READ = 'tmk:audited-read';

/**
 * Records a read of patient data: after the handler succeeds and before the response leaves, one
 * `platform.DataAccessed` event goes into the outbox (its own short transaction), so a crash after the
 * response cannot lose the record. Responses with no patient data (empty search) record nothing.
 */
@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditedReadSpec | undefined>(AUDITED_READ, context.getHandler());
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const patientIds = [...new Set(spec.patientIds(result, request))];
        if (patientIds.length === 0) return result;
        const resourceId =
          spec.resourceId?.(result, request) ?? (patientIds.length === 1 ? (patientIds[0] ?? null) : null);
        await appendToOutboxNow(this.db, [
          {
            id: newId(),
            type: DataAccessedV1.type,
            version: DataAccessedV1.version,
            occurredAt: new Date().toISOString(),
            aggregateId: resourceId ?? patientIds[0] ?? 'unknown',
            correlationId: null,
            payload: {
              resourceType: spec.resource,
              resourceId,
              patientIds,
              action: spec.action ?? 'read',
              path: request.originalUrl.split('?')[0] ?? '',
            },
          },
        ]);
        return result;
      }),
    );
  }
}

/** Marks a handler whose response holds patient data: every successful call is audited as a read. */
export const AuditedRead = (spec: AuditedReadSpec): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(AUDITED_READ, spec), UseInterceptors(AuditedReadInterceptor));

export function auditedReadOf(handler: object): AuditedReadSpec | undefined {
  return Reflect.getMetadata(AUDITED_READ, handler) as AuditedReadSpec | undefined;
}

/** Whose data a response holds, for the audit record; a symbol key, so it never reaches the JSON. */
const PATIENT = Symbol('patientId');
export type WithPatient<T> = T & { [PATIENT]?: string };

/** Marks a JSON response with the patient whose data it holds (read back by `patientOf`). */
export function withPatient<T extends object>(value: T, patientId: string): WithPatient<T> {
  return Object.assign(value, { [PATIENT]: patientId });
}

/** The patient a response was marked with by `withPatient` (or a `PatientFile`'s), if any. */
export function patientOf(value: unknown): string | null {
  if (value instanceof PatientFile) return value.patientId;
  return (value as WithPatient<object> | null)?.[PATIENT] ?? null;
}

/** A download that knows whose data it carries and what it is (read by the audit interceptor before it is sent). */
export class PatientFile extends StreamableFile {
  constructor(
    content: Readable,
    options: ConstructorParameters<typeof StreamableFile>[1],
    readonly patientId: string,
    readonly resourceId: string,
  ) {
    super(content, options);
  }
}
