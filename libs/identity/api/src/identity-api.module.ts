import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { APP_CONFIG, AUTHENTICATOR, type AppConfig } from '@tmk/shared-infrastructure';
import { IDENTITY_AUTHORIZER, IDENTITY_DIRECTORY } from '@tmk/identity-contracts';
import {
  AuthorizerService,
  DirectoryService,
  IDENTITY_SETTINGS,
  identityApplicationServices,
  type IdentitySettings,
} from '@tmk/identity-application';
import { identityAdapters } from '@tmk/identity-infrastructure';
import { AuthController } from './auth/auth.controller';
import { OAuthController } from './auth/oauth.controller';
import { AuthSessions, IdentityAuthenticator, IdentityLookup } from './auth/identity-authenticator';
import { OrganisationsController } from './organisations.controller';
import { StaffController } from './staff.controller';
import { PatientsController } from './patients.controller';
import { OidcController, oidcProviders } from './oidc';
import { IntegratorsController } from './integrators.controller';

/**
 * The identity context as the api process hosts it. Global: its published contracts (authenticator,
 * authorizer, directory) are what the other contexts' modules inject.
 */
@Global()
@Module({
  controllers: [
    AuthController,
    OAuthController,
    OrganisationsController,
    StaffController,
    PatientsController,
    IntegratorsController,
    OidcController,
  ],
  providers: [
    ...identityApplicationServices,
    ...identityAdapters,
    IdentityAuthenticator,
    AuthSessions,
    IdentityLookup,
    ...oidcProviders,
    { provide: AUTHENTICATOR, useExisting: IdentityAuthenticator },
    { provide: IDENTITY_AUTHORIZER, useExisting: AuthorizerService },
    { provide: IDENTITY_DIRECTORY, useExisting: DirectoryService },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: IDENTITY_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): IdentitySettings => ({
        sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000,
        sessionMaxMs: config.SESSION_MAX_HOURS * 3_600_000,
        loginMaxFailures: config.LOGIN_MAX_FAILURES,
        loginLockMs: config.LOGIN_LOCK_MINUTES * 60_000,
        integratorTokenMs: config.INTEGRATOR_TOKEN_MINUTES * 60_000,
      }),
    },
  ],
  exports: [AUTHENTICATOR, IDENTITY_AUTHORIZER, IDENTITY_DIRECTORY, AuthSessions, IdentityLookup],
})
export class IdentityApiModule {}
