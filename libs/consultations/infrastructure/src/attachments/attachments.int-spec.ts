import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { DomainError, FixedClock, type StaffActor } from '@tmk/shared-kernel';
import { openTestDataSource } from '@tmk/shared-testing';
import type { ConsultationRequest, RequestRelation, RequestStatus } from '@tmk/consultations-domain';
import {
  AttachmentService,
  type AttachmentLimits,
  type AttachmentRequestAccess,
} from '@tmk/consultations-application';
import { SqlAttachmentStore } from './attachment.store';
import { LocalFileStorage } from './local-file-storage';

/** Attachments on real PostgreSQL and a real folder: what is refused leaves neither a row nor a file. */
describe('attachments (real PostgreSQL, local folder)', () => {
  let db: DataSource;
  const folders: string[] = [];

  beforeAll(async () => {
    db = await openTestDataSource([], 4);
  });

  afterAll(async () => {
    await db.destroy();
    await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
  });

  const doctor: StaffActor = {
    kind: 'staff',
    userId: randomUUID(),
    sessionId: 's',
    organisationId: randomUUID(),
    regionId: randomUUID(),
    roles: ['REQUESTING_DOCTOR'],
  };

  interface Fixture {
    requestId: string;
    patientId: string;
    dir: string;
    storage: LocalFileStorage;
    service: AttachmentService;
  }

  /** A request row, a fresh folder, and the service with an access stub (the real check is RequestService's). */
  async function setup(
    options: {
      limits?: Partial<AttachmentLimits>;
      status?: RequestStatus;
      relations?: RequestRelation[];
      insertRequest?: boolean;
    } = {},
  ): Promise<Fixture> {
    const requestId = randomUUID();
    const patientId = randomUUID();
    const status = options.status ?? 'IN_WORK';
    if (options.insertRequest !== false) {
      await db.query(
        `INSERT INTO consultations.request (id, status, level, urgency, mode, region_id, requester_id,
           requester_organisation_id, patient_id, profile_code, content, version)
         VALUES ($1, $2, 'REGIONAL', 'URGENT', 'DEFERRED', $3, $4, $5, $6, '39', '{}', 1)`,
        [requestId, status, doctor.regionId, doctor.userId, doctor.organisationId, patientId],
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'tmk-attachments-'));
    folders.push(dir);
    const storage = new LocalFileStorage(dir);
    const snapshot = { id: requestId, status, patientId, requesterId: doctor.userId };
    const access: AttachmentRequestAccess = {
      load: (_actor, id) => {
        if (id !== requestId) throw DomainError.notFound('CONSULTATIONS.NOT_FOUND', 'Request not found');
        return Promise.resolve({
          request: { snapshot } as unknown as ConsultationRequest,
          relations: new Set(options.relations ?? ['REQUESTER']),
        });
      },
    };
    const limits = { maxFileBytes: 1024 * 1024, maxRequestBytes: 10 * 1024 * 1024, ...options.limits };
    const service = new AttachmentService(
      access,
      new SqlAttachmentStore(db),
      storage,
      limits,
      new FixedClock(new Date('2026-03-02T10:00:00Z')),
    );
    return { requestId, patientId, dir, storage, service };
  }

  /** Every file under the folder, temporary ones included. */
  async function filesIn(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name));
  }

  /** Whatever is in the folder: files, temporary files and folders. */
  async function leftovers(dir: string): Promise<string[]> {
    return readdir(dir, { recursive: true });
  }

  async function rowsOf(requestId: string): Promise<number> {
    const [row]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM consultations.attachment WHERE request_id = $1`,
      [requestId],
    );
    return row?.n ?? -1;
  }

  /** Streams `bytes` in chunks (as an upload arrives), counting what the consumer pulled. */
  function chunked(bytes: Buffer, chunkSize = 16 * 1024): Readable & { pulled: () => number } {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        for (let at = 0; at < bytes.length; at += chunkSize) {
          const chunk = bytes.subarray(at, at + chunkSize);
          pulled += chunk.length;
          yield chunk;
        }
      })(),
    );
    return Object.assign(stream, { pulled: () => pulled });
  }

  const pdf = (size: number): Buffer => {
    const body = Buffer.alloc(size, 0x20);
    Buffer.from('%PDF-1.7\n').copy(body);
    Buffer.from('\n%%EOF\n').copy(body, size - 7);
    for (let i = 100; i < size - 100; i += 97) body[i] = i % 251; // some binary content
    return body;
  };

  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  ]);

  async function refusal(promise: Promise<unknown>): Promise<DomainError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }

  it('upload_whenValidPdf_storesItWithItsSha256AndSize', async () => {
    const f = await setup();
    const bytes = pdf(300 * 1024);

    const stored = await f.service.upload(doctor, f.requestId, 'C:\\fakepath\\ЭКГ 02.03.pdf', chunked(bytes));

    expect(stored).toMatchObject({
      requestId: f.requestId,
      fileName: 'ЭКГ 02.03.pdf',
      kind: 'PDF',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: doctor.userId,
      uploadedAt: new Date('2026-03-02T10:00:00Z'),
      messageId: null,
    });
    const [row]: { size_bytes: string; sha256: string; storage_key: string }[] = await db.query(
      `SELECT size_bytes, sha256, storage_key FROM consultations.attachment WHERE id = $1`,
      [stored.id],
    );
    expect(row).toEqual({
      size_bytes: String(bytes.length),
      sha256: stored.sha256,
      storage_key: `${f.requestId}/${stored.id}`,
    });
    expect(await filesIn(f.dir)).toEqual([join(f.dir, f.requestId, stored.id)]);

    const opened = await f.service.open(doctor, f.requestId, stored.id);
    expect(opened.patientId).toBe(f.patientId);
    const chunks: Buffer[] = [];
    for await (const chunk of opened.content) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect((await f.service.list(doctor, f.requestId)).items.map((a) => a.id)).toEqual([stored.id]);
  });

  it('upload_whenExecutableNamedPdf_refusesAndLeavesNoRowOrFile', async () => {
    const f = await setup();
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.alloc(200 * 1024, 7),
    ]);
    const upload = chunked(exe);

    const error = await refusal(f.service.upload(doctor, f.requestId, 'report.pdf', upload));

    expect(error).toMatchObject({ code: 'CONSULTATIONS.FILE_TYPE_NOT_ALLOWED', kind: 'validation' });
    expect(error.fieldErrors[0]).toMatchObject({ field: 'file', code: 'TYPE_NOT_ALLOWED' });
    expect(upload.pulled()).toBeLessThan(exe.length); // refused from its first bytes, not after the whole file
    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenSmallFileRefusedOnlyAtItsEnd_leavesNoFileOrFolder', async () => {
    const f = await setup();
    // Shorter than the sniffed head, so it is typed after it was stored: then removed with its folder.
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const zipWithoutOffice = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');

    for (const bytes of [elf, zipWithoutOffice, Buffer.from('text with a NUL\u0000')]) {
      const error = await refusal(f.service.upload(doctor, f.requestId, 'small.txt', chunked(bytes)));
      expect(error.code).toBe('CONSULTATIONS.FILE_TYPE_NOT_ALLOWED');
    }

    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenLargerThanTheLimit_refusesWith413AndLeavesNothing', async () => {
    const f = await setup({ limits: { maxFileBytes: 64 * 1024 } });
    const upload = chunked(pdf(1024 * 1024));

    const error = await refusal(f.service.upload(doctor, f.requestId, 'big.pdf', upload));

    expect(error).toMatchObject({
      code: 'CONSULTATIONS.FILE_TOO_LARGE',
      kind: 'payload_too_large',
      extra: { maxBytes: 64 * 1024 },
    });
    expect(upload.pulled()).toBeLessThan(200 * 1024); // cut short at the limit
    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenEmpty_refusesAndLeavesNothing', async () => {
    const f = await setup();

    const error = await refusal(f.service.upload(doctor, f.requestId, 'empty.pdf', Readable.from([])));

    expect(error).toMatchObject({ code: 'CONSULTATIONS.FILE_EMPTY', kind: 'validation' });
    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenSpreadsheetFromExcelJs_detectsXlsx', async () => {
    const f = await setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Спирометрия');
    sheet.addRow(['Показатель', 'Значение']);
    for (let i = 0; i < 2000; i++) sheet.addRow([`ОФВ1 #${i}`, Math.random()]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const stored = await f.service.upload(doctor, f.requestId, 'спирограмма.bin', chunked(bytes, 4096));

    expect(stored).toMatchObject({
      kind: 'XLSX',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('upload_whenPngNamedTxt_storesItAsPng', async () => {
    const f = await setup();

    const stored = await f.service.upload(doctor, f.requestId, 'scan.txt', chunked(png));

    expect(stored).toMatchObject({ kind: 'PNG', mediaType: 'image/png', fileName: 'scan.txt' });
    expect(await f.storage.exists(`${f.requestId}/${stored.id}`)).toBe(true);
  });

  it('upload_whenTheClientAbortsMidway_leavesNothing', async () => {
    const f = await setup();
    const upload = Readable.from(
      (async function* () {
        yield pdf(64 * 1024);
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('connection reset');
      })(),
    );

    await expect(f.service.upload(doctor, f.requestId, 'cut.pdf', upload)).rejects.toThrow(
      'connection reset',
    );

    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenTheRequestsFilesWouldPassTheQuota_refusesWith413AndLeavesNothingNew', async () => {
    const f = await setup({ limits: { maxFileBytes: 100 * 1024, maxRequestBytes: 150 * 1024 } });
    const first = await f.service.upload(doctor, f.requestId, 'a.pdf', chunked(pdf(100 * 1024)));

    const error = await refusal(f.service.upload(doctor, f.requestId, 'b.pdf', chunked(pdf(60 * 1024))));

    expect(error).toMatchObject({
      code: 'CONSULTATIONS.ATTACHMENTS_QUOTA_EXCEEDED',
      kind: 'payload_too_large',
    });
    expect(error.extra).toEqual({ maxBytes: 150 * 1024, usedBytes: 100 * 1024 });
    expect(await rowsOf(f.requestId)).toBe(1);
    expect(await filesIn(f.dir)).toEqual([join(f.dir, f.requestId, first.id)]);

    await f.service.upload(doctor, f.requestId, 'c.pdf', chunked(pdf(50 * 1024)));
    const full = await refusal(f.service.upload(doctor, f.requestId, 'd.pdf', chunked(pdf(1024))));
    expect(full).toMatchObject({
      code: 'CONSULTATIONS.ATTACHMENTS_QUOTA_EXCEEDED',
      kind: 'payload_too_large',
    });
  });

  it('upload_whenConcurrentUploadsTogetherPassTheQuota_keepsOnlyWhatFits', async () => {
    const f = await setup({ limits: { maxFileBytes: 100 * 1024, maxRequestBytes: 150 * 1024 } });

    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => f.service.upload(doctor, f.requestId, `${i}.pdf`, chunked(pdf(60 * 1024)))),
    );

    const kept = results.filter((r) => r.status === 'fulfilled');
    expect(kept).toHaveLength(2);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONSULTATIONS.ATTACHMENTS_QUOTA_EXCEEDED' });
    expect(await rowsOf(f.requestId)).toBe(2);
    expect(await filesIn(f.dir)).toHaveLength(2);
  });

  it('upload_whenTheRowCannotBeWritten_removesTheStoredFile', async () => {
    const f = await setup({ insertRequest: false }); // the foreign key refuses the row

    await expect(f.service.upload(doctor, f.requestId, 'x.pdf', chunked(pdf(10 * 1024)))).rejects.toThrow(
      /foreign key/,
    );

    expect(await rowsOf(f.requestId)).toBe(0);
    expect(await leftovers(f.dir)).toEqual([]);
  });

  it('upload_whenRequestClosedOrActorOnlyWatches_refusesBeforeReading', async () => {
    const closed = await setup({ status: 'CLOSED' });
    const upload = chunked(pdf(10 * 1024));
    const error = await refusal(closed.service.upload(doctor, closed.requestId, 'late.pdf', upload));
    expect(error).toMatchObject({ code: 'CONSULTATIONS.ATTACHMENTS_CLOSED', kind: 'conflict' });
    expect(upload.destroyed).toBe(true);
    expect(await leftovers(closed.dir)).toEqual([]);

    const centre = await setup({ relations: ['CENTRE'] });
    const denied = await refusal(
      centre.service.upload(doctor, centre.requestId, 'a.pdf', chunked(pdf(1024))),
    );
    expect(denied).toMatchObject({ code: 'CONSULTATIONS.NOT_ALLOWED', kind: 'forbidden' });
    expect(await leftovers(centre.dir)).toEqual([]);
  });

  it('open_whenAttachmentOfAnotherRequest_answers404', async () => {
    const a = await setup();
    const b = await setup();
    const stored = await b.service.upload(doctor, b.requestId, 'b.png', chunked(png));

    const error = await refusal(a.service.open(doctor, a.requestId, stored.id));

    expect(error).toMatchObject({ code: 'CONSULTATIONS.ATTACHMENT_NOT_FOUND', kind: 'not_found' });
  });
});
