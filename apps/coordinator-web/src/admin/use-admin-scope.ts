import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue';
import { unwrap, useApiClient, type Organisation, type Region, type StaffRole } from '@tmk/web-api-client';
import { STAFF_ROLES, useSessionStore } from '@tmk/web-auth';

export interface AdminScope {
  readonly isSystemAdmin: ComputedRef<boolean>;
  /** The region the regional administrator administers (their active organisation's). */
  readonly regionId: ComputedRef<string | null>;
  /** Active organisations the administrator may manage (the api decides; this narrows the choices). */
  readonly organisations: ComputedRef<Organisation[]>;
  readonly regions: ShallowRef<Region[]>;
  readonly grantableRoles: ComputedRef<readonly StaffRole[]>;
  inScope(org: Pick<Organisation, 'regionId'>): boolean;
  /** Loads organisations and regions (for the selects). */
  load(): Promise<void>;
}

/** What an administrator may manage: a system admin everything, a regional admin their region. */
export function useAdminScope(): AdminScope {
  const session = useSessionStore();
  const api = useApiClient();
  const allOrganisations = shallowRef<Organisation[]>([]);
  const regions = shallowRef<Region[]>([]);

  const isSystemAdmin = computed(() => session.hasRole('SYSTEM_ADMIN'));
  const regionId = computed(() => session.activeOrganisation?.regionId ?? null);
  const inScope = (org: Pick<Organisation, 'regionId'>): boolean =>
    isSystemAdmin.value || (regionId.value !== null && org.regionId === regionId.value);
  const organisations = computed(() => allOrganisations.value.filter((o) => o.active && inScope(o)));
  const grantableRoles = computed<readonly StaffRole[]>(() =>
    isSystemAdmin.value ? STAFF_ROLES : STAFF_ROLES.filter((r) => r !== 'SYSTEM_ADMIN'),
  );

  async function load(): Promise<void> {
    const [orgs, regs] = await Promise.all([
      unwrap(api.GET('/api/v1/identity/organisations')),
      unwrap(api.GET('/api/v1/identity/regions')),
    ]);
    allOrganisations.value = [...orgs].sort((a, b) => orgLabel(a).localeCompare(orgLabel(b), 'ru'));
    regions.value = [...regs].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  }

  return { isSystemAdmin, regionId, organisations, regions, grantableRoles, inScope, load };
}

/** The name to show in lists: the short name when there is one. */
export function orgLabel(org: Pick<Organisation, 'name' | 'shortName'>): string {
  return org.shortName?.trim() || org.name;
}

/** A readable random password that meets the policy (letters, digits, a symbol; 14 characters). */
export function suggestPassword(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const symbols = '-_!?';
  const bytes = new Uint32Array(14);
  crypto.getRandomValues(bytes);
  const pick = (set: string, n: number): string => set[n % set.length] ?? 'x';
  const chars = [...bytes].map((n, i) =>
    i === 4 || i === 9 ? pick(symbols, n) : i % 3 === 2 ? pick(digits, n) : pick(letters, n),
  );
  return chars.join('');
}
