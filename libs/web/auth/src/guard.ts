import type { NavigationGuard } from 'vue-router';
import { useSessionStore } from './session.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login, error pages). */
    public?: boolean;
  }
}

export interface RequireSessionOptions {
  /** Route name of the login page. */
  readonly loginRoute?: string;
  /**
   * Whether anonymous users are sent to the login page. Off until the identity module provides sign-in:
   * blocking now would lock everyone out.
   */
  readonly enforce?: boolean;
}

/**
 * A `router.beforeEach` guard: routes with `meta.public` always pass; other routes need a session once
 * `enforce` is on, and an anonymous user is then sent to the login page with the wanted address kept in
 * `?redirect=`.
 */
export function requireSession(options: RequireSessionOptions = {}): NavigationGuard {
  const { loginRoute = 'login', enforce = false } = options;
  return (to) => {
    if (to.meta.public === true || !enforce) return true;
    const session = useSessionStore();
    if (session.isAuthenticated) return true;
    return { name: loginRoute, query: { redirect: to.fullPath } };
  };
}
