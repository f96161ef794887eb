import { expect, test } from '@playwright/test';

/**
 * The foundation's thin slice through the real processes: a command in consultations (api) emits an
 * integration event that audit (worker) consumes and stores; the test sees it through the API.
 */
const opsToken = process.env['OPS_TOKEN'] ?? '';

test.describe('event backbone end to end', () => {
  test('a demo ping reaches the audit event log through outbox, relay, queue and consumer', async ({
    request,
  }) => {
    expect(opsToken, 'the test script passes OPS_TOKEN').not.toBe('');
    const headers = { authorization: `Bearer ${opsToken}`, 'x-request-id': `e2e-backbone-${Date.now()}` };
    const created = await request.post('/api/v1/consultations/demo-pings', {
      headers,
      data: { message: 'e2e: связь с аудитом' },
    });
    expect(created.status()).toBe(201);
    const ping = (await created.json()) as { id: string };

    await expect
      .poll(
        async () => {
          const r = await request.get(`/api/v1/audit/event-log?aggregateId=${ping.id}`, { headers });
          return (await r.json()) as {
            eventType: string;
            correlationId: string;
            payload: { message: string };
          }[];
        },
        { timeout: 15_000 },
      )
      .toEqual([
        expect.objectContaining({
          eventType: 'consultations.DemoPingRecorded',
          correlationId: headers['x-request-id'],
          payload: expect.objectContaining({ message: 'e2e: связь с аудитом' }),
        }),
      ]);
  });

  test('the audit log is closed to anonymous callers', async ({ request }) => {
    const r = await request.get('/api/v1/audit/event-log');
    expect(r.status()).toBe(401);
    expect(r.headers()['content-type']).toContain('application/problem+json');
  });

  test('health is ready and the API documentation is served', async ({ request }) => {
    expect((await request.get('/health/ready')).status()).toBe(200);
    expect((await request.get('/api/docs-json')).status()).toBe(200);
  });
});
