import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@tmk/shared-kernel';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import {
  CONCLUSION_STORE,
  REQUEST_NOTIFIER,
  RequestClosingService,
  SlaTimers,
} from '@tmk/consultations-application';
import {
  RealtimeRequestNotifier,
  SqlConclusionStore,
  slaTimerAdapters,
} from '@tmk/consultations-infrastructure';
import { DocumentSignedConsumer } from './document-signed.consumer';
import { SlaArmingConsumer } from './sla-arming.consumer';
import { SLA_TIMER_OPTIONS, SlaTimerProcessor, type SlaTimerOptions } from './sla-timers.processor';

/**
 * Consultations as the worker hosts it: the deadline timers of requests (arming consumer, timer processor,
 * re-arming from the database) and closing requests when signing reports their conclusion signed.
 */
@Module({
  providers: [
    ...slaTimerAdapters,
    { provide: CLOCK, useValue: systemClock },
    // SlaWarning/SlaBreached reach the open lists and the dispatcher queue at once (RealtimeBus → api sockets).
    { provide: REQUEST_NOTIFIER, useClass: RealtimeRequestNotifier },
    {
      provide: SLA_TIMER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SlaTimerOptions => ({ sweepMs: config.SLA_SWEEP_MS }),
    },
    { provide: CONCLUSION_STORE, useClass: SqlConclusionStore },
    RequestClosingService,
    DocumentSignedConsumer,
    SlaTimers,
    SlaTimerProcessor,
    SlaArmingConsumer,
  ],
  exports: [SlaTimers, SlaTimerProcessor, SlaArmingConsumer],
})
export class ConsultationsWorkerModule {}
