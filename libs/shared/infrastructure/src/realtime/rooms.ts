import type { Actor } from '@tmk/shared-kernel';

/**
 * Names of the socket.io rooms of the realtime channel. A socket joins the rooms of its actor when it
 * connects (`roomsOf`); `request:<id>` rooms only on the client's `watch`, if REALTIME_ROOM_AUTHORIZER agrees.
 */
export const RealtimeRooms = {
  /** A staff member, on every device. */
  user: (userId: string): string => `user:${userId}`,
  /** A patient card: the patient and their legal representatives. */
  patient: (patientId: string): string => `patient:${patientId}`,
  /** Every staff member acting for the organisation (e.g. the consultants of a centre). */
  org: (organisationId: string): string => `org:${organisationId}`,
  /** The dispatchers of a region's queue, or of the federal one (regionId null). */
  dispatch: (regionId: string | null): string => `dispatch:${regionId ?? 'federal'}`,
  /** Whoever has the request open (only after the authorizer allowed it). */
  request: (requestId: string): string => `request:${requestId}`,
  /** The sockets of one sign-in session (to end them on sign-out). */
  session: (sessionId: string): string => `session:${sessionId}`,
} as const;

/** The rooms a socket joins when it connects, from who it is. */
export function roomsOf(actor: Actor): string[] {
  switch (actor.kind) {
    case 'staff': {
      const rooms = [RealtimeRooms.user(actor.userId), RealtimeRooms.session(actor.sessionId)];
      if (actor.organisationId) rooms.push(RealtimeRooms.org(actor.organisationId));
      if (actor.roles.includes('DISPATCHER')) rooms.push(RealtimeRooms.dispatch(actor.regionId));
      return rooms;
    }
    case 'patient':
      return [
        RealtimeRooms.session(actor.sessionId),
        ...new Set([actor.patientId, ...actor.actsForPatientIds].map(RealtimeRooms.patient)),
      ];
    case 'integrator':
      return [];
  }
}

/**
 * The port a context implements to let clients watch its rooms (consultations: `request:<id>` to the
 * participants, the region's dispatchers, …). Without a provider every `watch` is denied. Return false to
 * deny (the gateway records an AccessDenied); a throw also denies.
 */
export interface RealtimeRoomAuthorizer {
  mayWatch(actor: Actor, room: string): Promise<boolean>;
}

export const REALTIME_ROOM_AUTHORIZER = Symbol('REALTIME_ROOM_AUTHORIZER');
