import type { RequestLevel, RequestListItem, RequestStatus, Urgency } from './types';

type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'primary';

const URGENCY_RANK: Readonly<Record<Urgency, number>> = { EMERGENCY: 0, URGENT: 1, PLANNED: 2 };

/** No centre chosen yet: the dispatcher's work. */
export function isUnassigned(item: Pick<RequestListItem, 'status' | 'centreId'>): boolean {
  return item.status === 'NEW' && item.centreId === null;
}

function time(iso: string | null): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * The dispatcher's order: emergencies first, within a form the unassigned first, then by form (urgent before
 * planned), then the nearest deadline, then the earliest received.
 */
export function sortQueue<T extends RequestListItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const emergency = Number(b.urgency === 'EMERGENCY') - Number(a.urgency === 'EMERGENCY');
    if (emergency !== 0) return emergency;
    const unassigned = Number(isUnassigned(b)) - Number(isUnassigned(a));
    if (unassigned !== 0) return unassigned;
    const form = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
    if (form !== 0) return form;
    const due = time(a.dueAt) - time(b.dueAt);
    if (due !== 0 && !Number.isNaN(due)) return due;
    const received = time(a.receivedAt) - time(b.receivedAt);
    if (received !== 0 && !Number.isNaN(received)) return received;
    return a.id.localeCompare(b.id);
  });
}

export interface QueueFilter {
  readonly urgency?: Urgency | '';
  readonly profileCode?: string;
  readonly unassignedOnly?: boolean;
}

export function filterQueue<T extends RequestListItem>(items: readonly T[], filter: QueueFilter): T[] {
  return items.filter(
    (i) =>
      (!filter.urgency || i.urgency === filter.urgency) &&
      (!filter.profileCode || i.profileCode === filter.profileCode) &&
      (!filter.unassignedOnly || isUnassigned(i)),
  );
}

export interface QueueCounts {
  readonly total: number;
  readonly emergency: number;
  readonly unassigned: number;
  readonly overdue: number;
}

export function queueCounts(items: readonly RequestListItem[], now: number): QueueCounts {
  return {
    total: items.length,
    emergency: items.filter((i) => i.urgency === 'EMERGENCY').length,
    unassigned: items.filter(isUnassigned).length,
    overdue: items.filter((i) => i.slaState === 'BREACHED' || (i.dueAt !== null && time(i.dueAt) <= now))
      .length,
  };
}

/** Emergency requests waiting for a dispatcher that were not in the queue before (they raise the alarm). */
export function newEmergencies<T extends RequestListItem>(
  known: ReadonlySet<string>,
  items: readonly T[],
): T[] {
  return items.filter((i) => i.urgency === 'EMERGENCY' && i.status === 'NEW' && !known.has(i.id));
}

/** What a dispatcher may do with a request in this state (the api decides; this only shows the buttons). */
export interface DispatcherActions {
  readonly assign: 'assign' | 'reassign' | null;
  readonly escalate: boolean;
  readonly return: boolean;
  readonly reject: boolean;
}

export function dispatcherActions(status: RequestStatus, level: RequestLevel): DispatcherActions {
  return {
    assign: status === 'NEW' ? 'assign' : status === 'ASSIGNED' || status === 'IN_WORK' ? 'reassign' : null,
    escalate: level === 'REGIONAL' && (status === 'NEW' || status === 'ASSIGNED'),
    return: status === 'NEW' || status === 'ASSIGNED',
    reject: status === 'NEW' || status === 'ASSIGNED' || status === 'IN_WORK',
  };
}

export function statusTone(status: RequestStatus): BadgeTone {
  switch (status) {
    case 'NEW':
      return 'info';
    case 'RETURNED':
    case 'AWAITING_DATA':
      return 'warning';
    case 'ASSIGNED':
    case 'IN_WORK':
      return 'primary';
    case 'CONCLUSION_SUBMITTED':
    case 'CLOSED':
      return 'success';
    case 'REJECTED':
      return 'danger';
    case 'DRAFT':
    case 'CANCELLED':
      return 'neutral';
  }
}

export function urgencyTone(urgency: Urgency): BadgeTone {
  return urgency === 'EMERGENCY' ? 'danger' : urgency === 'URGENT' ? 'warning' : 'neutral';
}

/** The first `max` characters of a text on one line, cut at a word with an ellipsis. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, '')}…`;
}

/** A reason the api accepts: at least 3 characters besides spaces. */
export const MIN_REASON = 3;
export function reasonValid(reason: string): boolean {
  return reason.trim().length >= MIN_REASON;
}
