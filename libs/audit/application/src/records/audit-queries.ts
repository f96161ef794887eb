import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor } from '@tmk/shared-kernel';
import type { AuditAction, AuditOutcome, ChainBreak } from '@tmk/audit-domain';

/** A record as the views show it (hash as hex). */
export interface AuditRecordView {
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorRoles: readonly string[];
  readonly actorOrganisationId: string | null;
  readonly actorRegionId: string | null;
  readonly onBehalfOf: string | null;
  readonly action: AuditAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly patientId: string | null;
  readonly outcome: AuditOutcome;
  readonly reason: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly requestId: string | null;
  readonly sourceEventType: string | null;
  readonly changes: Readonly<Record<string, unknown>> | null;
  readonly hash: string;
}

export interface AuditFilter {
  readonly actorId?: string;
  readonly patientId?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly requestId?: string;
  readonly action?: AuditAction;
  readonly outcome?: AuditOutcome;
  readonly from?: Date;
  readonly to?: Date;
  /** Keyset pagination: records with a smaller seq (newest first). */
  readonly beforeSeq?: number;
  readonly limit: number;
  /** Regional administrators see what actors of their region did. */
  readonly actorRegionId?: string;
}

export interface SecurityHour {
  readonly hour: string;
  readonly loginFailures: number;
  readonly lockouts: number;
  readonly denials: number;
  readonly logins: number;
}

export interface PatientAccess {
  readonly at: string;
  readonly actorKind: string;
  readonly actorRoles: readonly string[];
  readonly actorOrganisationId: string | null;
  readonly resourceType: string;
  readonly onBehalfOf: string | null;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly headSeq: number;
  readonly broken: ChainBreak | null;
  readonly millis: number;
}

export interface AuditReader {
  search(filter: AuditFilter): Promise<AuditRecordView[]>;
  get(seq: number): Promise<AuditRecordView | null>;
  securityByHour(from: Date, to: Date, actorRegionId?: string): Promise<SecurityHour[]>;
  patientAccesses(patientId: string, limit: number): Promise<PatientAccess[]>;
  verify(): Promise<IntegrityReport>;
}

export const AUDIT_READER = Symbol('AUDIT_READER');

/** The audit views: who may see what. */
@Injectable()
export class AuditQueries {
  constructor(@Inject(AUDIT_READER) private readonly reader: AuditReader) {}

  private scope(actor: Actor): { actorRegionId?: string } {
    if (actor.kind === 'staff' && actor.roles.includes('SYSTEM_ADMIN')) return {};
    if (actor.kind === 'staff' && actor.roles.includes('REGIONAL_ADMIN') && actor.regionId) {
      return { actorRegionId: actor.regionId };
    }
    throw DomainError.forbidden('ACCESS.DENIED', 'Only administrators read the audit trail');
  }

  search(actor: Actor, filter: Omit<AuditFilter, 'actorRegionId'>): Promise<AuditRecordView[]> {
    return this.reader.search({ ...filter, ...this.scope(actor) });
  }

  async get(actor: Actor, seq: number): Promise<AuditRecordView> {
    const scope = this.scope(actor);
    const record = await this.reader.get(seq);
    if (!record || (scope.actorRegionId && record.actorRegionId !== scope.actorRegionId)) {
      throw DomainError.notFound('AUDIT.RECORD_NOT_FOUND', 'Audit record not found');
    }
    return record;
  }

  securityByHour(actor: Actor, from: Date, to: Date): Promise<SecurityHour[]> {
    const scope = this.scope(actor);
    if (to.getTime() - from.getTime() > 31 * 24 * 3600_000) {
      throw DomainError.validation('AUDIT.RANGE_TOO_LONG', 'At most 31 days per request');
    }
    return this.reader.securityByHour(from, to, scope.actorRegionId);
  }

  /** «Кто открывал мою медицинскую информацию»: the patient or their legal representative. */
  async patientAccesses(actor: Actor, patientId: string): Promise<PatientAccess[]> {
    if (actor.kind !== 'patient' || !actor.actsForPatientIds.includes(patientId)) {
      throw DomainError.forbidden('ACCESS.DENIED', 'Only the patient and their representatives see this');
    }
    return this.reader.patientAccesses(patientId, 500);
  }

  verify(actor: Actor): Promise<IntegrityReport> {
    if (!(actor.kind === 'staff' && actor.roles.includes('SYSTEM_ADMIN'))) {
      throw DomainError.forbidden('ACCESS.DENIED', 'Only system administrators verify the chain');
    }
    return this.reader.verify();
  }
}
