/** Tunables of identity, taken from the app configuration by the api module. */
export interface IdentitySettings {
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  readonly loginMaxFailures: number;
  readonly loginLockMs: number;
  readonly integratorTokenMs: number;
}

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');
