import type { IntegrationEvent } from '@tmk/shared-kernel';
import { DataAccessedV1 } from '@tmk/shared-kernel';
import {
  AccessDeniedV1,
  LoggedOutV1,
  LoginFailedV1,
  LoginSucceededV1,
  OrganisationChangedV1,
  PatientRegisteredV1,
  RoleGrantedV1,
  RoleRevokedV1,
  UserAccountChangedV1,
  UserRegisteredV1,
} from '@tmk/identity-contracts';
import {
  DEFAULT_RETENTION,
  maskChanges,
  type ActorKind,
  type AuditAction,
  type AuditDraft,
  type AuditOutcome,
} from '@tmk/audit-domain';

type Payload = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

interface Mapped {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  patientIds?: readonly (string | null)[];
  outcome?: AuditOutcome;
  reason?: string | null;
  changes?: Payload | null;
  actorKind?: ActorKind;
  actorId?: string | null;
  retention?: string;
}

/** How each known event reads as an audit record; unknown events become generic `execute` records. */
const mappers: Record<string, (p: Payload, e: IntegrationEvent) => Mapped> = {
  [DataAccessedV1.type]: (p) => ({
    action: 'read',
    resourceType: str(p['resourceType']) ?? 'unknown',
    resourceId: str(p['resourceId']),
    patientIds: Array.isArray(p['patientIds']) ? (p['patientIds'] as string[]) : [],
    reason: str(p['action']) === 'read' ? null : str(p['action']),
    changes: null,
  }),
  [LoginSucceededV1.type]: (p) => ({
    action: 'login',
    resourceType: 'session',
    resourceId: str(p['sessionId']),
    actorKind: (str(p['subjectKind']) as ActorKind | null) ?? 'anonymous',
    actorId: str(p['subjectId']),
    reason: [str(p['method']), str(p['provider'])].filter(Boolean).join(':') || null,
    retention: 'security-5y',
  }),
  [LoginFailedV1.type]: (p) => ({
    action: 'login',
    resourceType: 'session',
    outcome: 'failure',
    actorKind: 'anonymous',
    actorId: str(p['login']),
    reason: `${str(p['reason']) ?? 'FAILED'}${p['lockedNow'] === true ? ' (login locked)' : ''}`,
    retention: 'security-5y',
  }),
  [LoggedOutV1.type]: (p) => ({
    action: 'logout',
    resourceType: 'session',
    actorKind: (str(p['subjectKind']) as ActorKind | null) ?? 'anonymous',
    actorId: str(p['subjectId']),
    reason: p['everywhere'] === true ? 'everywhere' : null,
    retention: 'security-5y',
  }),
  [AccessDeniedV1.type]: (p) => ({
    action: 'deny',
    resourceType: 'endpoint',
    resourceId: `${str(p['method']) ?? ''} ${str(p['path']) ?? ''}`.trim() || null,
    outcome: 'denied',
    reason: str(p['reason']),
    retention: 'security-5y',
  }),
  [UserRegisteredV1.type]: (p) => ({
    action: 'create',
    resourceType: 'staff-user',
    resourceId: str(p['userId']),
    changes: { login: p['login'], displayName: p['displayName'] },
  }),
  [RoleGrantedV1.type]: (p) => ({
    action: 'update',
    resourceType: 'staff-user',
    resourceId: str(p['userId']),
    reason: 'role granted',
    changes: { role: p['role'], organisationId: p['organisationId'], granted: true },
  }),
  [RoleRevokedV1.type]: (p) => ({
    action: 'update',
    resourceType: 'staff-user',
    resourceId: str(p['userId']),
    reason: 'role revoked',
    changes: { role: p['role'], organisationId: p['organisationId'], granted: false },
  }),
  [UserAccountChangedV1.type]: (p) => ({
    action: 'update',
    resourceType: 'staff-user',
    resourceId: str(p['userId']),
    reason: str(p['change']),
    changes: str(p['change'])?.startsWith('PASSWORD') ? { password: 'changed' } : { change: p['change'] },
  }),
  [OrganisationChangedV1.type]: (p) => ({
    action: str(p['change']) === 'CREATED' ? 'create' : 'update',
    resourceType: 'organisation',
    resourceId: str(p['organisationId']),
    reason: str(p['change']),
    changes: { fields: p['changedFields'] },
  }),
  [PatientRegisteredV1.type]: (p) => ({
    action: 'create',
    resourceType: 'patient',
    resourceId: str(p['patientId']),
    patientIds: [str(p['patientId'])],
  }),
};

/** Turns one integration event into its audit drafts (a read of several patients gives one per patient). */
export function toAuditDrafts(event: IntegrationEvent, newId: () => string): AuditDraft[] {
  const payload = event.payload as Payload;
  const mapper: ((p: Payload, e: IntegrationEvent) => Mapped) | undefined = Object.hasOwn(mappers, event.type)
    ? mappers[event.type]
    : undefined;
  const m: Mapped = mapper
    ? mapper(payload, event)
    : {
        action: 'execute',
        resourceType: event.type.split('.')[0] ?? 'event',
        resourceId: event.aggregateId,
        changes: null,
      };
  const meta = event.meta ?? null;
  const patients = m.patientIds && m.patientIds.length > 0 ? m.patientIds : [null];
  return patients.map((patientId) => ({
    id: newId(),
    at: new Date(event.occurredAt),
    actorKind: m.actorKind ?? (meta?.actorKind as ActorKind | null | undefined) ?? 'system',
    actorId: m.actorId !== undefined ? m.actorId : (meta?.actorId ?? null),
    actorRoles: meta?.roles ?? [],
    actorOrganisationId: meta?.organisationId ?? null,
    actorRegionId: meta?.regionId ?? null,
    onBehalfOf:
      meta?.actorKind === 'patient' && patientId !== null && patientId !== meta.actorId ? patientId : null,
    action: m.action,
    resourceType: m.resourceType,
    resourceId: m.resourceId ?? (mapper ? null : event.aggregateId),
    patientId,
    outcome: m.outcome ?? 'success',
    reason: m.reason ?? null,
    ip: meta?.ip ?? (str(payload['ip']) as string | null),
    userAgent: meta?.userAgent ?? (str(payload['userAgent']) as string | null),
    requestId: event.correlationId,
    sourceEventId: event.id,
    sourceEventType: event.type,
    changes: maskChanges(m.changes ?? null),
    retention: m.retention ?? DEFAULT_RETENTION,
  }));
}
