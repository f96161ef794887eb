import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import { OidcTransactions } from '@tmk/identity-infrastructure';
import { OidcLoginService } from './oidc-login.service';
import { OidcProviders, oidcProvidersFromConfig } from './oidc-providers';

export { OidcController } from './oidc.controller';
export { OidcLoginService } from './oidc-login.service';
export { OidcProviders } from './oidc-providers';

/** Providers of the external (OpenID Connect) login; the controller is OidcController. */
export const oidcProviders: Provider[] = [
  { provide: OidcProviders, inject: [APP_CONFIG], useFactory: oidcProvidersFromConfig },
  {
    provide: OidcTransactions,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => new OidcTransactions(config.REDIS_URL, config.QUEUE_PREFIX),
  },
  OidcLoginService,
];
