import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { RecordDemoPingHandler } from '@tmk/consultations-application';
import { consultationsAdapters } from '@tmk/consultations-infrastructure';
import { DemoPingController } from './demo-ping.controller';

/** The consultations context as the api process hosts it. */
@Module({
  controllers: [DemoPingController],
  providers: [RecordDemoPingHandler, ...consultationsAdapters, { provide: CLOCK, useValue: systemClock }],
})
export class ConsultationsApiModule {}
