/** The SPA a login starts from and returns to. */
export const LOGIN_APPS = ['patient', 'doctor', 'coordinator'] as const;
export type LoginApp = (typeof LOGIN_APPS)[number];

export function appHome(app: LoginApp): string {
  return `/${app}/`;
}

/** Where a failed login lands: the app's login page with a stable error code. */
export function loginErrorUrl(app: LoginApp, code: string): string {
  return `/${app}/login?loginError=${encodeURIComponent(code)}`;
}

const ORIGIN = 'http://tmk.invalid';

/**
 * `returnTo` if it is a relative path inside the app's SPA (`/patient/…` for app=patient), otherwise the
 * app's home. Refuses absolute and scheme-relative URLs, backslashes, control characters and paths that
 * normalise out of the app (`/patient/../doctor/`), so the login cannot become an open redirect.
 */
export function safeReturnTo(app: LoginApp, returnTo: string | undefined): string {
  const home = appHome(app);
  if (!returnTo || returnTo.length > 512) return home;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (!returnTo.startsWith(home) || /[\\\u0000-\u001f\u007f]/.test(returnTo)) return home;
  let url: URL;
  try {
    url = new URL(returnTo, ORIGIN);
  } catch {
    return home;
  }
  if (url.origin !== ORIGIN || !url.pathname.startsWith(home) || url.pathname.startsWith('//')) return home;
  return `${url.pathname}${url.search}${url.hash}`;
}
