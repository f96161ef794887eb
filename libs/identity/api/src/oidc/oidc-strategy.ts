import type { Request } from 'express';
import type { Configuration, TokenEndpointResponse, TokenEndpointResponseHelpers } from 'openid-client';
import { Strategy, type AuthenticateOptions, type VerifyFunction } from 'openid-client/passport';

/** Key under which the strategy keeps its per-login state in `req.session`. */
export const STRATEGY_STATE_KEY = 'oidc';

export interface OidcAuthenticateOptions extends AuthenticateOptions {
  /** 'login' starts an authorization request; 'callback' only ever completes one. */
  readonly phase: 'login' | 'callback';
  /** Added to the authorization request: state, nonce and what the client authentication asks for. */
  readonly extraParameters?: Readonly<Record<string, string>>;
}

/**
 * openid-client's passport strategy with two adjustments: the authorization request always carries our own
 * `state` and `nonce` (the stock strategy sends `state` only when the provider lacks PKCE, and `nonce`
 * only for implicit/hybrid flows), and the callback route never starts a new login when a request comes
 * without a code.
 */
export class TmkOidcStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(
    req: Request,
    options: T,
  ): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    const extra = (options as Partial<OidcAuthenticateOptions>).extraParameters ?? {};
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return params;
  }

  override shouldInitiateAuthRequest<T extends AuthenticateOptions>(
    _req: Request,
    _currentUrl: URL,
    options: T,
  ): boolean {
    return (options as Partial<OidcAuthenticateOptions>).phase === 'login';
  }
}

export type OidcTokens = TokenEndpointResponse & TokenEndpointResponseHelpers;

export function createStrategy(
  config: Configuration,
  name: string,
  callbackURL: string,
  scope: string,
  verify: (tokens: OidcTokens) => Promise<unknown>,
): TmkOidcStrategy {
  const verifyFunction: VerifyFunction = (tokens, done) => {
    verify(tokens).then(
      (user) => done(null, user as Express.User),
      (error: unknown) => done(error),
    );
  };
  return new TmkOidcStrategy(
    { config, name, sessionKey: STRATEGY_STATE_KEY, callbackURL, scope },
    verifyFunction,
  );
}

/** How a passport strategy ended one request. */
export type StrategyOutcome =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'success'; readonly user: unknown }
  | { readonly kind: 'fail'; readonly info: unknown }
  | { readonly kind: 'error'; readonly error: unknown };

interface StrategyActions {
  redirect(url: string): void;
  success(user: unknown): void;
  fail(info?: unknown): void;
  error(error: unknown): void;
  pass(): void;
}

/**
 * Runs a passport strategy on one request and resolves with what it decided, instead of letting it write
 * the response: this is the augmentation `passport.authenticate()` performs (an instance created from the
 * strategy with success/fail/redirect/error/pass bound to the request), so the caller can persist the
 * login transaction before redirecting and map every failure to its own redirect.
 */
export function runStrategy(
  strategy: Strategy,
  req: Request,
  options: OidcAuthenticateOptions,
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const actions: StrategyActions = {
      redirect: (url) => resolve({ kind: 'redirect', url }),
      success: (user) => resolve({ kind: 'success', user }),
      fail: (info) => resolve({ kind: 'fail', info }),
      error: (error) => resolve({ kind: 'error', error }),
      pass: () => resolve({ kind: 'fail', info: { message: 'strategy passed' } }),
    };
    const instance: unknown = Object.assign(Object.create(strategy) as object, actions);
    try {
      Reflect.apply(strategy.authenticate, instance, [req, options]);
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}
