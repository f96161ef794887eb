import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ConfigModule } from './config/config.module';
import { APP_CONFIG, type AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import type { PersistenceParts } from './database/data-source-options';
import { EventQueues } from './messaging/event-queues';
import { DeadLetters } from './messaging/dead-letters';
import { MessagingWorkerService } from './messaging/messaging-worker.service';
import { ProblemDetailsFilter } from './http/problem-details';
import { createValidationPipe } from './http/validation';
import { AccessGuard } from './http/access';
import { HealthController, HealthRedis } from './http/health.controller';
import { currentCorrelationId } from './http/request-context';
import { RealtimeGateway } from './http/realtime.gateway';
import { RealtimeBus } from './realtime/realtime-bus';

/** pino-pretty is a development dependency: production images log JSON even if LOG_PRETTY is set. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

function loggerModule(config: AppConfig, processName: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: processName,
      level: config.LOG_LEVEL,
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
      mixin: () => {
        const requestId = currentCorrelationId();
        return requestId ? { requestId } : {};
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      ...(config.LOG_PRETTY && prettyAvailable()
        ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
        : {}),
    },
  });
}

const eventQueuesProvider: Provider = {
  provide: EventQueues,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new EventQueues(config.REDIS_URL, config.QUEUE_PREFIX, {
      maxAttempts: config.EVENT_MAX_ATTEMPTS,
      backoffMs: config.EVENT_BACKOFF_MS,
    }),
};

/** Realtime notifications to the SPAs' sockets, from any process (closed on shutdown by its own hook). */
const realtimeBusProvider: Provider = {
  provide: RealtimeBus,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new RealtimeBus(config.REDIS_URL, config.QUEUE_PREFIX),
};

/** Everything a process of ТМК shares: config, logging, database, CQRS, the event backbone, HTTP edges. */
@Module({})
export class PlatformModule {
  static forApi(config: AppConfig, parts: PersistenceParts): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config, 'tmk-api'),
        DatabaseModule.forRoot(config, parts, 'tmk-api'),
        CqrsModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        eventQueuesProvider,
        {
          provide: DeadLetters,
          inject: [DataSource, EventQueues],
          useFactory: (ds: DataSource, q: EventQueues) => new DeadLetters(ds, q),
        },
        HealthRedis,
        realtimeBusProvider,
        RealtimeGateway,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [EventQueues, DeadLetters, CqrsModule, RealtimeBus],
    };
  }

  static forWorker(config: AppConfig, parts: PersistenceParts): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config, 'tmk-worker'),
        DatabaseModule.forRoot(config, parts, 'tmk-worker'),
        CqrsModule.forRoot(),
        DiscoveryModule,
      ],
      providers: [eventQueuesProvider, realtimeBusProvider, MessagingWorkerService],
      exports: [EventQueues, CqrsModule, RealtimeBus],
    };
  }
}
