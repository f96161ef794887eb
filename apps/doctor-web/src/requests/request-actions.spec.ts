import { describe, expect, it } from '@jest/globals';
import type { RequestRelation, RequestStatus } from '@tmk/web-api-client';
import { availableCommands, type CommandFacts } from './request-actions';

const facts = (
  relations: RequestRelation[],
  status: RequestStatus,
  extra: Partial<CommandFacts> = {},
): CommandFacts => ({ relations, status, urgency: 'PLANNED', oralConclusionAt: null, ...extra });
const list = (f: CommandFacts): string[] => [...availableCommands(f)].sort();

describe('availableCommands', () => {
  it('requester_draft_editSubmitOrCancelWithoutChat', () => {
    expect(list(facts(['REQUESTER'], 'DRAFT'))).toEqual(['cancel', 'edit', 'submit']);
  });

  it('requester_returned_editResubmitCancelAndChat', () => {
    expect(list(facts(['REQUESTER'], 'RETURNED'))).toEqual(['cancel', 'chat', 'edit', 'resubmit']);
  });

  it('requester_awaitingData_answersTheDataRequest', () => {
    expect(list(facts(['REQUESTER'], 'AWAITING_DATA'))).toEqual(['cancel', 'chat', 'provideData']);
  });

  it('requester_inWorkOrSubmitted_onlyChats', () => {
    expect(list(facts(['REQUESTER'], 'IN_WORK'))).toEqual(['chat']);
    expect(list(facts(['REQUESTER'], 'CONCLUSION_SUBMITTED'))).toEqual(['chat']);
    expect(list(facts(['REQUESTER'], 'CLOSED'))).toEqual([]);
  });

  it('consultant_assigned_takesOrRejects', () => {
    expect(list(facts(['CONSULTANT'], 'ASSIGNED'))).toEqual(['chat', 'reject', 'take']);
    expect(list(facts(['CENTRE'], 'ASSIGNED'))).toEqual(['take']);
  });

  it('consultant_inWork_writesTheConclusionAndOralOnlyForEmergencies', () => {
    expect(list(facts(['CONSULTANT'], 'IN_WORK'))).toEqual([
      'chat',
      'inviteConsilium',
      'reject',
      'requestData',
      'writeConclusion',
    ]);
    expect(
      availableCommands(facts(['CONSULTANT'], 'IN_WORK', { urgency: 'EMERGENCY' })).has('oralConclusion'),
    ).toBe(true);
    expect(
      availableCommands(
        facts(['CONSULTANT'], 'IN_WORK', { urgency: 'EMERGENCY', oralConclusionAt: '2026-03-02T10:00:00Z' }),
      ).has('oralConclusion'),
    ).toBe(false);
  });

  it('consiliumMember_inWork_givesAnOpinion', () => {
    expect(list(facts(['CONSILIUM'], 'IN_WORK'))).toEqual(['chat', 'giveOpinion']);
    expect(list(facts(['CONSILIUM'], 'CONCLUSION_SUBMITTED'))).toEqual(['chat']);
  });
});
