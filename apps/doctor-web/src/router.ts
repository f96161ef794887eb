import type { Router } from 'vue-router';
import { CLINICAL_ROLES, installSessionGuard } from '@tmk/web-auth';
import { commonRoutes, createSpaRouter } from '@tmk/web-ui';
import HomePage from './pages/HomePage.vue';

const RequestsPage = () => import('./pages/RequestsPage.vue');

export function createAppRouter(): Router {
  const router = createSpaRouter([
    { path: '/', name: 'home', component: HomePage },
    { path: '/requests', redirect: { name: 'requests-new' } },
    {
      path: '/requests/new',
      name: 'requests-new',
      component: RequestsPage,
      props: { kind: 'new' },
      meta: { titleKey: 'requests.new.title' },
    },
    {
      path: '/requests/in-work',
      name: 'requests-in-work',
      component: RequestsPage,
      props: { kind: 'inWork' },
      meta: { titleKey: 'requests.inWork.title' },
    },
    {
      path: '/requests/closed',
      name: 'requests-closed',
      component: RequestsPage,
      props: { kind: 'closed' },
      meta: { titleKey: 'requests.closed.title' },
    },
    {
      path: '/requests/overdue',
      name: 'requests-overdue',
      component: RequestsPage,
      props: { kind: 'overdue' },
      meta: { titleKey: 'requests.overdue.title' },
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
    ...commonRoutes({ app: 'doctor', staffLogin: true }),
  ]);
  installSessionGuard(router, { accountKind: 'staff' });
  return router;
}
