import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IntegrationEvent } from '@tmk/shared-kernel';
import type { EventLogEntry, EventLogFilter, EventLogReader } from '@tmk/audit-application';

interface Row {
  event_id: string;
  event_type: string;
  event_version: number;
  aggregate_id: string;
  occurred_at: Date;
  recorded_at: Date;
  correlation_id: string | null;
  payload: Record<string, unknown>;
}

@Injectable()
export class EventLogStore implements EventLogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Called inside the consumer's inbox transaction; the unique event id makes a replay harmless too. */
  async append(em: EntityManager, event: IntegrationEvent): Promise<void> {
    await em.query(
      `INSERT INTO audit.event_log (event_id, event_type, event_version, aggregate_id, occurred_at, correlation_id, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [
        event.id,
        event.type,
        event.version,
        event.aggregateId,
        event.occurredAt,
        event.correlationId,
        event.payload,
      ],
    );
  }

  async list(filter: EventLogFilter): Promise<EventLogEntry[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT event_id, event_type, event_version, aggregate_id, occurred_at, recorded_at, correlation_id, payload
         FROM audit.event_log
        WHERE ($1::text IS NULL OR aggregate_id = $1) AND ($2::text IS NULL OR event_type = $2)
        ORDER BY seq DESC
        LIMIT $3`,
      [filter.aggregateId ?? null, filter.eventType ?? null, filter.limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      eventVersion: r.event_version,
      aggregateId: r.aggregate_id,
      occurredAt: r.occurred_at.toISOString(),
      recordedAt: r.recorded_at.toISOString(),
      correlationId: r.correlation_id,
      payload: r.payload,
    }));
  }
}
