import type { Router } from 'vue-router';
import { installSessionGuard } from '@tmk/web-auth';
import { commonRoutes, createSpaRouter } from '@tmk/web-ui';
import HomePage from './pages/HomePage.vue';

export function createAppRouter(): Router {
  const router = createSpaRouter([
    { path: '/', name: 'home', component: HomePage },
    {
      path: '/consultations',
      name: 'consultations',
      component: () => import('./pages/ConsultationsPage.vue'),
      meta: { titleKey: 'consultations.title' },
    },
    {
      path: '/booking',
      name: 'booking',
      component: () => import('./pages/BookingPage.vue'),
      meta: { titleKey: 'booking.title' },
    },
    {
      path: '/referrals',
      name: 'referrals',
      component: () => import('./pages/ReferralsPage.vue'),
      meta: { titleKey: 'referrals.title' },
    },
    {
      path: '/profile',
      name: 'profile',
      component: () => import('./pages/ProfilePage.vue'),
      meta: { titleKey: 'profile.title' },
    },
    {
      path: '/access-log',
      name: 'access-log',
      component: () => import('./pages/AccessLogPage.vue'),
      meta: { titleKey: 'accessLog.title' },
    },
    // Patients sign in through Gosuslugi (ESIA) only: no staff login form.
    ...commonRoutes({ app: 'patient', staffLogin: false }),
  ]);
  installSessionGuard(router, { accountKind: 'patient' });
  return router;
}
