import { DomainError, FixedClock, type IntegrationEvent } from '@tmk/shared-kernel';
import {
  ConsultationRequest,
  type ConsultationRequestRepository,
  type RequestState,
} from '@tmk/consultations-domain';
import type { RequestNotifier } from '../requests/ports';
import {
  SlaTimers,
  slaTimerId,
  type PendingDeadline,
  type PendingDeadlines,
  type SlaTimer,
  type SlaTimerQueue,
} from './sla-timers';

const now = new Date('2026-11-23T03:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DUE = later(10_000);
const WARN = later(8_000);

function pendingRequest(patch: Partial<RequestState> = {}): ConsultationRequest {
  return ConsultationRequest.restore({
    id: 'r-1',
    content: {
      question: 'Тактика?',
      reason: 'нет кардиолога',
      diagnosisCode: null,
      anamnesis: '',
      complaints: '',
      examination: '',
      consent: 'GIVEN',
      consentReason: null,
    },
    labels: {
      patientName: 'Смирнов И. С.',
      patientBirthDate: null,
      requesterName: 'Петров П. П.',
      requesterOrganisationName: 'ЦРБ',
      centreName: null,
      consultantName: null,
    },
    status: 'NEW',
    level: 'REGIONAL',
    urgency: 'URGENT',
    mode: 'DEFERRED',
    regionId: 'nso',
    requesterId: 'doctor-1',
    requesterOrganisationId: 'org-1',
    patientId: 'p-1',
    profileCode: '39',
    centreId: null,
    consultantId: null,
    number: '54-2026-000001',
    receivedAt: later(-40_000),
    dueAt: DUE,
    oralConclusionAt: null,
    pausedAt: null,
    warnAt: WARN,
    slaState: 'ON_TIME',
    answeredAt: null,
    closedAt: null,
    version: 1,
    ...patch,
  });
}

class FakeRepository implements Pick<ConsultationRequestRepository, 'findById' | 'save'> {
  saved: { state: RequestState; events: readonly IntegrationEvent[] }[] = [];
  conflicts = 0;
  loads = 0;
  constructor(private readonly load: () => ConsultationRequest | null) {}
  async findById(): Promise<ConsultationRequest | null> {
    this.loads++;
    return this.load();
  }
  async save(request: ConsultationRequest, events: readonly IntegrationEvent[]): Promise<void> {
    if (this.conflicts > 0) {
      this.conflicts--;
      throw DomainError.conflict('CONSULTATIONS.CONCURRENT_CHANGE', 'Someone else changed the request first');
    }
    request.pullEvents();
    this.saved.push({ state: request.snapshot, events });
  }
}

class FakeQueue implements SlaTimerQueue {
  readonly calls: SlaTimer[][] = [];
  async schedule(timers: readonly SlaTimer[]): Promise<void> {
    this.calls.push([...timers]);
  }
  process = jest.fn(async () => undefined);
  onReconnect = jest.fn();
  close = jest.fn(async () => undefined);
}

function deadlines(pages: PendingDeadline[][]): PendingDeadlines {
  return {
    async *pages() {
      for (const page of pages) yield page;
    },
    async byIds(ids) {
      return pages.flat().filter((d) => ids.includes(d.requestId));
    },
  };
}

function setup(load: () => ConsultationRequest | null, pages: PendingDeadline[][] = []) {
  const repo = new FakeRepository(load);
  const queue = new FakeQueue();
  const notifier: RequestNotifier = { changed: jest.fn(async () => undefined) };
  const clock = new FixedClock(now);
  const timers = new SlaTimers(
    repo as unknown as ConsultationRequestRepository,
    queue,
    deadlines(pages),
    notifier,
    clock,
  );
  return { repo, queue, notifier, clock, timers };
}

const pending = (id: string, patch: Partial<PendingDeadline> = {}): PendingDeadline => ({
  requestId: id,
  warnAt: WARN,
  dueAt: DUE,
  slaState: 'ON_TIME',
  ...patch,
});

describe('SlaTimers', () => {
  it('timersFor_whenOnTime_warningAtWarnAtAndBreachAtDueAt_withDeterministicIds', () => {
    const timers = SlaTimers.timersFor(pending('r-1'), now);
    expect(timers).toEqual([
      { id: `r-1:W:${DUE.getTime()}`, requestId: 'r-1', kind: 'WARNING', dueAt: DUE, fireAt: WARN },
      { id: `r-1:B:${DUE.getTime()}`, requestId: 'r-1', kind: 'BREACHED', dueAt: DUE, fireAt: DUE },
    ]);
    expect(slaTimerId('r-1', 'BREACHED', new Date(DUE))).toBe(timers[1]?.id);
  });

  it('timersFor_whenWarnedOrPastDueOrNoWarnAt_breachOnly', () => {
    for (const d of [
      pending('r-1', { slaState: 'WARNING' }),
      pending('r-1', { dueAt: later(-1), warnAt: later(-2) }),
      pending('r-1', { warnAt: null }),
    ]) {
      expect(SlaTimers.timersFor(d, now).map((t) => t.kind)).toEqual(['BREACHED']);
    }
    expect(SlaTimers.timersFor(pending('r-1', { slaState: 'BREACHED' }), now)).toEqual([]);
  });

  it('rearmAll_schedulesEveryPage_andCountsTheTimers', async () => {
    const { timers, queue } = setup(
      () => null,
      [[pending('a'), pending('b', { slaState: 'WARNING' })], [pending('c', { dueAt: later(-1) })]],
    );
    expect(await timers.rearmAll(2)).toBe(4);
    expect(queue.calls.map((c) => c.map((t) => t.id.slice(0, 3)))).toEqual([['a:W', 'a:B', 'b:B'], ['c:B']]);
  });

  it('fire_whenDue_marksAndSavesWithTheIntegrationEvent', async () => {
    const { timers, repo, clock, notifier } = setup(() => pendingRequest());
    clock.advance(10_000);
    expect(await timers.fire('r-1', 'BREACHED', DUE.toISOString())).toBe('marked');
    expect(repo.saved).toHaveLength(1);
    expect(repo.saved[0]?.state.slaState).toBe('BREACHED');
    expect(repo.saved[0]?.events.map((e) => e.type)).toEqual(['consultations.SlaBreached']);
    expect(notifier.changed).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'r-1', slaState: 'BREACHED', action: 'slaBreached' }),
    );
  });

  it('fire_whenStaleDeadline_changesNothing', async () => {
    const { timers, repo, clock } = setup(() => pendingRequest());
    clock.advance(20_000);
    expect(await timers.fire('r-1', 'BREACHED', later(5_000).toISOString())).toBe('unchanged');
    expect(repo.saved).toHaveLength(0);
  });

  it('fire_whenConcurrentChangeOnce_reloadsAndRetries', async () => {
    const { timers, repo, clock } = setup(() => pendingRequest());
    repo.conflicts = 1;
    clock.advance(8_000);
    expect(await timers.fire('r-1', 'WARNING', DUE.toISOString())).toBe('marked');
    expect(repo.loads).toBe(2);
    expect(repo.saved.map((s) => s.state.slaState)).toEqual(['WARNING']);
  });

  it('fire_whenConcurrentChangeTwice_throwsForTheQueueToRetry', async () => {
    const { timers, repo, clock } = setup(() => pendingRequest());
    repo.conflicts = 2;
    clock.advance(8_000);
    await expect(timers.fire('r-1', 'WARNING', DUE.toISOString())).rejects.toMatchObject({
      code: 'CONSULTATIONS.CONCURRENT_CHANGE',
    });
    expect(repo.saved).toHaveLength(0);
  });
});
