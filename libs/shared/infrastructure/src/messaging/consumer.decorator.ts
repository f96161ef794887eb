import { SetMetadata } from '@nestjs/common';

export const INTEGRATION_EVENT_CONSUMER = 'tmk:integration-event-consumer';

/** Marks a provider implementing IntegrationEventHandler; the worker discovers and runs it. */
export const IntegrationEventConsumer = (): ClassDecorator => SetMetadata(INTEGRATION_EVENT_CONSUMER, true);
