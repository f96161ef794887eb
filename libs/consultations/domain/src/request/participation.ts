import type { Actor } from '@tmk/shared-kernel';
import type { RequestState } from './consultation-request';

/**
 * How an actor relates to a request (domain.md §3, §6): the only source of "who may see and do what" on a
 * doctor–doctor request. Default deny: an actor with no relation gets an empty set.
 *
 * - REQUESTER: the requesting doctor;
 * - CONSULTANT: the consultant the request is assigned to (or who took it);
 * - CENTRE: a consultant of the assigned centre while no consultant is named (may take it into work);
 * - CONSILIUM: a consultant invited to the consilium;
 * - DISPATCHER: a dispatcher of the request's region while it is at the regional level, or a federal
 *   dispatcher (no region) once it is escalated;
 * - INTEGRATOR: the МИС of the requesting organisation.
 * Administrators see the journal (metadata), not the clinical content: they get no relation here.
 */
export type RequestRelation =
  'REQUESTER' | 'CONSULTANT' | 'CENTRE' | 'CONSILIUM' | 'DISPATCHER' | 'INTEGRATOR';

type Facts = Pick<
  RequestState,
  'requesterId' | 'requesterOrganisationId' | 'consultantId' | 'centreId' | 'regionId' | 'level' | 'status'
>;

export function relationsOf(
  actor: Actor,
  request: Facts,
  consilium: readonly string[] = [],
): ReadonlySet<RequestRelation> {
  const out = new Set<RequestRelation>();
  if (actor.kind === 'integrator') {
    if (actor.organisationId === request.requesterOrganisationId) out.add('INTEGRATOR');
    return out;
  }
  if (actor.kind !== 'staff') return out;
  if (actor.userId === request.requesterId) out.add('REQUESTER');
  if (request.status === 'DRAFT') return out; // a draft is the author's alone
  if (actor.roles.includes('CONSULTANT')) {
    if (request.consultantId === actor.userId) out.add('CONSULTANT');
    else if (
      request.consultantId === null &&
      request.centreId !== null &&
      request.centreId === actor.organisationId
    )
      out.add('CENTRE');
    if (consilium.includes(actor.userId)) out.add('CONSILIUM');
  }
  if (actor.roles.includes('DISPATCHER')) {
    const regional = request.level === 'REGIONAL' && actor.regionId === request.regionId;
    const federal = request.level === 'FEDERAL' && actor.regionId === null;
    if (regional || federal) out.add('DISPATCHER');
  }
  return out;
}

/** May read the request, its files and chat. */
export function mayRead(relations: ReadonlySet<RequestRelation>): boolean {
  return relations.size > 0;
}
