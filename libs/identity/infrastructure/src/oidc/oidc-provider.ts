import * as client from 'openid-client';
import type { OidcClientAuthentication } from './client-authentication';

/** One configured external identity provider. */
export interface OidcProviderDefinition {
  /** Path segment and public id, e.g. `esia-demo`. */
  readonly id: string;
  /** Shown on the login button, e.g. «Госуслуги (демо)». */
  readonly name: string;
  readonly issuer: URL;
  readonly clientId: string;
  readonly scope: string;
  readonly authentication: OidcClientAuthentication;
  /** Parameters always sent with the authorization request (e.g. `prompt=login`). */
  readonly authorizationParameters?: Readonly<Record<string, string>>;
}

export interface OidcProviderOptions {
  /** Plain-http issuers: allowed for development and loopback addresses only. */
  readonly allowHttp: boolean;
  /** Seconds for discovery and every later request to the provider. */
  readonly timeoutSeconds: number;
}

interface ErrorLike {
  readonly message: string;
  readonly code?: unknown;
  readonly cause?: unknown;
}

/** Duck-typed: errors thrown by fetch may come from another realm (e.g. under jest). */
function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string';
}

/** "outer message: inner cause: root cause" (openid-client wraps network and protocol errors). */
export function errorChain(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  let text = '';
  let current: unknown = error;
  for (let depth = 0; isErrorLike(current) && depth < 6; depth++) {
    const code = typeof current.code === 'string' ? ` [${current.code}]` : '';
    if (current.message && !text.includes(current.message)) {
      text = text ? `${text}: ${current.message}${code}` : `${current.message}${code}`;
    }
    current = current.cause;
  }
  return text || 'unknown error';
}

/** The provider could not be reached or described itself wrongly; the login cannot start now. */
export class OidcUnavailableError extends Error {
  constructor(providerId: string, cause: unknown) {
    super(`OpenID provider "${providerId}" is unavailable: ${errorChain(cause)}`, { cause });
    this.name = 'OidcUnavailableError';
  }
}

/**
 * A provider and its discovered metadata. Discovery happens lazily (and once more after a failure), so an
 * unreachable provider at start never stops the api: the first login retries it. The resulting
 * openid-client Configuration verifies ID token signatures against the provider's JWKS
 * (`enableNonRepudiationChecks`), on top of the issuer, audience, expiry and nonce checks it always does.
 */
export class OidcProvider {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    readonly definition: OidcProviderDefinition,
    private readonly options: OidcProviderOptions,
  ) {}

  get id(): string {
    return this.definition.id;
  }

  /** The discovered configuration; concurrent callers share one discovery; a failure is not cached. */
  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const attempt = this.discover();
      this.discovered = attempt;
      attempt.catch(() => {
        if (this.discovered === attempt) this.discovered = null;
      });
    }
    return this.discovered;
  }

  /** Forget the metadata (and the cached JWKS with it): the next login discovers again. */
  reset(): void {
    this.discovered = null;
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, authentication } = this.definition;
    const insecure = issuer.protocol === 'http:';
    if (insecure && !this.options.allowHttp) {
      throw new OidcUnavailableError(
        this.id,
        new Error(`plain-http issuer ${issuer.href} refused in production`),
      );
    }
    try {
      const configuration = await client.discovery(
        issuer,
        clientId,
        { token_endpoint_auth_method: authentication.method },
        authentication.tokenEndpoint(),
        {
          timeout: this.options.timeoutSeconds,
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      );
      client.enableNonRepudiationChecks(configuration);
      return configuration;
    } catch (error) {
      throw new OidcUnavailableError(this.id, error);
    }
  }
}

/** Plain http only where no network sits between (development, tests, loopback). */
export function httpIssuerAllowed(issuer: URL, nodeEnv: string): boolean {
  return nodeEnv !== 'production' || ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}
