import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { DomainError, isValidSnils, normalizeSnils } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import { OidcTransactions, errorChain, type OidcProvider } from '@tmk/identity-infrastructure';
import { AuthSessions, IdentityLookup } from '../auth/identity-authenticator';
import { readCookie, secureCookies } from '../auth/session-cookies';
import { OidcProviders } from './oidc-providers';
import {
  STRATEGY_STATE_KEY,
  createStrategy,
  runStrategy,
  type OidcTokens,
  type StrategyOutcome,
  type TmkOidcStrategy,
} from './oidc-strategy';
import { LOGIN_APPS, appHome, loginErrorUrl, safeReturnTo, type LoginApp } from './return-to';

/** The httpOnly cookie naming this browser's login transaction (OidcTransactions). */
export const OIDC_TX_COOKIE = 'tmk_oidc_tx';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc/';

/** Redirect codes the login pages translate. */
export const OIDC_LOGIN_ERRORS = {
  noAccount: 'AUTH.NO_ACCOUNT',
  failed: 'AUTH.OIDC_FAILED',
  unavailable: 'AUTH.OIDC_UNAVAILABLE',
} as const;

interface LoginTransaction {
  readonly provider: string;
  readonly app: LoginApp;
  readonly returnTo: string;
  /** What the strategy keeps between the two legs: PKCE verifier, nonce, state. */
  readonly strategyState: Record<string, unknown>;
}

/** Who the provider says signed in. */
interface ExternalIdentity {
  readonly sub: string;
  readonly snils: string | null;
}

type RequestWithSession = Request & { session?: Record<string, unknown> };

function describe(value: unknown): string {
  if (value && typeof value === 'object' && !(value instanceof Error) && 'message' in value) {
    return String(value.message);
  }
  return errorChain(value);
}

/**
 * Sign-in through an external OpenID Connect provider (ADR 0010): authorization code flow with PKCE
 * (S256), state and nonce; the ID token's signature, issuer, audience, expiry and nonce are checked by
 * openid-client. The person is found by the SNILS claim: a patient card for the patient app, a staff user
 * for the doctor and coordinator apps.
 */
@Injectable()
export class OidcLoginService {
  private readonly logger = new Logger('OidcLogin');
  private readonly strategies = new WeakMap<client.Configuration, TmkOidcStrategy>();

  constructor(
    private readonly providers: OidcProviders,
    private readonly transactions: OidcTransactions,
    private readonly sessions: AuthSessions,
    private readonly lookup: IdentityLookup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): { id: string; name: string }[] {
    return this.providers.list();
  }

