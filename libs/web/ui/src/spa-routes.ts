import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router';
import ErrorPage from './components/ErrorPage.vue';
import type { SpaApp } from '@tmk/web-api-client';
import ChangePasswordPage from './components/ChangePasswordPage.vue';
import LoginPage from './components/LoginPage.vue';
import { lastAppError } from './app-setup';

function requestIdOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'requestId' in error) {
    const id = (error as { requestId: unknown }).requestId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/**
 * Routes every SPA has: sign-in, the forced change of a temporary password, "not allowed" (a route's
 * `meta.roles` not held), the error boundary's page and the catch-all 404.
 */
export function commonRoutes(options: { app: SpaApp; staffLogin: boolean }): RouteRecordRaw[] {
  return [
    {
      path: '/login',
      name: 'login',
      component: LoginPage,
      props: { app: options.app, staff: options.staffLogin },
      meta: { public: true, layout: 'bare', titleKey: 'login.title' },
    },
    {
      path: '/password',
      name: 'change-password',
      component: ChangePasswordPage,
      meta: { layout: 'bare', titleKey: 'password.requiredTitle' },
    },
    {
      path: '/forbidden',
      name: 'forbidden',
      component: ErrorPage,
      props: { kind: 'forbidden' },
      meta: { public: true, titleKey: 'errors.forbiddenTitle' },
    },
    {
      path: '/error',
      name: 'error',
      component: ErrorPage,
      props: () => ({ kind: 'error', requestId: requestIdOf(lastAppError.value) }),
      meta: { public: true, titleKey: 'errors.genericTitle' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: ErrorPage,
      props: { kind: 'not-found' },
      meta: { public: true, titleKey: 'errors.notFoundTitle' },
    },
  ];
}

/** An SPA router under the app's base path (`/doctor/` …), scrolling to the top on navigation. */
export function createSpaRouter(routes: RouteRecordRaw[]): Router {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
