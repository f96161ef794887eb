import type { Router } from 'vue-router';
import { ADMIN_ROLES, installSessionGuard } from '@tmk/web-auth';
import { commonRoutes, createSpaRouter } from '@tmk/web-ui';
import HomePage from './pages/HomePage.vue';

/** Who reads the journal and the dashboard (as the api allows). */
const JOURNAL_ROLES = ['DISPATCHER', 'REGIONAL_ADMIN', 'SYSTEM_ADMIN'] as const;

export function createAppRouter(): Router {
  const router = createSpaRouter([
    { path: '/', name: 'home', component: HomePage },
    {
      path: '/queue',
      name: 'queue',
      component: () => import('./pages/QueuePage.vue'),
      meta: { titleKey: 'queue.title' },
    },
    {
      path: '/centres',
      name: 'centres',
      component: () => import('./pages/CentresPage.vue'),
      meta: { titleKey: 'centres.title' },
    },
    {
      path: '/journal',
      name: 'journal',
      component: () => import('./pages/JournalPage.vue'),
      meta: { titleKey: 'journal.title', roles: JOURNAL_ROLES },
    },
    {
      path: '/dashboard',
      name: 'dashboard',
      component: () => import('./pages/DashboardPage.vue'),
      meta: { titleKey: 'dashboard.title', roles: JOURNAL_ROLES },
    },
    {
      path: '/users',
      name: 'users',
      component: () => import('./pages/UsersPage.vue'),
      meta: { titleKey: 'users.title', roles: ADMIN_ROLES },
    },
    {
      path: '/organisations',
      name: 'organisations',
      component: () => import('./pages/OrganisationsPage.vue'),
      meta: { titleKey: 'organisations.title', roles: ADMIN_ROLES },
    },
    {
      path: '/audit',
      name: 'audit',
      component: () => import('./pages/AuditPage.vue'),
      meta: { titleKey: 'audit.title', roles: ADMIN_ROLES },
    },
    {
      path: '/security',
      name: 'security',
      component: () => import('./pages/SecurityPage.vue'),
      meta: { titleKey: 'security.title', roles: ADMIN_ROLES },
    },
    {
      // the signature verifier's trust store: system administrators change it, regional ones read it
      path: '/trust',
      name: 'trust',
      component: () => import('./pages/TrustPage.vue'),
      meta: { titleKey: 'trust.title', roles: ADMIN_ROLES },
    },
    ...commonRoutes({ app: 'coordinator', staffLogin: true }),
  ]);
  installSessionGuard(router, { accountKind: 'staff' });
  return router;
}
