import { newId, type Clock, type IntegrationEvent } from '@tmk/shared-kernel';
import { REQUEST_EVENT_OF_ACTION, type RequestEventPayload } from '@tmk/consultations-contracts';
import type { RequestEvent, RequestState } from '@tmk/consultations-domain';
import type { RequestNotifier } from './ports';

/** The integration events a request's pending domain events publish (one per step, same payload shape). */
export function requestIntegrationEvents(
  state: RequestState,
  events: readonly RequestEvent[],
  clock: Clock,
): IntegrationEvent[] {
  return events.map((e) => {
    const definition = REQUEST_EVENT_OF_ACTION[e.name as keyof typeof REQUEST_EVENT_OF_ACTION];
    if (!definition) throw new Error(`No integration event for request action ${e.name}`);
    const payload: RequestEventPayload = {
      requestId: state.id,
      number: state.number,
      regionId: state.regionId,
      level: state.level,
      urgency: state.urgency,
      profileCode: state.profileCode,
      patientId: state.patientId,
      requesterId: state.requesterId,
      centreId: state.centreId,
      consultantId: state.consultantId,
      from: e.from,
      to: e.to,
      byUserId: e.byUserId,
      dueAt: state.dueAt?.toISOString() ?? null,
      details: e.details,
    };
    return {
      id: newId(),
      type: definition.type,
      version: definition.version,
      occurredAt: (e.occurredAt ?? clock.now()).toISOString(),
      aggregateId: state.id,
      correlationId: null,
      payload,
    };
  });
}

/**
 * Tells the realtime channel that a request changed (ids and status only). A courtesy: the database already
 * holds the change, so a failure to notify is swallowed; drafts are nobody else's business.
 */
export async function notifyChange(
  notifier: RequestNotifier,
  s: RequestState,
  action: string,
): Promise<void> {
  if (s.status === 'DRAFT') return;
  await notifier
    .changed({
      requestId: s.id,
      number: s.number,
      status: s.status,
      level: s.level,
      urgency: s.urgency,
      regionId: s.regionId,
      requesterId: s.requesterId,
      centreId: s.centreId,
      consultantId: s.consultantId,
      slaState: s.slaState,
      action,
    })
    .catch(() => undefined);
}
