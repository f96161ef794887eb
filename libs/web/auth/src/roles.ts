import type { StaffRole } from '@tmk/web-api-client';

/** Staff roles (the identity module issues them per organisation), in the order the UI lists them. */
export const STAFF_ROLES: readonly StaffRole[] = [
  'REQUESTING_DOCTOR',
  'CONSULTANT',
  'DISPATCHER',
  'REGIONAL_ADMIN',
  'SYSTEM_ADMIN',
];

/** Roles that work with patients (search, create cards) — as the api's policy defines them. */
export const CLINICAL_ROLES: readonly StaffRole[] = ['REQUESTING_DOCTOR', 'CONSULTANT', 'DISPATCHER'];

/** Roles that administer organisations and staff accounts. */
export const ADMIN_ROLES: readonly StaffRole[] = ['REGIONAL_ADMIN', 'SYSTEM_ADMIN'];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * Whether someone holding `held` may see something that needs one of `required` (no requirement: yes).
 * The server enforces access anyway; this only decides what the UI shows.
 */
export function allowedFor(held: readonly StaffRole[], required: readonly StaffRole[] | undefined): boolean {
  if (!required || required.length === 0) return true;
  return required.some((role) => held.includes(role));
}

/**
 * A path on this origin that is safe to return to after sign-in: inside the app (`base`, e.g. `/doctor/`) or
 * app-relative (`/profile`), never another origin (`//evil`, `https://…`, `/\evil`). Returns the app-relative
 * path (`/profile?x=1`) or `/`.
 */
export function safeRedirect(value: unknown, base = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const origin = 'http://tmk.invalid';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  let path = `${url.pathname}${url.search}${url.hash}`;
  const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
  if (trimmedBase && (path === trimmedBase || path.startsWith(`${trimmedBase}/`))) {
    path = path.slice(trimmedBase.length) || '/';
  }
  return path.startsWith('/') ? path : `/${path}`;
}
