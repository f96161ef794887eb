import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import { DemoPing, type DemoPingRepository } from '@tmk/consultations-domain';
import { appendToOutbox } from '@tmk/shared-infrastructure';
import { DemoPingOrmEntity } from './demo-ping.orm-entity';

@Injectable()
export class DemoPingTypeormRepository implements DemoPingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(ping: DemoPing, events: readonly IntegrationEvent[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.insert(DemoPingOrmEntity, { id: ping.id, message: ping.message, recordedAt: ping.recordedAt });
      await appendToOutbox(em, events);
    });
  }

  async findById(id: string): Promise<DemoPing | null> {
    const row = await this.dataSource.getRepository(DemoPingOrmEntity).findOneBy({ id });
    return row ? DemoPing.restore(row.id, row.message, row.recordedAt) : null;
  }
}
