import type { RouteRecordRaw, Router } from 'vue-router';
import { CLINICAL_ROLES, installSessionGuard, useSessionStore } from '@tmk/web-auth';
import { commonRoutes, createSpaRouter } from '@tmk/web-ui';
import HomePage from './pages/HomePage.vue';
import { BOX_ROUTES, type Perspective } from './requests/routes';

const RequestsPage = () => import('./pages/RequestsPage.vue');
const RequestFormPage = () => import('./pages/RequestFormPage.vue');
const RequestPage = () => import('./pages/RequestPage.vue');

declare module 'vue-router' {
  interface RouteMeta {
    /** Without a session the page shows without the app's navigation (the public signature check). */
    bareWhenAnonymous?: boolean;
  }
}

/** A request id in an address (UUID), so `/requests/new` and the like stay list routes. */
const ID = ':id([0-9a-fA-F-]{36})';

const PATHS: Record<Perspective, Record<string, string>> = {
  inbox: {
    NEW: '/requests/new',
    IN_WORK: '/requests/in-work',
    CLOSED: '/requests/closed',
    OVERDUE: '/requests/overdue',
  },
  mine: {
    DRAFT: '/requests/mine/drafts',
    OPEN: '/requests/mine/open',
    CLOSED: '/requests/mine/closed',
    OVERDUE: '/requests/mine/overdue',
  },
};

function listRoutes(perspective: Perspective): RouteRecordRaw[] {
  return Object.entries(BOX_ROUTES[perspective]).map(([box, name]) => ({
    path: PATHS[perspective][box] ?? `/requests/${box}`,
    name,
    component: RequestsPage,
    props: { perspective, box },
    meta: {
      titleKey: `requests.${perspective}.boxes.${box}`,
      roles: perspective === 'inbox' ? ['CONSULTANT'] : ['REQUESTING_DOCTOR'],
    },
  }));
}

export function createAppRouter(): Router {
  const router = createSpaRouter([
    { path: '/', name: 'home', component: HomePage },
    {
      // the lists of the role held in the active organisation
      path: '/requests',
      name: 'requests',
      component: RequestsPage,
      beforeEnter: async () => {
        const session = useSessionStore();
        await session.ensureLoaded();
        return { name: session.hasRole('CONSULTANT') ? 'requests-new' : 'requests-mine-open' };
      },
    },
    ...listRoutes('inbox'),
    { path: '/requests/mine', redirect: { name: 'requests-mine-open' } },
    ...listRoutes('mine'),
    {
      path: '/requests/create',
      name: 'request-create',
      component: RequestFormPage,
      meta: { titleKey: 'requestForm.createTitle', roles: ['REQUESTING_DOCTOR'] },
    },
    {
      path: `/requests/${ID}/edit`,
      name: 'request-edit',
      component: RequestFormPage,
      props: true,
      meta: { titleKey: 'requestForm.editTitle', roles: ['REQUESTING_DOCTOR'] },
    },
    {
      path: `/requests/${ID}`,
      name: 'request',
      component: RequestPage,
      props: true,
      meta: { titleKey: 'request.pageTitle', roles: ['REQUESTING_DOCTOR', 'CONSULTANT'] },
    },
    {
      path: '/schedule',
      name: 'schedule',
      component: () => import('./pages/SchedulePage.vue'),
      meta: { titleKey: 'schedule.title' },
    },
    {
      path: '/referrals',
      name: 'referrals',
      component: () => import('./pages/ReferralsPage.vue'),
      meta: { titleKey: 'referrals.title' },
    },
    {
      path: '/patients',
      name: 'patients',
      component: () => import('./pages/PatientsPage.vue'),
      meta: { titleKey: 'patients.title', roles: CLINICAL_ROLES },
    },
    {
      path: '/patients/:id',
      name: 'patient',
      component: () => import('./pages/PatientCardPage.vue'),
      props: true,
      meta: { titleKey: 'patients.cardTitle', roles: CLINICAL_ROLES },
    },
    {
      path: '/profile',
      name: 'profile',
      component: () => import('./pages/ProfilePage.vue'),
      meta: { titleKey: 'profile.title' },
    },
    {
      // the public signature check: anyone, signed in or not; it calls only the public verification endpoint
      path: '/verify',
      name: 'verify',
      component: () => import('./pages/VerifyPage.vue'),
      meta: { public: true, bareWhenAnonymous: true, titleKey: 'verify.title' },
    },
    ...commonRoutes({ app: 'doctor', staffLogin: true }),
  ]);
  installSessionGuard(router, { accountKind: 'staff' });
  return router;
}
