import * as client from 'openid-client';

/** What the client authentication may need to know about the authorization request being built. */
export interface AuthorizationRequestContext {
  readonly clientId: string;
  readonly scope: string;
  readonly state: string;
  readonly redirectUri: string;
}

/**
 * Port: how ТМК proves to an OpenID provider that it is the registered client (ADR 0010). Most providers
 * take a shared secret at the token endpoint (`client_secret_basic`, the default adapter below). ЕСИА
 * instead wants a detached GOST R 34.10-2012 CMS signature over `scope + timestamp + client_id + state`
 * as `client_secret`, on the authorization request and again on the token request: an adapter for it
 * implements both methods with the organisation's key and certificate.
 */
export interface OidcClientAuthentication {
  /** The registered `token_endpoint_auth_method` (logs, client metadata). */
  readonly method: string;
  /** Extra parameters for the authorization request (none for standard providers). */
  authorizationParameters(context: AuthorizationRequestContext): Promise<Record<string, string>>;
  /**
   * openid-client's client authentication for back-channel requests (token endpoint). It may add headers
   * or body parameters; oauth4webapi awaits it, so an adapter may sign asynchronously.
   */
  tokenEndpoint(): client.ClientAuth;
}

/** The default: HTTP Basic with client id and secret (RFC 6749 §2.3.1). */
export class ClientSecretBasicAuthentication implements OidcClientAuthentication {
  readonly method = 'client_secret_basic';

  constructor(private readonly clientSecret: string) {}

  authorizationParameters(): Promise<Record<string, string>> {
    return Promise.resolve({});
  }

  tokenEndpoint(): client.ClientAuth {
    return client.ClientSecretBasic(this.clientSecret);
  }
}
