import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, newId, type Clock } from '@tmk/shared-kernel';
import { DEMO_PING_REPOSITORY, DemoPing, type DemoPingRepository } from '@tmk/consultations-domain';
import { DemoPingRecordedV1 } from '@tmk/consultations-contracts';
import { RecordDemoPingCommand } from './record-demo-ping.command';

@CommandHandler(RecordDemoPingCommand)
export class RecordDemoPingHandler implements ICommandHandler<RecordDemoPingCommand> {
  constructor(
    @Inject(DEMO_PING_REPOSITORY) private readonly repository: DemoPingRepository,
    private readonly eventBus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordDemoPingCommand): Promise<{ id: string; recordedAt: string }> {
    const ping = DemoPing.record(newId(), command.message, this.clock);
    const domainEvents = ping.pullEvents();
    const integrationEvents: DemoPingRecordedV1[] = domainEvents.map((e) => ({
      id: newId(),
      type: DemoPingRecordedV1.type,
      version: DemoPingRecordedV1.version,
      occurredAt: e.occurredAt.toISOString(),
      aggregateId: e.aggregateId,
      correlationId: null,
      payload: { pingId: e.aggregateId, message: e.message },
    }));
    await this.repository.save(ping, integrationEvents);
    // In-context reactions run after the commit; other contexts hear about it through the outbox.
    this.eventBus.publishAll(domainEvents);
    return { id: ping.id, recordedAt: ping.recordedAt.toISOString() };
  }
}
