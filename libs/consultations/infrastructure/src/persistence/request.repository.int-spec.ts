import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, newId } from '@tmk/shared-kernel';
import { openTestDataSource } from '@tmk/shared-testing';
import { ConsultationRequest } from '@tmk/consultations-domain';
import { SqlConsultationRequestRepository } from './request.repository';

describe('consultation requests on PostgreSQL', () => {
  let db: DataSource;
  let repo: SqlConsultationRequestRepository;

  beforeAll(async () => {
    db = await openTestDataSource([], 12);
    repo = new SqlConsultationRequestRepository(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  function draft(regionId: string): ConsultationRequest {
    return ConsultationRequest.draft({
      id: newId(),
      urgency: 'URGENT',
      mode: 'DEFERRED',
      regionId,
      requesterId: randomUUID(),
      requesterOrganisationId: randomUUID(),
      patientId: randomUUID(),
      profileCode: '39',
      labels: {
        patientName: 'Смирнов Иван Сергеевич',
        patientBirthDate: '1960-05-01',
        requesterName: 'Петров П. П.',
        requesterOrganisationName: 'Кыштовская ЦРБ',
        centreName: null,
        consultantName: null,
      },
      centreId: null,
      consultantId: null,
      content: {
        question: 'Тактика?',
        reason: 'нет кардиолога',
        diagnosisCode: 'I20.0',
        anamnesis: '',
        complaints: '',
        examination: '',
        consent: 'GIVEN',
        consentReason: null,
      },
    });
  }

  it('numbers are unique and gapless per region and year, even when drawn concurrently', async () => {
    const region = randomUUID();
    const numbers = await Promise.all(Array.from({ length: 20 }, () => repo.nextNumber(region, '54', 2026)));
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `54-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(await repo.nextNumber(region, '54', 2027)).toBe('54-2027-000001');
  });

  it('two dispatchers assign at the same moment: one wins, the other gets 409 with the current state', async () => {
    const region = randomUUID();
    const request = draft(region);
    const at = new Date();
    request.submit(request.snapshot.requesterId, at, {
      number: await repo.nextNumber(region, '54', 2026),
      dueAt: new Date(at.getTime() + 86_400_000),
      warnAt: new Date(at.getTime() + 0.8 * 86_400_000),
    });
    await repo.insert(request, []);
    const [a, b] = [await repo.findById(request.snapshot.id), await repo.findById(request.snapshot.id)];
    // a calendar date comes back as the same string (it came back as a Date before; signing's PDF broke on it)
    expect(a?.snapshot.labels.patientBirthDate).toBe('1960-05-01');
    const to = () => ({
      centreId: randomUUID(),
      centreName: 'ГНОКБ',
      consultantId: randomUUID(),
      consultantName: 'Иванова И. И.',
    });
    a?.assign('dispatcher-a', new Date(), to());
    b?.assign('dispatcher-b', new Date(), to());
    const results = await Promise.allSettled([
      repo.save(a as ConsultationRequest, []),
      repo.save(b as ConsultationRequest, []),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(DomainError);
    expect(failure.reason).toMatchObject({ code: 'CONSULTATIONS.CONCURRENT_CHANGE', kind: 'conflict' });
    expect((failure.reason as DomainError).extra['current']).toMatchObject({
      status: 'ASSIGNED',
      version: 2,
    });
    const history: { action: string }[] = await db.query(
      `SELECT action FROM consultations.request_history WHERE request_id = $1 ORDER BY id`,
      [request.snapshot.id],
    );
    expect(history.map((h) => h.action)).toEqual(['submit', 'assign']);
  });
});
