import { Command } from '@nestjs/cqrs';

export class RecordDemoPingCommand extends Command<{ id: string; recordedAt: string }> {
  constructor(readonly message: string) {
    super();
  }
}
