import { watch } from 'vue';
import type { LocationQueryRaw, NavigationGuard, RouteLocationNormalized, Router } from 'vue-router';
import { onUnauthorized } from '@tmk/web-api-client';
import type { Me } from '@tmk/web-api-client';
import { useSessionStore, type Role } from './session.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login, error pages). */
    public?: boolean;
    /** Staff roles (in the active organisation) of which the person needs one; none: any signed-in person. */
    roles?: readonly Role[];
  }
}

export interface SessionGuardOptions {
  /** Who the app is for: the other kind of account is sent to the sign-in page, which explains. */
  readonly accountKind: Me['kind'];
  /** Route names; defaults `login`, `home`, `forbidden`. */
  readonly loginRoute?: string;
  readonly homeRoute?: string;
  readonly forbiddenRoute?: string;
  /** Where staff with a temporary password must set their own first; default `change-password`. */
  readonly passwordRoute?: string;
}

function loginQuery(to: RouteLocationNormalized): LocationQueryRaw {
  const { loginError, ...rest } = to.query;
  const query: LocationQueryRaw = {};
  let redirect = to.fullPath;
  // A failed external sign-in may land anywhere in the app with ?loginError=…: the sign-in page shows it,
  // and the way back drops it.
  if (typeof loginError === 'string') {
    query['loginError'] = loginError;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      for (const item of [value].flat()) if (typeof item === 'string') search.append(key, item);
    }
    const qs = search.toString();
    redirect = `${to.path}${qs ? `?${qs}` : ''}${to.hash}`;
  }
  if (redirect !== '/') query['redirect'] = redirect;
  return query;
}

/**
 * The router guard: loads the session once, lets public routes through, sends everyone else without a
 * session of the right kind to the sign-in page (with `redirect` back), staff with a temporary password to the
 * password page, and routes that need roles the person lacks in the active organisation to the "forbidden"
 * page.
 */
export function requireSession(options: SessionGuardOptions): NavigationGuard {
  const {
    accountKind,
    loginRoute = 'login',
    forbiddenRoute = 'forbidden',
    passwordRoute = 'change-password',
  } = options;
  return async (to) => {
    const session = useSessionStore();
    await session.ensureLoaded();
    if (to.meta.public === true) return true;
    if (!session.isAuthenticated || session.me?.kind !== accountKind) {
      return { name: loginRoute, query: loginQuery(to) };
    }
    // A new or reset account: the api answers AUTH.PASSWORD_CHANGE_REQUIRED to everything else.
    if (session.me.mustChangePassword === true && to.name !== passwordRoute) {
      return { name: passwordRoute, query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    if (!session.hasAnyRole(to.meta.roles)) {
      return { name: forbiddenRoute, query: { from: to.fullPath } };
    }
    return true;
  };
}

/**
 * Wires the session into an app's router: the {@link requireSession} guard; a 401 from any api call ends the
 * local session and opens the sign-in page with the way back; signing out (here or elsewhere) leaves
 * protected pages; switching the organisation leaves pages the new roles do not allow.
 */
export function installSessionGuard(router: Router, options: SessionGuardOptions): void {
  const { loginRoute = 'login', homeRoute = 'home' } = options;
  router.beforeEach(requireSession(options));
  const session = useSessionStore();

  onUnauthorized(() => {
    if (session.isAuthenticated) session.clear('expired');
  });

  watch(
    () => session.status,
    (status) => {
      const current = router.currentRoute.value;
      if (status !== 'anonymous' || current.meta.public === true) return;
      // The first navigation is still being resolved (the session is loaded inside the guard): the guard
      // decides where it goes — a public page opened directly (the signature check) stays public.
      if (current.matched.length === 0) return;
      const query: LocationQueryRaw = session.notice === 'expired' ? { redirect: current.fullPath } : {};
      void router.push({ name: loginRoute, query });
    },
  );

  watch(
    () => session.roles,
    () => {
      const current = router.currentRoute.value;
      if (session.isAuthenticated && !session.hasAnyRole(current.meta.roles)) {
        void router.replace({ name: homeRoute });
      }
    },
  );
}
