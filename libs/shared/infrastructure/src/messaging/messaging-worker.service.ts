import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EventConsumerHost } from './event-consumer-host';
import { EventQueues } from './event-queues';
import { OutboxRelay } from './outbox-relay';
import { EventSubscriptions, type IntegrationEventHandler } from './subscriptions';
import { INTEGRATION_EVENT_CONSUMER } from './consumer.decorator';

/** Worker side of the backbone: discovers @IntegrationEventConsumer providers, runs them and the relay. */
@Injectable()
export class MessagingWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private host: EventConsumerHost | null = null;
  private relay: OutboxRelay | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly queues: EventQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handlers(): IntegrationEventHandler[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get(INTEGRATION_EVENT_CONSUMER, w.metatype))
      .map((w) => w.instance as IntegrationEventHandler);
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.handlers();
    this.host = new EventConsumerHost(this.dataSource, {
      redisUrl: this.config.REDIS_URL,
      prefix: this.config.QUEUE_PREFIX,
      queues: this.queues,
      lockMs: this.config.EVENT_LOCK_MS,
      onError: (error, consumer, event) =>
        this.logger.warn(
          { err: error, consumer, eventId: event?.id, eventType: event?.type },
          'event handling failed',
        ),
    });
    this.host.register(handlers);
    await this.host.start();
    this.relay = new OutboxRelay(this.dataSource, this.queues, new EventSubscriptions(handlers), {
      databaseUrl: this.config.DATABASE_URL,
      batchSize: this.config.OUTBOX_BATCH_SIZE,
      pollMs: this.config.OUTBOX_POLL_MS,
      onError: (error) => this.logger.error({ err: error }, 'outbox relay failed; retrying'),
    });
    await this.relay.start();
    this.logger.log(`consumers: ${this.host.consumers.join(', ') || 'none'}; outbox relay running`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.host?.close();
    await this.queues.close();
  }
}
