import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONCLUSION_RESPONSIBILITY_NOTE, type ConclusionDocument } from '@tmk/signing-domain';
import {
  CONCLUSION_TITLE,
  defaultConclusionTemplate,
  renderConclusionPdf,
  type ConclusionTemplate,
} from './conclusion-pdf';
import { ensurePoppler, exec } from './testing/poppler';

import { SAMPLE_CONCLUSION as LONG_CONCLUSION } from './testing/sample-conclusion';

describe('renderConclusionPdf', () => {
  let dir: string;
  let pdf: Uint8Array;
  let pdfPath: string;

  beforeAll(async () => {
    ensurePoppler();
    dir = mkdtempSync(join(tmpdir(), 'tmk-conclusion-pdf-'));
    pdf = await renderConclusionPdf(LONG_CONCLUSION);
    pdfPath = join(dir, 'conclusion.pdf');
    writeFileSync(pdfPath, pdf);
    // PDF_LOOK_DIR=/tmp/pdf-look → keep the PDF and its pages as PNG (60 dpi) to look at.
    const look = process.env['PDF_LOOK_DIR'];
    if (look) {
      mkdirSync(look, { recursive: true });
      writeFileSync(join(look, 'conclusion.pdf'), pdf);
      exec('pdftoppm', ['-png', '-r', '60', pdfPath, join(look, 'page')]);
    }
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const text = () => {
    const r = exec('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']);
    expect(r.status).toBe(0);
    return r.stdout;
  };

  it('renders a valid three-page A4 PDF', () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const info = exec('pdfinfo', [pdfPath]);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/^Pages:\s+3$/m);
    expect(info.stdout).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info.stdout).toMatch(/Title:\s+Заключение телемедицинской консультации № ТМК-2026-000123/);
  });

  it('has the Cyrillic text extractable: header, sections, diagnoses, the note and page numbers', () => {
    const t = text();
    for (const expected of [
      'ГБУЗ «Региональный сосудистый центр»',
      CONCLUSION_TITLE,
      'по обращению № ТМК-2026-000123',
      '30.11.2026 09:15', // requestedAt in Europe/Moscow
      '30.11.2026 14:42', // concludedAt in Europe/Moscow
      'Иванов Пётр Сергеевич',
      '07.03.1958',
      'ГБУЗ «Кашинская ЦРБ»',
      'Смирнова Анна Викторовна, врач-терапевт',
      'Кузнецов Игорь Александрович, врач-кардиолог, к.м.н.',
      'Вопрос к консультанту',
      'Краткий анамнез',
      'Нестабильная стенокардия',
      'I20.0',
      'E11.9',
      'Сопутствующий',
      'Рекомендации',
      'Дополнительные рекомендации',
      'Необходимость очной консультации или перевода',
      'Требуется перевод в региональный сосудистый центр',
      CONCLUSION_RESPONSIBILITY_NOTE,
      'Страница 1 из 3',
      'Страница 2 из 3',
      'Страница 3 из 3',
    ]) {
      expect(t).toContain(expected);
    }
    // Main diagnosis first in the table, whatever the input order.
    expect(t.indexOf('I20.0')).toBeLessThan(t.indexOf('I50.0'));
    expect(t.indexOf('I50.0')).toBeLessThan(t.indexOf('E11.9'));
  });

  it('embeds the font (subsets of PT Sans, no base-14 fallback)', () => {
    const r = exec('pdffonts', [pdfPath]);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+PTSans/);
      // columns: name type encoding emb sub uni object ID
      expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    }
  });

  it('rasterises with visible glyphs (no blank pages)', () => {
    const out = join(dir, 'png');
    mkdirSync(out);
    const r = exec('pdftoppm', ['-gray', '-r', '30', pdfPath, join(out, 'p')]);
    expect(r.status).toBe(0);
    const pages = readdirSync(out)
      .filter((f) => f.endsWith('.pgm'))
      .sort();
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel. Blank glyphs (a broken font subset)
      // would leave the page white while pdftotext still finds the text.
      const pgm = readFileSync(join(out, page));
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 32).toString('latin1'));
      expect(header).not.toBeNull();
      const pixels = pgm.subarray(pgm.length - Number(header![1]) * Number(header![2]));
      const dark = pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
      expect(dark / pixels.length).toBeGreaterThan(0.01);
    }
  });

  it('is deterministic: the same input renders the same bytes', async () => {
    const again = await renderConclusionPdf(LONG_CONCLUSION);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const other = await renderConclusionPdf({
      ...LONG_CONCLUSION,
      concludedAt: new Date('2026-12-01T08:00:00Z'),
    });
    expect(Buffer.from(other).equals(Buffer.from(pdf))).toBe(false);
  });

  it('prints «Не требуется» and no extra sections when the optional fields are absent', async () => {
    const short: ConclusionDocument = {
      ...LONG_CONCLUSION,
      anamnesisSummary: 'Коротко.',
      conclusion: 'Коротко.',
      recommendations: 'Коротко.',
      additionalRecommendations: undefined,
      inPersonVisitOrTransfer: undefined,
      attachments: undefined,
    };
    const path = join(dir, 'short.pdf');
    writeFileSync(path, await renderConclusionPdf(short));
    const t = exec('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).stdout;
    expect(t).toContain('Не требуется.');
    expect(t).not.toContain('Дополнительные рекомендации');
    expect(t).toMatch(/Страница 1 из [12]\b/);
  });

  it('rejects an unknown template', async () => {
    await expect(renderConclusionPdf({ ...LONG_CONCLUSION, templateId: 'nope' })).rejects.toThrow(
      'Unknown conclusion template: nope',
    );
  });

  it('does not let a template read local files or fetch URLs', async () => {
    const withImage =
      (src: string): ConclusionTemplate =>
      (doc) => {
        const def = defaultConclusionTemplate(doc);
        return { ...def, content: [{ image: src, width: 10 }] };
      };
    await expect(
      renderConclusionPdf(LONG_CONCLUSION, { default: withImage('/etc/hostname') }),
    ).rejects.toThrow(/denied/);
    await expect(
      renderConclusionPdf(LONG_CONCLUSION, { default: withImage('https://example.invalid/logo.png') }),
    ).rejects.toThrow(/denied/);
    const withFont: ConclusionTemplate = (doc) => ({
      ...defaultConclusionTemplate(doc),
      defaultStyle: { font: 'Roboto' },
    });
    await expect(renderConclusionPdf(LONG_CONCLUSION, { default: withFont })).rejects.toThrow();
  });
});
