import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { CLOCK, DomainError, systemClock, type StaffActor } from '@tmk/shared-kernel';
import { ProblemDetailsFilter } from '@tmk/shared-infrastructure';
import { testDatabaseUrl } from '@tmk/shared-testing';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_REQUEST_ACCESS,
  ATTACHMENT_STORE,
  AttachmentService,
  FILE_STORAGE,
  type AttachmentRequestAccess,
} from '@tmk/consultations-application';
import { LocalFileStorage, SqlAttachmentStore } from '@tmk/consultations-infrastructure';
import { AttachmentsController } from './attachments.controller';

type Loaded = Awaited<ReturnType<AttachmentRequestAccess['load']>>;

/**
 * The attachment endpoints over HTTP (multipart in, streamed file out, audited reads) on real PostgreSQL;
 * the actor and the request access are stubbed (the access guard and RequestService are tested elsewhere).
 */
describe('attachment endpoints (real PostgreSQL)', () => {
  let app: INestApplication;
  let db: DataSource;
  let dir: string;
  let base: string;
  const requestId = randomUUID();
  const patientId = randomUUID();
  const doctor: StaffActor = {
    kind: 'staff',
    userId: randomUUID(),
    sessionId: 's',
    organisationId: randomUUID(),
    regionId: randomUUID(),
    roles: ['REQUESTING_DOCTOR'],
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tmk-attachments-http-'));
    const access: AttachmentRequestAccess = {
      load: (_actor, id) => {
        if (id !== requestId) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
        const snapshot = { id, status: 'IN_WORK', patientId, requesterId: doctor.userId };
        return Promise.resolve({
          request: { snapshot } as unknown as Loaded['request'],
          relations: new Set(['REQUESTER'] as const),
        });
      },
    };
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot({ type: 'postgres', url: testDatabaseUrl(), extra: { max: 2 } })],
      controllers: [AttachmentsController],
      providers: [
        AttachmentService,
        { provide: ATTACHMENT_STORE, useClass: SqlAttachmentStore },
        { provide: FILE_STORAGE, useValue: new LocalFileStorage(dir) },
        { provide: ATTACHMENT_LIMITS, useValue: { maxFileBytes: 128 * 1024, maxRequestBytes: 1024 * 1024 } },
        { provide: ATTACHMENT_REQUEST_ACCESS, useValue: access },
        { provide: CLOCK, useValue: systemClock },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use((req: Request & { actor?: StaffActor }, _res: Response, next: NextFunction) => {
      req.actor = doctor; // what the global access guard does for a signed-in doctor
      next();
    });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/consultations/requests/${requestId}/attachments`;
    db = app.get<DataSource>(getDataSourceToken());
    await db.query(
      `INSERT INTO consultations.request (id, status, level, urgency, mode, region_id, requester_id,
         requester_organisation_id, patient_id, profile_code, content, version)
       VALUES ($1, 'IN_WORK', 'REGIONAL', 'URGENT', 'DEFERRED', $2, $3, $4, $5, '39', '{}', 1)`,
      [requestId, doctor.regionId, doctor.userId, doctor.organisationId, patientId],
    );
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return fetch(base, { method: 'POST', body: form });
  };

  const reads = async (resourceId: string): Promise<{ action: string; patientIds: string[] }[]> => {
    const rows: { payload: { action: string; patientIds: string[] } }[] = await db.query(
      `SELECT payload FROM messaging.outbox WHERE type = 'platform.DataAccessed' AND payload->>'resourceId' = $1`,
      [resourceId],
    );
    return rows.map((r) => r.payload);
  };

  it('upload_list_download_roundTripWithAuditedReads', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40_000, 0x41)]);

    const created = await upload(pdf, 'Спирограмма "итог".pdf');
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.any(String),
      messageId: null,
      fileName: 'Спирограмма "итог".pdf',
      mediaType: 'application/pdf',
      kind: 'PDF',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      uploadedBy: doctor.userId,
    });
    const id = body['id'] as string;

    const list = await fetch(base);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { id: string }[]).map((a) => a.id)).toEqual([id]);
    expect(await reads(requestId)).toEqual([
      expect.objectContaining({ action: 'read', patientIds: [patientId] }),
    ]);

    const download = await fetch(`${base}/${id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe(String(pdf.length));
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="___________ ______.pdf"; filename*=UTF-8''${encodeURIComponent('Спирограмма "итог".pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(await reads(id)).toEqual([
      expect.objectContaining({ action: 'download', patientIds: [patientId] }),
    ]);
  });

  it('upload_whenExecutableOrTooLarge_answersProblemAndKeepsNothing', async () => {
    const before = await readdir(dir, { recursive: true });

    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(50_000, 1)]), 'scan.pdf');
    expect(exe.status).toBe(400);
    expect(await exe.json()).toMatchObject({ code: 'CONSULTATIONS.FILE_TYPE_NOT_ALLOWED', status: 400 });

    const big = await upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(130 * 1024)]), 'big.pdf');
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'CONSULTATIONS.FILE_TOO_LARGE', maxBytes: 128 * 1024 });

    const [row]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM consultations.attachment WHERE request_id = $1 AND file_name IN ('scan.pdf', 'big.pdf')`,
      [requestId],
    );
    expect(row?.n).toBe(0);
    expect(await readdir(dir, { recursive: true })).toEqual(before);
  });

  it('upload_whenNotRelatedOrNotMultipart_answersBeforeReadingTheBody', async () => {
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4']), 'a.pdf');
    const other = base.replace(requestId, randomUUID());
    const unrelated = await fetch(other, { method: 'POST', body: form });
    expect(unrelated.status).toBe(404);
    expect(await unrelated.json()).toMatchObject({ code: 'CONSULTATIONS.NOT_FOUND' });

    const json = await fetch(base, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'CONSULTATIONS.MULTIPART_REQUIRED' });
  });

  it('download_whenUnknownAttachment_answers404', async () => {
    const res = await fetch(`${base}/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'CONSULTATIONS.ATTACHMENT_NOT_FOUND' });
  });
});
