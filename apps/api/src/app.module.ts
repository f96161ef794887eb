import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AppConfig } from '@tmk/shared-infrastructure';
import { IdentityApiModule } from '@tmk/identity-api';
import { SchedulingApiModule } from '@tmk/scheduling-api';
import { ReferralsApiModule } from '@tmk/referrals-api';
import { ConsultationsApiModule } from '@tmk/consultations-api';
import { SigningApiModule } from '@tmk/signing-api';
import { AuditApiModule } from '@tmk/audit-api';
import { OpsController } from './ops.controller';
import { persistence } from './persistence';

/** Composition root of the api process: wiring only, no business logic. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forApi(config, persistence),
        IdentityApiModule,
        SchedulingApiModule,
        ReferralsApiModule,
        ConsultationsApiModule,
        SigningApiModule,
        AuditApiModule,
      ],
      controllers: [OpsController],
    };
  }
}
