import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  isApiProblem,
  networkProblem,
  setCsrfToken,
  unwrap,
  useApiClient,
  type ActsFor,
  type ApiProblem,
  type Me,
  type Membership,
  type StaffRole,
} from '@tmk/web-api-client';
import { allowedFor, STAFF_ROLES } from './roles';

/** A staff role (issued per organisation by the identity module). */
export type Role = StaffRole;

export interface SessionOrganisation {
  readonly id: string;
  readonly name: string;
  readonly regionId: string | null;
  /** The roles the person holds there, in {@link STAFF_ROLES} order. */
  readonly roles: readonly Role[];
}

/** The signed-in person as the header shows them. */
export interface SessionUser {
  readonly id: string;
  readonly kind: Me['kind'];
  readonly displayName: string;
  /** Roles in the active organisation. */
  readonly roles: readonly Role[];
  /** The organisation the person acts for in this session (a person may belong to several). */
  readonly organisation: SessionOrganisation | null;
}

/**
 * `unknown`: not asked yet; `loading`: asking; `anonymous`: no session; `authenticated`: `me` is set;
 * `unavailable`: the api could not say (network, 5xx) — the guard then shows the sign-in page with the problem.
 */
export type SessionStatus = 'unknown' | 'loading' | 'anonymous' | 'authenticated' | 'unavailable';

/** Why the person was sent to the sign-in page, for a one-off notice there. */
export type SessionNotice = 'expired' | 'signedOut' | 'signedOutEverywhere';

const ACTING_FOR_KEY = 'tmk.actingFor';

