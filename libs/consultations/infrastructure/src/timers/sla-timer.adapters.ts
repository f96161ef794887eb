import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import { CONSULTATION_REQUEST_REPOSITORY } from '@tmk/consultations-domain';
import { PENDING_DEADLINES, SLA_TIMER_QUEUE } from '@tmk/consultations-application';
import { SqlConsultationRequestRepository } from '../persistence/request.repository';
import { SqlPendingDeadlines } from './pending-deadlines.reader';
import { BullSlaTimerQueue } from './sla-timer.queue';

/**
 * The adapters the deadline timers need, and only those (the worker has no identity directory, which other
 * consultations adapters need): the request repository, the pending-deadline reader, the BullMQ queue.
 */
export const slaTimerAdapters: Provider[] = [
  { provide: CONSULTATION_REQUEST_REPOSITORY, useClass: SqlConsultationRequestRepository },
  { provide: PENDING_DEADLINES, useClass: SqlPendingDeadlines },
  {
    provide: SLA_TIMER_QUEUE,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      const logger = new Logger('SlaTimers');
      return new BullSlaTimerQueue({
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        onError: (error, timer) =>
          logger.warn(
            `deadline timer ${timer ? `${timer.kind} of ${timer.requestId} ` : ''}failed: ${
              error instanceof Error ? error.message : String(error)
            }`,
          ),
      });
    },
  },
];
