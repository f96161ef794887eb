import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, type IntegrationEvent } from '@tmk/shared-kernel';
import { appendToOutbox } from '@tmk/shared-infrastructure';
import {
  ConsultationRequest,
  type ConsultationRequestRepository,
  type RequestEvent,
  type RequestState,
} from '@tmk/consultations-domain';

/** Every column, the birth date also as text (as the list queries read it: `to_char`, request-queries.ts). */
const SELECTED = `*, to_char(patient_birth_date, 'YYYY-MM-DD') AS patient_birth_day`;

interface Row {
  id: string;
  number: string | null;
  status: RequestState['status'];
  level: RequestState['level'];
  urgency: RequestState['urgency'];
  mode: RequestState['mode'];
  region_id: string;
  requester_id: string;
  requester_organisation_id: string;
  patient_id: string;
  profile_code: string;
  centre_id: string | null;
  consultant_id: string | null;
  content: RequestState['content'];
  received_at: Date | null;
  due_at: Date | null;
  oral_conclusion_at: Date | null;
  paused_at: Date | null;
  warn_at: Date | null;
  sla_state: RequestState['slaState'];
  answered_at: Date | null;
  closed_at: Date | null;
  patient_name: string;
  /** The calendar date as text (`SELECTED`): node-postgres would read the `date` column as a local Date. */
  patient_birth_day: string | null;
  requester_name: string;
  requester_organisation_name: string;
  centre_name: string | null;
  consultant_name: string | null;
  version: number;
}

export function toState(r: Row): RequestState {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    level: r.level,
    urgency: r.urgency,
    mode: r.mode,
    regionId: r.region_id,
    requesterId: r.requester_id,
    requesterOrganisationId: r.requester_organisation_id,
    patientId: r.patient_id,
    profileCode: r.profile_code,
    centreId: r.centre_id,
    consultantId: r.consultant_id,
    content: r.content,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    oralConclusionAt: r.oral_conclusion_at,
    pausedAt: r.paused_at,
    warnAt: r.warn_at,
    slaState: r.sla_state,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    labels: {
      patientName: r.patient_name,
      patientBirthDate: r.patient_birth_day,
      requesterName: r.requester_name,
      requesterOrganisationName: r.requester_organisation_name,
      centreName: r.centre_name,
      consultantName: r.consultant_name,
    },
    version: r.version,
  };
}

const FIELDS = `number = $3, status = $4, level = $5, centre_id = $6, consultant_id = $7, content = $8,
  received_at = $9, due_at = $10, oral_conclusion_at = $11, paused_at = $12, warn_at = $13, sla_state = $14,
  answered_at = $15, closed_at = $16, patient_name = $17, patient_birth_date = $18, requester_name = $19,
  requester_organisation_name = $20, centre_name = $21, consultant_name = $22, urgency = $23, mode = $24,
  profile_code = $25`;

function values(s: RequestState): unknown[] {
  return [
    s.number,
    s.status,
    s.level,
    s.centreId,
    s.consultantId,
    JSON.stringify(s.content),
    s.receivedAt,
    s.dueAt,
    s.oralConclusionAt,
    s.pausedAt,
    s.warnAt,
    s.slaState,
    s.answeredAt,
    s.closedAt,
    s.labels.patientName,
    s.labels.patientBirthDate,
    s.labels.requesterName,
    s.labels.requesterOrganisationName,
    s.labels.centreName,
    s.labels.consultantName,
    s.urgency,
    s.mode,
    s.profileCode,
  ];
}

@Injectable()
export class SqlConsultationRequestRepository implements ConsultationRequestRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async nextNumber(regionId: string, regionCode: string, year: number): Promise<string> {
    const [row]: { last: number }[] = await this.db.query(
      `INSERT INTO consultations.request_number (region_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (region_id, year) DO UPDATE SET last = consultations.request_number.last + 1
       RETURNING last`,
      [regionId, year],
    );
    return `${regionCode}-${year}-${String(row?.last ?? 0).padStart(6, '0')}`;
  }

  async insert(
    request: ConsultationRequest,
    events: readonly IntegrationEvent[],
    options: { source?: 'UI' | 'API'; within?: (em: EntityManager) => Promise<void> } = {},
  ): Promise<void> {
    const s = request.snapshot;
    const source = options.source ?? 'UI';
    const history = request.pullEvents();
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO consultations.request (id, region_id, number, status, level, centre_id, consultant_id, content,
           received_at, due_at, oral_conclusion_at, paused_at, warn_at, sla_state, answered_at, closed_at,
           patient_name, patient_birth_date, requester_name, requester_organisation_name, centre_name,
           consultant_name, urgency, mode, profile_code, requester_id, requester_organisation_id, patient_id,
           source, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
           $22, $23, $24, $25, $26, $27, $28, $29, 1)`,
        [s.id, s.regionId, ...values(s), s.requesterId, s.requesterOrganisationId, s.patientId, source],
      );
      await this.history(em, history);
      await appendToOutbox(em, events);
      await options.within?.(em);
    });
  }

  async save(
    request: ConsultationRequest,
    events: readonly IntegrationEvent[],
    within?: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    const s = request.snapshot;
    const history = request.pullEvents();
    await this.db.transaction(async (em) => {
      const [rows]: [unknown[], number] = await em.query(
        `UPDATE consultations.request SET ${FIELDS}, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id`,
        [s.id, s.version, ...values(s)],
      );
      if (rows.length === 0) {
        const [current]: Row[] = await em.query(
          `SELECT ${SELECTED} FROM consultations.request WHERE id = $1`,
          [s.id],
        );
        if (!current) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
        throw DomainError.conflict(
          'CONSULTATIONS.CONCURRENT_CHANGE',
          'Someone else changed the request first',
          {
            current: {
              status: current.status,
              consultantId: current.consultant_id,
              centreId: current.centre_id,
              version: current.version,
            },
          },
        );
      }
      await this.history(em, history);
      await appendToOutbox(em, events);
      await within?.(em);
    });
  }

  async findById(id: string): Promise<ConsultationRequest | null> {
    const [row]: Row[] = await this.db.query(`SELECT ${SELECTED} FROM consultations.request WHERE id = $1`, [
      id,
    ]);
    return row ? ConsultationRequest.restore(toState(row)) : null;
  }

  private async history(em: EntityManager, events: readonly RequestEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.query(
      `INSERT INTO consultations.request_history (request_id, at, action, from_status, to_status, by_user_id, details)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
      [
        events.map((e) => e.aggregateId),
        events.map((e) => e.occurredAt.toISOString()),
        events.map((e) => e.name),
        events.map((e) => e.from),
        events.map((e) => e.to),
        events.map((e) => e.byUserId),
        events.map((e) => JSON.stringify(e.details)),
      ],
    );
  }
}
