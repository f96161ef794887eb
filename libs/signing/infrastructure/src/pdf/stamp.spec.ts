import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { ConclusionDocument, SignerReport } from '@tmk/signing-domain';
import { CmsVerifier } from '../cms/cms-verifier';
import { OpenSslPki } from '../cms/testing/openssl-pki';
import { SAMPLE_CONCLUSION } from './testing/sample-conclusion';
import { renderConclusionPdf } from './conclusion-pdf';
import {
  SIGNATURES_PAGE_TITLE,
  STAMP_TITLE,
  STAMP_TITLE_NOT_CONFIRMED,
  extractSignedPackage,
  formatSigningTime,
  formatSnils,
  stampSignedPdf,
  zoneLabel,
  type StampSignature,
} from './stamp';
import { ensurePoppler, exec } from './testing/poppler';

const STAMPED_AT = new Date('2026-12-01T09:30:00Z');
const TZ = 'Europe/Moscow';
const TITLE = 'Заключение по запросу ТМК-2026-000123';

/** Three pages, the last with room for a row of stamps. */
const CONCLUSION: ConclusionDocument = {
  ...SAMPLE_CONCLUSION,
  additionalRecommendations: undefined,
  attachments: undefined,
};

const bytesOf = (data: Uint8Array | Buffer) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe('stampSignedPdf / extractSignedPackage', () => {
  let dir: string;
  let look: string | undefined;
  let pki: OpenSslPki;
  let original: Uint8Array;
  let der: Uint8Array;
  let report: SignerReport;
  let stamped: Uint8Array;
  let stampedPath: string;
  let originalPath: string;

  const write = (name: string, data: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  const text = (path: string, layout = true) => {
    const r = exec('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']);
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const pageCount = (path: string) => {
    const r = exec('pdfinfo', [path]);
    expect(r.status).toBe(0);
    return Number(/^Pages:\s+(\d+)$/m.exec(r.stdout)?.[1]);
  };
  /** PDF_LOOK_DIR=/tmp/pdf-look → keep the copy and its last page as PNG (60 dpi) to look at. */
  const keep = (name: string, path: string) => {
    if (!look) return;
    writeFileSync(join(look, `${name}.pdf`), readFileSync(path));
    const pages = pageCount(path);
    exec('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), path, join(look, name)]);
  };
  const stamp = (
    signatures: readonly StampSignature[],
    doc = original,
    documentTitle: string | undefined = TITLE,
  ) => stampSignedPdf({ original: doc, signatures, stampedAt: STAMPED_AT, timeZone: TZ, documentTitle });

  beforeAll(async () => {
    ensurePoppler();
    dir = mkdtempSync(join(tmpdir(), 'tmk-stamp-'));
    look = process.env['PDF_LOOK_DIR'];
    if (look) mkdirSync(look, { recursive: true });
    original = await renderConclusionPdf(CONCLUSION);
    originalPath = write('original.pdf', original);
    // A real report: OpenSSL signs the rendered PDF, our verifier checks it.
    pki = new OpenSslPki(join(dir, 'pki'), 'ecdsa-p256');
    der = pki.sign(originalPath, { signer: pki.signer });
    const verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
    const result = await verifier.verify({
      document: original,
      signature: der,
      receivedAt: new Date(),
      expectedSignerSnils: pki.snils,
    });
    expect(result.reasons).toEqual([]);
    report = result.signers[0]!;
    stamped = await stamp([{ der, signer: report, valid: true, fileName: 'conclusion.pdf.sig' }]);
    stampedPath = write('stamped.pdf', stamped);
    keep('stamped-one', stampedPath);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('formats SNILS, the zone and the signing time', () => {
    expect(formatSnils('12345678901')).toBe('123-456-789 01');
    expect(formatSnils('123')).toBe('123');
    expect(zoneLabel(STAMPED_AT, 'Europe/Moscow')).toBe('UTC+3');
    expect(zoneLabel(STAMPED_AT, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(zoneLabel(STAMPED_AT, 'UTC')).toBe('UTC');
    expect(formatSigningTime(STAMPED_AT, 'Asia/Novosibirsk')).toBe('01.12.2026 16:30 (UTC+7)');
  });

  it('stamps the last page with the certificate data and keeps all of the original text', () => {
    expect(pageCount(stampedPath)).toBe(pageCount(originalPath));
    const t = text(stampedPath);
    const dmy = (d: Date) =>
      new Intl.DateTimeFormat('ru-RU', {
        timeZone: TZ,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(d);
    for (const expected of [
      STAMP_TITLE,
      `Сертификат: ${report.serialNumber}`,
      'Владелец: Иванова Мария Петровна',
      'Организация: ГБУЗ Тестовая больница',
      'СНИЛС: 123-456-789 01',
      `Действителен: с ${dmy(report.notBefore)} по ${dmy(report.notAfter)}`,
      `Подписан: ${formatSigningTime(report.signingTime!, TZ)}`,
    ]) {
      expect(t).toContain(expected);
    }
    expect(report.serialNumber).toMatch(/^[0-9A-F]+$/);
    // Every line of the original is still there, unchanged (the stamp is in a band of its own).
    for (const line of text(originalPath).split('\n')) {
      if (line.trim() !== '') expect(t).toContain(line.trim());
    }
    // The stamp is on the last page, below the content.
    const last = exec('pdftotext', [
      '-f',
      '3',
      '-l',
      '3',
      '-layout',
      '-enc',
      'UTF-8',
      stampedPath,
      '-',
    ]).stdout;
    expect(last).toContain(STAMP_TITLE);
    expect(last.indexOf(STAMP_TITLE)).toBeGreaterThan(last.indexOf('Врач-консультант'));
  });

  it('leaves the other pages as they were (the same pixels)', () => {
    const raster = (path: string, page: number) => {
      const prefix = join(dir, `r-${page}-${path === originalPath ? 'o' : 's'}`);
      expect(
        exec('pdftoppm', ['-gray', '-r', '40', '-f', `${page}`, '-l', `${page}`, path, prefix]).status,
      ).toBe(0);
      const file = readdirSync(dir).find((f) => join(dir, f).startsWith(prefix) && f.endsWith('.pgm'));
      return readFileSync(join(dir, file!));
    };
    for (const page of [1, 2])
      expect(raster(stampedPath, page).equals(raster(originalPath, page))).toBe(true);
    expect(raster(stampedPath, 3).equals(raster(originalPath, 3))).toBe(false);
  });

  it('embeds the stamp font as subsets of PT Sans', () => {
    const r = exec('pdffonts', [stampedPath]);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.some((row) => row.startsWith('TMKSTR+PTSans-Regular'))).toBe(true);
    expect(rows.some((row) => row.startsWith('TMKSTB+PTSans-Bold'))).toBe(true);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+PTSans/);
      expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    }
  });

  it('attaches the original and the signature: pdfdetach lists and extracts the same bytes', () => {
    const list = exec('pdfdetach', ['-list', '-enc', 'UTF-8', stampedPath]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^2 embedded files$/m);
    expect(list.stdout).toMatch(/^1: original\.pdf$/m);
    expect(list.stdout).toMatch(/^2: signature-1\.sig$/m);
    const out = join(dir, 'detached');
    mkdirSync(out);
    expect(exec('pdfdetach', ['-saveall', '-o', out, stampedPath]).status).toBe(0);
    expect(readFileSync(join(out, 'original.pdf')).equals(bytesOf(original))).toBe(true);
    expect(readFileSync(join(out, 'signature-1.sig')).equals(bytesOf(der))).toBe(true);
  });

  it('describes the attachments and dates everything from stampedAt', async () => {
    const doc = await PDFDocument.load(stamped, { updateMetadata: false });
    expect(doc.getTitle()).toBe(TITLE);
    expect(doc.getProducer()).toBe('ТМК');
    expect(doc.getCreationDate()?.toISOString()).toBe(STAMPED_AT.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(STAMPED_AT.toISOString());
    expect(doc.catalog.lookup(PDFName.of('PageMode'))).toBe(PDFName.of('UseAttachments'));
    const raw = bytesOf(stamped).toString('latin1');
    // D:20261201093000Z — the attachments' CreationDate and ModDate.
    expect(raw.match(/\/CreationDate \(D:20261201093000Z\)/g)?.length).toBeGreaterThanOrEqual(2);
    expect(raw).toContain('/Subtype /application#2Fpdf');
    expect(raw).toContain('/Subtype /application#2Fpkcs7-signature');
  });

  it('reads the package back byte for byte', async () => {
    const pkg = await extractSignedPackage(stamped);
    expect(pkg).not.toBeNull();
    expect(bytesOf(pkg!.original).equals(bytesOf(original))).toBe(true);
    expect(pkg!.signatures).toHaveLength(1);
    expect(bytesOf(pkg!.signatures[0]!).equals(bytesOf(der))).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await stamp([{ der, signer: report, valid: true, fileName: 'conclusion.pdf.sig' }]);
    expect(bytesOf(again).equals(bytesOf(stamped))).toBe(true);
    const later = await stampSignedPdf({
      original,
      signatures: [{ der, signer: report, valid: true, fileName: 'conclusion.pdf.sig' }],
      stampedAt: new Date(STAMPED_AT.getTime() + 60_000),
      timeZone: TZ,
      documentTitle: TITLE,
    });
    expect(bytesOf(later).equals(bytesOf(stamped))).toBe(false);
  });

  it('two signatures: two stamps, both attached in order', async () => {
    const second: SignerReport = {
      ...report,
      serialNumber: '7C000A1B2C3D4E5F60718293A4B5C6D7E8F9',
      subject: {
        ...report.subject,
        text: 'CN=Кузнецов Игорь Александрович',
        commonName: null,
        surname: 'Кузнецов',
        givenName: 'Игорь Александрович',
        organization:
          'Государственное бюджетное учреждение здравоохранения «Региональный сосудистый центр» Тверской области',
        snils: '98765432109',
      },
    };
    const der2 = Uint8Array.from(der, (b, i) => (i === der.length - 1 ? b ^ 1 : b));
    const two = await stamp([
      { der, signer: report, valid: true },
      { der: der2, signer: second, valid: true },
    ]);
    const path = write('two.pdf', two);
    keep('stamped-two', path);
    expect(pageCount(path)).toBe(3);
    const t = text(path, false);
    expect(t.split(STAMP_TITLE).length - 1).toBe(2);
    expect(t).toContain('Владелец: Кузнецов Игорь Александрович');
    expect(t).toContain('СНИЛС: 987-654-321 09');
    expect(t).toContain('7C000A1B2C3D4E5F60718293A4B5C6D7E8F9');
    const pkg = await extractSignedPackage(two);
    expect(pkg!.signatures.map((s) => bytesOf(s))).toEqual([bytesOf(der), bytesOf(der2)]);
    expect(exec('pdfdetach', ['-list', path]).stdout).toMatch(/^3: signature-2\.sig$/m);
  });

  it('stamps a rejected signature as not confirmed, in red', async () => {
    const rejected = await stamp([{ der, signer: { ...report, reasons: ['CERT_REVOKED'] }, valid: false }]);
    const path = write('rejected.pdf', rejected);
    keep('stamped-rejected', path);
    const t = text(path);
    expect(t).toContain(STAMP_TITLE_NOT_CONFIRMED);
    expect(t).not.toContain(STAMP_TITLE);
  });

  it('appends a page of the same size when the last page has no room for the stamps', async () => {
    // The sample's third page is filled down to the footer.
    const full = await renderConclusionPdf(SAMPLE_CONCLUSION);
    const before = write('full.pdf', full);
    const pages = pageCount(before);
    const copy = await stamp(
      [
        { der, signer: report, valid: true },
        { der, signer: report, valid: true },
        { der, signer: report, valid: true },
      ],
      full,
    );
    const path = write('appended.pdf', copy);
    keep('stamped-appended', path);
    expect(pageCount(path)).toBe(pages + 1);
    const sizes = exec('pdfinfo', ['-f', '1', '-l', String(pages + 1), path]).stdout.match(
      /size:\s+[\d.]+ x [\d.]+ pts/g,
    );
    expect(sizes).toHaveLength(pages + 1);
    expect(new Set(sizes).size).toBe(1);
    const pageText = (n: number) =>
      exec('pdftotext', ['-f', `${n}`, '-l', `${n}`, '-enc', 'UTF-8', path, '-']).stdout;
    const added = pageText(pages + 1);
    expect(added).toContain(SIGNATURES_PAGE_TITLE);
    expect(added).toContain(TITLE);
    expect(added.split(STAMP_TITLE).length - 1).toBe(3);
    // The original's last page got no stamp and kept its text.
    expect(pageText(pages)).not.toContain(STAMP_TITLE);
    expect(pageText(pages)).toBe(
      exec('pdftotext', ['-f', `${pages}`, '-l', `${pages}`, '-enc', 'UTF-8', before, '-']).stdout,
    );
  });

  it('with no signatures only attaches the original', async () => {
    const copy = await stamp([]);
    expect((await PDFDocument.load(copy)).getPageCount()).toBe(3);
    const pkg = await extractSignedPackage(copy);
    expect(bytesOf(pkg!.original).equals(bytesOf(original))).toBe(true);
    expect(pkg!.signatures).toEqual([]);
  });

  it('extract: null for garbage, a PDF without attachments, or other attachments; never throws', async () => {
    // pdf-lib warns on the console about every object it cannot parse.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await extractSignedPackage(new Uint8Array(0))).toBeNull();
    expect(
      await extractSignedPackage(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
    ).toBeNull();
    expect(await extractSignedPackage(new TextEncoder().encode('%PDF-1.7\n%%EOF\n'))).toBeNull();
    expect(await extractSignedPackage(original)).toBeNull();
    const other = await PDFDocument.load(original, { updateMetadata: false });
    await other.attach(new Uint8Array([1, 2, 3]), 'readme.txt', { mimeType: 'text/plain' });
    expect(await extractSignedPackage(await other.save())).toBeNull();
    // Truncated and bit-flipped copies: null or a package, never an exception.
    for (const cut of [100, stamped.length / 2, stamped.length - 10]) {
      const result = await extractSignedPackage(stamped.subarray(0, Math.floor(cut)));
      expect(result === null || result.original.length > 0).toBe(true);
    }
    // An oversized signature attachment (over the 4 MB bound) is left out, not inflated without end.
    const big = await PDFDocument.load(original, { updateMetadata: false });
    await big.attach(original, 'original.pdf', { mimeType: 'application/pdf' });
    await big.attach(new Uint8Array(5 * 1024 * 1024), 'signature-1.sig');
    await big.attach(der, 'signature-2.sig');
    const bounded = await extractSignedPackage(await big.save());
    expect(bounded!.signatures.map((s) => bytesOf(s))).toEqual([bytesOf(der)]);
    const flipped = Uint8Array.from(stamped);
    for (let i = 200; i < flipped.length; i += 997) flipped[i] = flipped[i]! ^ 0x5a;
    const result = await extractSignedPackage(flipped);
    expect(result === null || result.original.length > 0).toBe(true);
    warn.mockRestore();
  });

  it('refuses a PDF it cannot read and an unknown time zone', async () => {
    await expect(stamp([], new TextEncoder().encode('not a pdf'))).rejects.toThrow();
    await expect(
      stampSignedPdf({ original, signatures: [], stampedAt: STAMPED_AT, timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow(RangeError);
  });
});
