/**
 * Throttling of password logins, keyed by the login as typed (existing or not, so the answer never tells
 * whether an account exists). `maxFailures` failures inside `windowMs` lock the key for `windowMs`.
 */
export interface ThrottleState {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lockedUntil: Date | null;
}

export interface ThrottleRule {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export function lockedFor(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

export function afterFailure(state: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleState {
  const windowOver = state !== null && now.getTime() - state.windowStartedAt.getTime() > rule.windowMs;
  const lockOver = state?.lockedUntil != null && state.lockedUntil.getTime() <= now.getTime();
  if (state === null || windowOver || lockOver) {
    return {
      failures: 1,
      windowStartedAt: now,
      lockedUntil: rule.maxFailures <= 1 ? new Date(now.getTime() + rule.windowMs) : null,
    };
  }
  const failures = state.failures + 1;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.windowMs) : null;
  return { failures, windowStartedAt: state.windowStartedAt, lockedUntil };
}

/** Normalises a login for comparison and throttling: trimmed, lower case, NFC. */
export function normalizeLogin(login: string): string {
  return login.trim().normalize('NFC').toLowerCase();
}

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;