function sessionStorageSafe(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Groups memberships (one row per organisation and role) by organisation, keeping the api's order. */
export function organisationsOf(memberships: readonly Membership[]): SessionOrganisation[] {
  const byId = new Map<string, { id: string; name: string; regionId: string | null; roles: Role[] }>();
  for (const m of memberships) {
    const entry = byId.get(m.organisationId) ?? {
      id: m.organisationId,
      name: m.organisationName,
      regionId: m.regionId,
      roles: [],
    };
    if (!entry.roles.includes(m.role)) entry.roles.push(m.role);
    byId.set(m.organisationId, entry);
  }
  return [...byId.values()].map((o) => ({
    ...o,
    roles: STAFF_ROLES.filter((r) => o.roles.includes(r)),
  }));
}

/**
 * The session of this browser tab, backed by the api's cookie session (ADR 0009): `GET /api/v1/auth/me` on
 * start (401 → anonymous), password sign-in, sign-out here or everywhere, switching the organisation acted
 * for, and — for patients — whose card they act for.
 */
export const useSessionStore = defineStore('session', () => {
  const me = shallowRef<Me | null>(null);
  const status = ref<SessionStatus>('unknown');
  const problem = shallowRef<ApiProblem | null>(null);
  const notice = ref<SessionNotice | null>(null);
  const actingForId = ref<string | null>(sessionStorageSafe()?.getItem(ACTING_FOR_KEY) ?? null);
  let loading: Promise<void> | null = null;

  const isAuthenticated = computed(() => status.value === 'authenticated' && me.value !== null);
  const isStaff = computed(() => me.value?.kind === 'staff');
  const isPatient = computed(() => me.value?.kind === 'patient');
  const roles = computed<readonly Role[]>(() => me.value?.roles ?? []);
  const organisations = computed(() => organisationsOf(me.value?.memberships ?? []));
  const activeOrganisation = computed<SessionOrganisation | null>(() => {
    const id = me.value?.activeOrganisationId;
    const found = organisations.value.find((o) => o.id === id);
    return found ? { ...found, roles: roles.value } : null;
  });
  const user = computed<SessionUser | null>(() =>
    me.value
      ? {
          id: me.value.id,
          kind: me.value.kind,
          displayName: me.value.displayName,
          roles: roles.value,
          organisation: activeOrganisation.value,
        }
      : null,
  );
  /** Patients: the cards this person may act for, own first. */
  const actingForOptions = computed<readonly ActsFor[]>(() => me.value?.patients ?? []);
  const actingFor = computed<ActsFor | null>(
    () =>
      actingForOptions.value.find((p) => p.id === actingForId.value) ??
      actingForOptions.value.find((p) => p.relation === 'SELF') ??
      actingForOptions.value[0] ??
      null,
  );

  function accept(next: Me): void {
    me.value = next;
    status.value = 'authenticated';
    problem.value = null;
    notice.value = null;
    setCsrfToken(next.csrfToken);
  }

  /** Forgets the session locally (the api already ended it, or is asked to). */
  function clear(reason: SessionNotice | null = null): void {
    me.value = null;
    status.value = 'anonymous';
    notice.value = reason;
    setCsrfToken(null);
    actingForId.value = null;
    sessionStorageSafe()?.removeItem(ACTING_FOR_KEY);
  }

  /** Asks the api who is signed in. 401 → anonymous; other failures → `unavailable` with the problem. */
  async function refresh(): Promise<void> {
    status.value = status.value === 'authenticated' ? 'authenticated' : 'loading';
    try {
      const result = await useApiClient().GET('/api/v1/auth/me');
      if (result.response.status === 401) {
        clear(me.value !== null ? 'expired' : notice.value);
        return;
      }
      accept(await unwrap(Promise.resolve(result)));
    } catch (error) {
      problem.value = isApiProblem(error) ? error : networkProblem(error, null);
      me.value = null;
      status.value = 'unavailable';
    }
  }

  /** Loads the session once; later calls wait for the same answer. */
  function ensureLoaded(): Promise<void> {
    if (status.value === 'authenticated' || status.value === 'anonymous') return Promise.resolve();
    loading ??= refresh().finally(() => {
      loading = null;
    });
    return loading;
  }

  /** Staff sign-in with login and password; throws the api's problem (e.g. AUTH.INVALID_CREDENTIALS). */
  async function login(loginName: string, password: string): Promise<Me> {
    const next = await unwrap(
      useApiClient().POST('/api/v1/auth/login', { body: { login: loginName, password } }),
    );
    accept(next);
    return next;
  }

  /** Ends this session (a session that is already gone counts as ended). */
  async function logout(): Promise<void> {
    try {
      await unwrap(useApiClient().POST('/api/v1/auth/logout'));
    } catch (error) {
      if (!(isApiProblem(error) && error.status === 401)) throw error;
    }
    clear('signedOut');
  }

  /** Ends every session of this person, this one included. */
  async function logoutAll(): Promise<void> {
    try {
      await unwrap(useApiClient().POST('/api/v1/auth/logout-all'));
    } catch (error) {
      if (!(isApiProblem(error) && error.status === 401)) throw error;
    }
    clear('signedOutEverywhere');
  }

  /** Staff: act for another organisation of theirs; roles (and so what the UI shows) change with it. */
  async function switchOrganisation(organisationId: string): Promise<void> {
    accept(
      await unwrap(useApiClient().POST('/api/v1/auth/active-organisation', { body: { organisationId } })),
    );
  }

  /** Staff: saves the own time zone. */
  async function updateProfile(timeZone: string): Promise<void> {
    accept(await unwrap(useApiClient().PATCH('/api/v1/auth/profile', { body: { timeZone } })));
  }

  /** Staff: changes the own password (the api ends the other sessions). */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await unwrap(useApiClient().POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));
  }

  /** Patients: whose card to act for (own or a represented person's). */
  function setActingFor(patientId: string): void {
    if (!actingForOptions.value.some((p) => p.id === patientId)) return;
    actingForId.value = patientId;
    sessionStorageSafe()?.setItem(ACTING_FOR_KEY, patientId);
  }

  function hasRole(role: Role): boolean {
    return roles.value.includes(role);
  }

  function hasAnyRole(required: readonly Role[] | undefined): boolean {
    return allowedFor(roles.value, required);
  }

  function takeNotice(): SessionNotice | null {
    const current = notice.value;
    notice.value = null;
    return current;
  }

  return {
    me,
    status,
    problem,
    notice,
    isAuthenticated,
    isStaff,
    isPatient,
    roles,
    organisations,
    activeOrganisation,
    user,
    actingForOptions,
    actingFor,
    ensureLoaded,
    refresh,
    login,
    logout,
    logoutAll,
    switchOrganisation,
    updateProfile,
    changePassword,
    setActingFor,
    hasRole,
    hasAnyRole,
    clear,
    takeNotice,
  };
});
