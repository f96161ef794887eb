import { describe, expect, it } from '@jest/globals';
import {
  dispatcherActions,
  excerpt,
  filterQueue,
  newEmergencies,
  queueCounts,
  reasonValid,
  sortQueue,
  statusTone,
} from './queue';
import type { RequestListItem } from './types';

function item(id: string, patch: Partial<RequestListItem> = {}): RequestListItem {
  return {
    id,
    number: `54-2026-${id}`,
    status: 'NEW',
    level: 'REGIONAL',
    urgency: 'PLANNED',
    mode: 'DEFERRED',
    profileCode: '39',
    pausedAt: null,
    patientId: 'p',
    patientName: 'Смирнов Иван Сергеевич',
    patientBirthDate: '1980-03-15',
    requesterId: 'd',
    requesterName: 'Иванова М. П.',
    requesterOrganisationName: 'Кыштовская ЦРБ',
    centreId: null,
    centreName: null,
    consultantId: null,
    consultantName: null,
    question: 'Вопрос',
    receivedAt: '2026-12-01T08:00:00Z',
    dueAt: '2026-12-03T08:00:00Z',
    warnAt: null,
    slaState: 'ON_TIME',
    answeredAt: null,
    createdAt: '2026-12-01T07:00:00Z',
    updatedAt: '2026-12-01T08:00:00Z',
    ...patch,
  };
}

const assigned = { status: 'ASSIGNED' as const, centreId: 'c', centreName: 'ГНОКБ' };

describe('sortQueue', () => {
  it('puts emergencies first, then the unassigned, then the nearest deadline', () => {
    const items = [
      item('1', { ...assigned, urgency: 'URGENT', dueAt: '2026-12-01T10:00:00Z' }),
      item('2', { dueAt: '2026-12-04T08:00:00Z' }),
      item('3', { urgency: 'EMERGENCY', ...assigned, dueAt: '2026-12-01T08:30:00Z' }),
      item('4', { urgency: 'URGENT', dueAt: '2026-12-01T14:00:00Z' }),
      item('5', { urgency: 'EMERGENCY', dueAt: '2026-12-01T08:40:00Z' }),
      item('6', { dueAt: '2026-12-02T08:00:00Z' }),
    ];
    expect(sortQueue(items).map((i) => i.id)).toEqual(['5', '3', '4', '6', '2', '1']);
  });

  it('leaves the input alone and puts requests without a deadline last in their group', () => {
    const items = [item('a', { dueAt: null }), item('b')];
    expect(sortQueue(items).map((i) => i.id)).toEqual(['b', 'a']);
    expect(items.map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('filters and counts', () => {
  const items = [
    item('1', { urgency: 'EMERGENCY' }),
    item('2', { ...assigned, profileCode: '53', slaState: 'BREACHED' }),
    item('3', { urgency: 'URGENT', dueAt: '2026-12-01T09:00:00Z' }),
  ];

  it('filters by form, profile and "unassigned only"', () => {
    expect(filterQueue(items, { urgency: 'EMERGENCY' }).map((i) => i.id)).toEqual(['1']);
    expect(filterQueue(items, { profileCode: '53' }).map((i) => i.id)).toEqual(['2']);
    expect(filterQueue(items, { unassignedOnly: true }).map((i) => i.id)).toEqual(['1', '3']);
    expect(filterQueue(items, { urgency: '', profileCode: '' })).toHaveLength(3);
  });

  it('counts emergencies, unassigned and overdue', () => {
    expect(queueCounts(items, Date.parse('2026-12-01T10:00:00Z'))).toEqual({
      total: 3,
      emergency: 1,
      unassigned: 2,
      overdue: 2,
    });
  });
});

describe('newEmergencies', () => {
  it('finds emergency requests waiting for a dispatcher that were not known', () => {
    const items = [
      item('1', { urgency: 'EMERGENCY' }),
      item('2', { urgency: 'EMERGENCY' }),
      item('3', { urgency: 'EMERGENCY', ...assigned }),
      item('4', { urgency: 'URGENT' }),
    ];
    expect(newEmergencies(new Set(['1']), items).map((i) => i.id)).toEqual(['2']);
  });
});

describe('dispatcherActions', () => {
  it('offers assignment for new requests and reassignment once assigned or in work', () => {
    expect(dispatcherActions('NEW', 'REGIONAL')).toEqual({
      assign: 'assign',
      escalate: true,
      return: true,
      reject: true,
    });
    expect(dispatcherActions('IN_WORK', 'REGIONAL')).toEqual({
      assign: 'reassign',
      escalate: false,
      return: false,
      reject: true,
    });
  });

  it('never escalates a federal request and offers nothing once it left the dispatcher', () => {
    expect(dispatcherActions('ASSIGNED', 'FEDERAL').escalate).toBe(false);
    expect(dispatcherActions('CLOSED', 'REGIONAL')).toEqual({
      assign: null,
      escalate: false,
      return: false,
      reject: false,
    });
  });
});

describe('texts', () => {
  it('cuts a long question at a word', () => {
    expect(excerpt('Тактика   ведения:\nпоказана ли коронарография?', 20)).toBe('Тактика ведения…');
    expect(excerpt('Коротко', 20)).toBe('Коротко');
  });

  it('needs a reason of at least 3 characters besides spaces', () => {
    expect(reasonValid('  ок ')).toBe(false);
    expect(reasonValid('нет')).toBe(true);
  });

  it('colours statuses', () => {
    expect(statusTone('NEW')).toBe('info');
    expect(statusTone('REJECTED')).toBe('danger');
    expect(statusTone('CANCELLED')).toBe('neutral');
  });
});
