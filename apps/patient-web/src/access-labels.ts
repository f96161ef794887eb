/** Message keys for what the access log shows: a role or actor kind, and a resource type. */

const ROLE_KEYS = new Set([
  'REQUESTING_DOCTOR',
  'CONSULTANT',
  'DISPATCHER',
  'REGIONAL_ADMIN',
  'SYSTEM_ADMIN',
]);
const KIND_KEYS = new Set(['staff', 'patient', 'integrator', 'system', 'anonymous']);

/** `accessLog.roles.*` keys for the roles, else the actor kind's `accessLog.actorKinds.*`. */
export function whoKeys(actorKind: string, actorRoles: readonly string[]): string[] {
  const roles = actorRoles.filter((r) => ROLE_KEYS.has(r)).map((r) => `accessLog.roles.${r}`);
  if (roles.length > 0) return roles;
  return [`accessLog.actorKinds.${KIND_KEYS.has(actorKind) ? actorKind : 'staff'}`];
}

/** `patient-search` → `accessLog.resources.patientSearch`; null for a type without a message. */
export function resourceKey(resourceType: string): string | null {
  const known: Record<string, string> = { patient: 'patient', 'patient-search': 'patientSearch' };
  const key = known[resourceType];
  return key ? `accessLog.resources.${key}` : null;
}
