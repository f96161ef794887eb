import type { RealtimeBus } from '@tmk/shared-infrastructure';
import type { RequestChange } from '@tmk/consultations-application';
import { REQUEST_CHANGED_EVENT, RealtimeRequestNotifier } from './request-notifier';

const change: RequestChange = {
  requestId: 'r-1',
  number: '54-000001',
  status: 'NEW',
  level: 'REGIONAL',
  urgency: 'PLANNED',
  regionId: 'region-nso',
  requesterId: 'u-doctor',
  centreId: null,
  consultantId: null,
  slaState: 'ON_TIME',
  action: 'submitted',
};

function notifierWithBus() {
  const calls: { rooms: readonly string[]; event: string; data: object }[] = [];
  const bus = {
    publish: async (rooms: readonly string[], event: string, data: object) => {
      calls.push({ rooms, event, data });
    },
  } as unknown as RealtimeBus;
  return { notifier: new RealtimeRequestNotifier(bus), calls };
}

describe('RealtimeRequestNotifier', () => {
  it('changed_whenRegionalAndUnassigned_tellsThePageTheRequesterAndTheRegionQueue', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed(change);
    expect(calls).toEqual([
      {
        rooms: ['request:r-1', 'user:u-doctor', 'dispatch:region-nso'],
        event: REQUEST_CHANGED_EVENT,
        data: { ...change, alert: false },
      },
    ]);
  });

  it('changed_whenAssignedToAConsultant_tellsTheConsultantNotTheCentre', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, status: 'IN_WORK', centreId: 'org-c', consultantId: 'u-cons' });
    expect(calls[0]?.rooms).toEqual(['request:r-1', 'user:u-doctor', 'user:u-cons', 'dispatch:region-nso']);
  });

  it('changed_whenRoutedToACentreOnly_tellsTheCentre', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, centreId: 'org-c' });
    expect(calls[0]?.rooms).toContain('org:org-c');
  });

  it('changed_whenFederal_tellsTheFederalQueue', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, level: 'FEDERAL' });
    expect(calls[0]?.rooms).toContain('dispatch:federal');
    expect(calls[0]?.rooms).not.toContain('dispatch:region-nso');
  });

  it('changed_whenEmergencyEntersTheQueue_raisesTheAlert_onlyWhileNew', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, urgency: 'EMERGENCY' });
    await notifier.changed({ ...change, urgency: 'EMERGENCY', status: 'IN_WORK' });
    expect(calls.map((c) => (c.data as { alert: boolean }).alert)).toEqual([true, false]);
  });

  it('changed_whenChatMessage_skipsTheQueue', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, consultantId: 'u-cons', action: 'message' });
    expect(calls[0]?.rooms).toEqual(['request:r-1', 'user:u-doctor', 'user:u-cons']);
  });

  it('changed_sendsOnlyTheListedFields', async () => {
    const { notifier, calls } = notifierWithBus();
    await notifier.changed({ ...change, question: 'клинические данные' } as RequestChange);
    expect(JSON.stringify(calls[0]?.data)).not.toContain('клинические');
  });
});
