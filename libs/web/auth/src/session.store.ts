import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** Staff and patient roles (see docs: domain §2). The identity module will issue them. */
export type Role =
  | 'REQUESTING_DOCTOR'
  | 'CONSULTANT'
  | 'DISPATCHER'
  | 'REGIONAL_ADMIN'
  | 'SYSTEM_ADMIN'
  | 'PATIENT'
  | 'LEGAL_REPRESENTATIVE';

export interface SessionOrganisation {
  readonly id: string;
  readonly name: string;
}

/** The signed-in person as the identity module will describe them. */
export interface SessionUser {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** The organisation the person acts for in this session (a person may belong to several). */
  readonly organisation: SessionOrganisation | null;
}

export type SessionStatus = 'anonymous' | 'authenticated';

/**
 * The current session. There is no sign-in yet: the store stays anonymous until the identity module
 * provides one (then `signIn`/`signOut` are called from its login flow, never from UI code directly).
 */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const status = ref<SessionStatus>('anonymous');

  const isAuthenticated = computed(() => status.value === 'authenticated' && user.value !== null);

  function hasRole(role: Role): boolean {
    return user.value?.roles.includes(role) ?? false;
  }

  function signIn(next: SessionUser): void {
    user.value = next;
    status.value = 'authenticated';
  }

  function signOut(): void {
    user.value = null;
    status.value = 'anonymous';
  }

  return { user, status, isAuthenticated, hasRole, signIn, signOut };
});
