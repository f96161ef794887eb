import { shallowRef, watch, type App } from 'vue';
import type { Router } from 'vue-router';
import type { TmkI18n } from '@tmk/web-i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title; `<title>` becomes "<page> — <app title>". */
    titleKey?: string;
    /** `bare`: no navigation (sign-in page). */
    layout?: 'default' | 'bare';
  }
}

/**
 * Keeps `document.title` in step with the route and the language: "<page> — ТМК — <app>" (`documentTitleKey`
 * alone on the home page), so tabs, history and screen readers name the page.
 */
export function installPageTitle(router: Router, i18n: TmkI18n, documentTitleKey: string): void {
  const update = (): void => {
    const { t } = i18n.global;
    const app = t(documentTitleKey);
    const key = router.currentRoute.value.meta.titleKey;
    document.title = key ? `${t(key)}${t('app.titleSeparator')}${app}` : app;
  };
  router.afterEach(update);
  watch(i18n.global.locale, update);
}

/** The last error the boundary caught, for the error page (e.g. to show a request id). */
export const lastAppError = shallowRef<unknown>(null);

/**
 * The error boundary: an error thrown while rendering, in a lifecycle hook, a watcher or an event handler
 * (also a rejected async handler), or a failed route load, is logged and the error page shown. The URL of
 * the failed page stays in history, so "back" returns to it.
 */
export function installErrorBoundary(app: App, router: Router, errorRouteName = 'error'): void {
  const show = (error: unknown): void => {
    console.error(error);
    lastAppError.value = error;
    if (router.currentRoute.value.name === errorRouteName) return; // never loop on the error page itself
    void router.push({ name: errorRouteName });
  };
  app.config.errorHandler = (error) => show(error);
  router.onError((error) => show(error));
}
