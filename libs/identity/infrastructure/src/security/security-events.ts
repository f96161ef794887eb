import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import type { SecurityEventSink } from '@tmk/identity-application';
import { inTransaction } from '../persistence/sql';

/** Security events with no state change of their own (failed logins, denials) go through the outbox too. */
@Injectable()
export class OutboxSecurityEvents implements SecurityEventSink {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async emit(events: IntegrationEvent[]): Promise<void> {
    await inTransaction(this.db, events, async () => undefined);
  }
}
