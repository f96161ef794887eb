import type { Request, Response } from 'express';
import type { AppConfig } from '@tmk/shared-infrastructure';
import type { OpenedSession } from '@tmk/identity-application';

export const SESSION_COOKIE = 'tmk_session';
export const CSRF_COOKIE = 'tmk_csrf';

/** Secure cookies unless explicitly disabled or served over plain http on localhost (development). */
export function secureCookies(config: AppConfig): boolean {
  if (config.COOKIE_SECURE !== undefined) return config.COOKIE_SECURE;
  const url = new URL(config.PUBLIC_URL);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}

export function setSessionCookies(res: Response, session: OpenedSession, config: AppConfig): void {
  const secure = secureCookies(config);
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  res.cookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response, config: AppConfig): void {
  const secure = secureCookies(config);
  res.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'lax', secure, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure });
}

/** Reads one cookie without a parser middleware. */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function clientMeta(req: Request): { ip: string | null; userAgent: string | null } {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
}
