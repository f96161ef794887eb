import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@tmk/shared-infrastructure';
import {
  ClientSecretBasicAuthentication,
  OidcProvider,
  httpIssuerAllowed,
} from '@tmk/identity-infrastructure';

export const ESIA_DEMO = 'esia-demo';

/** Seconds for discovery and for every later request to a provider (token, JWKS, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** The external identity providers configured for this deployment. */
export class OidcProviders implements OnApplicationBootstrap {
  private readonly logger = new Logger('OidcProviders');
  private readonly byId: ReadonlyMap<string, OidcProvider>;

  constructor(providers: readonly OidcProvider[]) {
    this.byId = new Map(providers.map((p) => [p.id, p]));
  }

  list(): { id: string; name: string }[] {
    return [...this.byId.values()].map((p) => ({ id: p.id, name: p.definition.name }));
  }

  get(id: string): OidcProvider | undefined {
    return this.byId.get(id);
  }

  /** Discovers every provider in the background; one that fails is retried by its first login. */
  onApplicationBootstrap(): void {
    for (const provider of this.byId.values()) {
      provider.configuration().then(
        () =>
          this.logger.log(`OpenID provider ${provider.id} discovered at ${provider.definition.issuer.href}`),
        (error: unknown) =>
          this.logger.warn(
            `${error instanceof Error ? error.message : String(error)}; the first login will try again`,
          ),
      );
    }
  }
}

export function oidcProvidersFromConfig(config: AppConfig): OidcProviders {
  const providers: OidcProvider[] = [];
  const issuer = config.OIDC_ESIA_DEMO_ISSUER;
  const clientId = config.OIDC_ESIA_DEMO_CLIENT_ID;
  const secret = config.OIDC_ESIA_DEMO_CLIENT_SECRET;
  if (issuer && clientId && secret) {
    const issuerUrl = new URL(issuer);
    providers.push(
      new OidcProvider(
        {
          id: ESIA_DEMO,
          name: 'Госуслуги (демо)',
          issuer: issuerUrl,
          clientId,
          scope: 'openid profile email phone snils',
          authentication: new ClientSecretBasicAuthentication(secret),
          // The demo asks for the account every time, so one browser can switch between demo people.
          authorizationParameters: { prompt: 'login' },
        },
        {
          allowHttp: httpIssuerAllowed(issuerUrl, config.NODE_ENV),
          timeoutSeconds: PROVIDER_TIMEOUT_SECONDS,
        },
      ),
    );
  } else if (issuer || clientId || secret) {
    new Logger('OidcProviders').warn(
      '«Госуслуги (демо)» login is off: set all of OIDC_ESIA_DEMO_ISSUER, OIDC_ESIA_DEMO_CLIENT_ID and OIDC_ESIA_DEMO_CLIENT_SECRET',
    );
  }
  return new OidcProviders(providers);
}