  /** First leg: remember the transaction, send the browser to the provider. */
  async start(
    providerId: string,
    query: { app?: LoginApp; returnTo?: string },
    req: Request,
    res: Response,
  ): Promise<void> {
    const provider = this.provider(providerId);
    const app = query.app ?? LOGIN_APPS.find((a) => query.returnTo?.startsWith(appHome(a))) ?? 'patient';
    const returnTo = safeReturnTo(app, query.returnTo);
    let strategy: TmkOidcStrategy;
    try {
      strategy = await this.strategyFor(provider);
    } catch (error) {
      this.logger.warn(`login via ${providerId} cannot start: ${describe(error)}`);
      return this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.unavailable));
    }
    const { definition } = provider;
    const state = client.randomState();
    const extraParameters = {
      ...definition.authorizationParameters,
      ...(await definition.authentication.authorizationParameters({
        clientId: definition.clientId,
        scope: definition.scope,
        state,
        redirectUri: this.callbackUrl(providerId),
      })),
      state,
      nonce: client.randomNonce(),
    };
    const session: Record<string, unknown> = {};
    (req as RequestWithSession).session = session;
    const outcome = await runStrategy(strategy, req, { phase: 'login', extraParameters });
    const strategyState = session[STRATEGY_STATE_KEY];
    if (outcome.kind !== 'redirect' || !strategyState || typeof strategyState !== 'object') {
      this.logger.error(`login via ${providerId} could not build the request: ${this.outcomeText(outcome)}`);
      return this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.failed));
    }
    const transaction: LoginTransaction = {
      provider: providerId,
      app,
      returnTo,
      strategyState: strategyState as Record<string, unknown>,
    };
    const id = await this.transactions.save(transaction);
    res.cookie(OIDC_TX_COOKIE, id, {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax', // the provider's redirect back is a top-level GET navigation
      secure: secureCookies(this.config),
      maxAge: this.transactions.ttlSeconds * 1000,
    });
    this.redirect(res, outcome.url);
  }

  /** Second leg: complete the code exchange, find the person, open the session, go back to the app. */
  async finish(providerId: string, req: Request, res: Response): Promise<void> {
    const provider = this.provider(providerId);
    const txId = readCookie(req, OIDC_TX_COOKIE);
    res.clearCookie(OIDC_TX_COOKIE, {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies(this.config),
    });
    const transaction = txId ? await this.transactions.take<LoginTransaction>(txId) : null;
    if (!transaction || transaction.provider !== providerId) {
      return this.fail(
        req,
        res,
        'patient',
        providerId,
        null,
        'no login in progress in this browser (or it expired)',
      );
    }
    const { app } = transaction;
    let identity: ExternalIdentity;
    try {
      const strategy = await this.strategyFor(provider);
      (req as RequestWithSession).session = { [STRATEGY_STATE_KEY]: transaction.strategyState };
      const outcome = await runStrategy(strategy, req, { phase: 'callback' });
      if (outcome.kind !== 'success') {
        // e.g. a key rotated by a restarted provider: rediscover (and refetch its JWKS) next time
        provider.reset();
        return this.fail(req, res, app, providerId, null, this.outcomeText(outcome));
      }
      identity = outcome.user as ExternalIdentity;
    } catch (error) {
      provider.reset();
      return this.fail(req, res, app, providerId, null, describe(error));
    }
    try {
      const subject = await this.subjectFor(app, identity);
      if (!subject) {
        this.logger.warn(
          `login via ${providerId}: no ${app === 'patient' ? 'patient' : 'staff'} account for subject ${identity.sub}`,
        );
        await this.recordFailure(req, `${providerId}:${identity.sub}`, 'NO_ACCOUNT');
        return this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.noAccount));
      }
      await this.sessions.openFor(subject, req, res, providerId);
      this.logger.log(`login via ${providerId}: ${subject.kind} signed in`);
      this.redirect(res, transaction.returnTo);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AUTH.INVALID_CREDENTIALS') {
        // openFor refuses deactivated staff; say no more than "no account"
        await this.recordFailure(req, `${providerId}:${identity.sub}`, 'DEACTIVATED');
        return this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.noAccount));
      }
      this.logger.error(`login via ${providerId} could not open a session: ${describe(error)}`);
      this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.failed));
    }
  }

  private provider(id: string): OidcProvider {
    const provider = this.providers.get(id);
    if (!provider)
      throw DomainError.notFound('AUTH.UNKNOWN_PROVIDER', `No identity provider "${id}" is configured`);
    return provider;
  }

  private callbackUrl(providerId: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/api/v1/auth/oidc/${providerId}/callback`;
  }

  /** One strategy per discovered configuration (a rediscovery makes a new one). */
  private async strategyFor(provider: OidcProvider): Promise<TmkOidcStrategy> {
    const configuration = await provider.configuration();
    let strategy = this.strategies.get(configuration);
    if (!strategy) {
      strategy = createStrategy(
        configuration,
        provider.id,
        this.callbackUrl(provider.id),
        provider.definition.scope,
        (tokens) => this.identityFrom(configuration, tokens),
      );
      this.strategies.set(configuration, strategy);
    }
    return strategy;
  }

  /** Subject and SNILS from the verified ID token, or from userinfo when the ID token lacks the SNILS. */
  private async identityFrom(
    configuration: client.Configuration,
    tokens: OidcTokens,
  ): Promise<ExternalIdentity> {
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    let snils: unknown = claims['snils'];
    if (snils === undefined) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      snils = info['snils'];
    }
    const digits = typeof snils === 'string' ? normalizeSnils(snils) : null;
    return { sub: claims.sub, snils: digits && isValidSnils(digits) ? digits : null };
  }

  private async subjectFor(
    app: LoginApp,
    identity: ExternalIdentity,
  ): Promise<{ kind: 'staff'; userId: string } | { kind: 'patient'; patientId: string } | null> {
    if (!identity.snils) return null;
    if (app === 'patient') {
      const patientId = await this.lookup.patientBySnils(identity.snils);
      return patientId ? { kind: 'patient', patientId } : null;
    }
    const userId = await this.lookup.staffBySnils(identity.snils);
    return userId ? { kind: 'staff', userId } : null;
  }

  private async fail(
    req: Request,
    res: Response,
    app: LoginApp,
    providerId: string,
    sub: string | null,
    reason: string,
  ): Promise<void> {
    this.logger.warn(`login via ${providerId} failed: ${reason}`);
    await this.recordFailure(req, sub ? `${providerId}:${sub}` : providerId, 'PROVIDER_ERROR');
    this.redirect(res, loginErrorUrl(app, OIDC_LOGIN_ERRORS.failed));
  }

  /** LoginFailed event (identity's audit trail); never lets its own failure hide the redirect. */
  private async recordFailure(
    req: Request,
    login: string,
    reason: 'NO_ACCOUNT' | 'PROVIDER_ERROR' | 'DEACTIVATED',
  ): Promise<void> {
    try {
      await this.sessions.recordLoginFailure(login, reason, req);
    } catch (error) {
      this.logger.error(`could not record a failed login: ${describe(error)}`);
    }
  }

  private outcomeText(outcome: StrategyOutcome): string {
    switch (outcome.kind) {
      case 'redirect':
        return 'unexpected redirect';
      case 'success':
        return 'success';
      case 'fail':
        return `rejected: ${describe(outcome.info)}`;
      case 'error':
        return describe(outcome.error);
    }
  }

  private redirect(res: Response, url: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  }
}
