import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { createApiClient, setSharedApiClient } from '@tmk/web-api-client';
import { installSessionGuard } from './guard';

const Page = { render: () => null };

function anonymousApi(): void {
  const fetch = ((request: Request) =>
    Promise.resolve(
      new URL(request.url).pathname === '/api/v1/auth/me'
        ? new Response(JSON.stringify({ code: 'ACCESS.UNAUTHENTICATED', status: 401 }), {
            status: 401,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : new Response(null, { status: 404 }),
    )) as typeof globalThis.fetch;
  globalThis.fetch = fetch;
  setSharedApiClient(createApiClient('http://localhost'));
}

function appRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Page },
      { path: '/login', name: 'login', component: Page, meta: { public: true } },
      { path: '/verify', name: 'verify', component: Page, meta: { public: true } },
    ],
  });
  installSessionGuard(router, { accountKind: 'staff' });
  return router;
}

describe('installSessionGuard', () => {
  const realFetch = globalThis.fetch;

  beforeEach(() => {
    setActivePinia(createPinia());
    anonymousApi();
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    setSharedApiClient(undefined);
  });

  it('firstNavigation_whenAPublicPageIsOpenedWithoutASession_staysOnIt', async () => {
    const router = appRouter();
    await router.push('/verify');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.currentRoute.value.name).toBe('verify');
  });

  it('firstNavigation_whenAProtectedPageIsOpenedWithoutASession_goesToSignIn', async () => {
    const router = appRouter();
    await router.push('/');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.currentRoute.value.name).toBe('login');
  });
});
