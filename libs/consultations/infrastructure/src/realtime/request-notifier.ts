import { Injectable } from '@nestjs/common';
import { RealtimeBus, RealtimeRooms } from '@tmk/shared-infrastructure';
import type { RequestChange, RequestNotifier } from '@tmk/consultations-application';

/** The socket.io event the SPAs listen to; its data is `RequestChangedMessage`. */
export const REQUEST_CHANGED_EVENT = 'consultations.request.changed';

/** The `action` of a new chat message: the request page re-fetches the chat; queues are not told. */
export const CHAT_MESSAGE_ACTION = 'message';

/** What the clients receive: identifiers and statuses only (never clinical data); they re-fetch the rest. */
export interface RequestChangedMessage extends RequestChange {
  /** An emergency request has just entered the queue: the dispatchers' screen plays the alert. */
  readonly alert: boolean;
}

/** Who hears of a change: the request's page, the requester, the consultant (or the centre), the queue. */
export function requestChangeRooms(change: RequestChange): string[] {
  const rooms = [RealtimeRooms.request(change.requestId), RealtimeRooms.user(change.requesterId)];
  if (change.consultantId) rooms.push(RealtimeRooms.user(change.consultantId));
  else if (change.centreId) rooms.push(RealtimeRooms.org(change.centreId));
  if (change.action !== CHAT_MESSAGE_ACTION) {
    rooms.push(RealtimeRooms.dispatch(change.level === 'REGIONAL' ? change.regionId : null));
  }
  return [...new Set(rooms)];
}

export function requestChangedMessage(change: RequestChange): RequestChangedMessage {
  // field by field: whatever else a caller's object carries never leaves the server
  return {
    requestId: change.requestId,
    number: change.number,
    status: change.status,
    level: change.level,
    urgency: change.urgency,
    regionId: change.regionId,
    requesterId: change.requesterId,
    centreId: change.centreId,
    consultantId: change.consultantId,
    slaState: change.slaState,
    action: change.action,
    alert: change.urgency === 'EMERGENCY' && change.status === 'NEW',
  };
}

/**
 * RequestNotifier over the platform's RealtimeBus: works the same from the api and from the worker (timers).
 * Best effort, never throws: the change is already committed and clients re-fetch on reconnection.
 */
@Injectable()
export class RealtimeRequestNotifier implements RequestNotifier {
  constructor(private readonly bus: RealtimeBus) {}

  async changed(change: RequestChange): Promise<void> {
    await this.bus.publish(requestChangeRooms(change), REQUEST_CHANGED_EVENT, requestChangedMessage(change));
  }
}
