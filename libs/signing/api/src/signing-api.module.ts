import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { PublicVerificationService, SigningService, TrustStoreService } from '@tmk/signing-application';
import { signingAdapters } from '@tmk/signing-infrastructure';
import { SigningController } from './signing.controller';
import { TrustController } from './trust.controller';
import { VerificationController } from './verification.controller';

/** The signing context as the api process hosts it (documents, signatures, public verification, trust store). */
@Module({
  controllers: [SigningController, VerificationController, TrustController],
  providers: [
    SigningService,
    PublicVerificationService,
    TrustStoreService,
    ...signingAdapters,
    { provide: CLOCK, useValue: systemClock },
  ],
})
export class SigningApiModule {}
