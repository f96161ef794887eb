import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import {
  CONCLUSION_RESPONSIBILITY_NOTE,
  type ConclusionDiagnosisKind,
  type ConclusionDocument,
  type ConclusionForm,
  type ConclusionOrganisation,
  type ConclusionPerson,
} from '@tmk/signing-domain';
import { dateParts } from './dates';

/**
 * Renders the consultant's conclusion to PDF with pdfmake 0.3 (server entry) from a per-profile template.
 *
 * - Cyrillic text in PT Sans (vendored TTF, `./fonts`, ParaType Free Font License), embedded as subsets.
 * - Templates cannot reach anything: the URL and local-file access policies deny everything, and the fonts
 *   are handed to pdfmake through its in-memory virtual file system.
 * - Deterministic: the PDF's CreationDate is `concludedAt` and its file ID is derived from the metadata
 *   (pdfkit hashes the info dictionary), font subset tags from the font's order — the same input renders
 *   the same bytes.
 */

/** A pdfmake document definition (typed loosely: pdfmake 0.3 ships no types). */
export type PdfDocDefinition = Record<string, unknown>;
type Content = unknown;

/** A template turns the conclusion into a pdfmake document definition (no I/O, no clock, no randomness). */
export type ConclusionTemplate = (doc: ConclusionDocument) => PdfDocDefinition;

export const DEFAULT_CONCLUSION_TEMPLATE = 'default';

const FONT_FAMILY = 'PTSans';
const FONT_FILES = {
  normal: 'PTSans-Regular.ttf',
  bold: 'PTSans-Bold.ttf',
  italics: 'PTSans-Italic.ttf',
  bolditalics: 'PTSans-BoldItalic.ttf',
} as const;
/** Prefix of our entries in pdfmake's virtual file system (a process-wide singleton). */
const VFS_PREFIX = 'tmk-signing/';

/** Marks the running header and the footer, which pdfmake lists among a page's nodes. */
const PAGE_FURNITURE_ID = 'page-furniture';

export const CONCLUSION_TITLE = 'Заключение телемедицинской консультации';

const FORM_LABEL: Readonly<Record<ConclusionForm, string>> = {
  planned: 'плановая',
  urgent: 'неотложная',
  emergency: 'экстренная',
};

const DIAGNOSIS_LABEL: Readonly<Record<ConclusionDiagnosisKind, string>> = {
  main: 'Основной',
  complication: 'Осложнение основного',
  concomitant: 'Сопутствующий',
};
const DIAGNOSIS_ORDER: readonly ConclusionDiagnosisKind[] = ['main', 'complication', 'concomitant'];

let fontsLoaded = false;

/** Directory of the vendored fonts: next to this module, in the sources and in swc's output alike. */
export function conclusionFontDir(): string {
  return join(__dirname, 'fonts');
}

function configurePdfmake(): void {
  if (!fontsLoaded) {
    for (const file of Object.values(FONT_FILES)) {
      pdfmake.virtualfs.writeFileSync(VFS_PREFIX + file, readFileSync(join(conclusionFontDir(), file)));
    }
    fontsLoaded = true;
  }
  pdfmake.setFonts({
    [FONT_FAMILY]: {
      normal: VFS_PREFIX + FONT_FILES.normal,
      bold: VFS_PREFIX + FONT_FILES.bold,
      italics: VFS_PREFIX + FONT_FILES.italics,
      bolditalics: VFS_PREFIX + FONT_FILES.bolditalics,
    },
  });
  // A template (or a value in it) must never fetch a URL or read a local file: images, fonts and
  // attachments can come only from the virtual file system (our fonts) or inline data.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  // createPdf() overwrites options.tableLayouts with the instance's, so they are set here.
  pdfmake.setTableLayouts(TABLE_LAYOUTS);
}

// ── formatting ───────────────────────────────────────────────────────────────────────────────────────────

function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

function formatDateTime(date: Date, timeZone: string): string {
  const { date: day, time } = dateParts(date, timeZone);
  return `${day} ${time}`;
}

function personLine(person: ConclusionPerson): string {
  return person.position ? `${person.fullName}, ${person.position}` : person.fullName;
}

function organisationLines(org: ConclusionOrganisation): string {
  return [org.name, org.unit, org.address].filter((s): s is string => !!s && s.trim() !== '').join('\n');
}

/** Normalises line ends and drops trailing spaces; keeps the author's paragraphs. */
function paragraphs(text: string): Content[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')
        .trim(),
    )
    .filter((b) => b !== '');
  return blocks.map((b) => ({ text: b, style: 'body' }));
}

function section(title: string, body: Content | Content[], unbreakable = false): Content {
  return {
    stack: [
      { text: title, style: 'sectionTitle', headlineLevel: 1 },
      ...(Array.isArray(body) ? body : [body]),
    ],
    ...(unbreakable ? { unbreakable: true } : {}),
  };
}

function fields(rows: ReadonlyArray<readonly [string, string | undefined]>): Content {
  const present = rows.filter((r): r is readonly [string, string] => !!r[1] && r[1].trim() !== '');
  return {
    table: {
      widths: [150, '*'],
      body: present.map(([label, value]) => [
        { text: label, style: 'fieldLabel' },
        { text: value, style: 'body' },
      ]),
    },
    layout: 'fields',
  };
}

// ── the default template ─────────────────────────────────────────────────────────────────────────────────

function diagnosesTable(doc: ConclusionDocument): Content {
  const rank = (k: ConclusionDiagnosisKind) => DIAGNOSIS_ORDER.indexOf(k);
  // Stable sort: main first, then complications, then concomitant, each in the author's order.
  const sorted = doc.diagnoses
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d.kind) - rank(b.d.kind) || a.i - b.i)
    .map(({ d }) => d);
  if (sorted.length === 0) return { text: 'Не установлены.', style: 'body' };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [110, 70, '*'],
      body: [
        [
          { text: 'Диагноз', style: 'tableHeader' },
          { text: 'Код МКБ-10', style: 'tableHeader' },
          { text: 'Формулировка', style: 'tableHeader' },
        ],
        ...sorted.map((d) => [
          { text: DIAGNOSIS_LABEL[d.kind], style: 'tableCell', bold: d.kind === 'main' },
          { text: d.icd10Code, style: 'tableCell' },
          { text: d.text, style: 'tableCell' },
        ]),
      ],
    },
    layout: 'diagnoses',
    margin: [0, 2, 0, 0],
  };
}

export const defaultConclusionTemplate: ConclusionTemplate = (doc) => {
  const tz = doc.timeZone;
  const header: Content[] = [
    { text: doc.issuer.name, style: 'issuer' },
    ...(doc.issuer.unit ? [{ text: doc.issuer.unit, style: 'issuerUnit' }] : []),
    ...(doc.issuer.address ? [{ text: doc.issuer.address, style: 'issuerUnit' }] : []),
    {
      canvas: [{ type: 'line', x1: 0, y1: 0, x2: 495, y2: 0, lineWidth: 0.8 }],
      margin: [0, 6, 0, 10],
    },
    { text: CONCLUSION_TITLE, style: 'title' },
    { text: `по обращению № ${doc.requestNumber}`, style: 'subtitle' },
    fields([
      ['Дата обращения', formatDateTime(doc.requestedAt, tz)],
      ['Дата заключения', formatDateTime(doc.concludedAt, tz)],
      ['Форма консультации', doc.form ? FORM_LABEL[doc.form] : undefined],
      ['Профиль', doc.profile],
    ]),
  ];

  const content: Content[] = [
    ...header,
    section(
      'Пациент',
      fields([
        ['ФИО', doc.patient.fullName],
        // A calendar date: always UTC, never shifted by the print time zone.
        ['Дата рождения', doc.patient.birthDate ? formatDate(doc.patient.birthDate, 'UTC') : 'не указана'],
        ['Пол', doc.patient.sex ? (doc.patient.sex === 'male' ? 'мужской' : 'женский') : undefined],
        ['Номер медицинской карты', doc.patient.recordNumber],
      ]),
    ),
    section(
      'Запрашивающая сторона',
      fields([
        ['Медицинская организация', organisationLines(doc.requesting.organisation)],
        ['Лечащий врач', personLine(doc.requesting.doctor)],
      ]),
    ),
    section(
      'Консультирующая сторона',
      fields([
        ['Консультирующий центр', organisationLines(doc.consulting.centre)],
        ['Врач-консультант', personLine(doc.consulting.consultant)],
      ]),
    ),
    section('Вопрос к консультанту', paragraphs(doc.question)),
    section('Краткий анамнез', paragraphs(doc.anamnesisSummary)),
    // A short table stays on one page with its title; a long one breaks between rows (header repeated).
    section('Диагнозы', diagnosesTable(doc), doc.diagnoses.length <= 12),
    section('Заключение', paragraphs(doc.conclusion)),
    section('Рекомендации', paragraphs(doc.recommendations)),
    ...(doc.additionalRecommendations && doc.additionalRecommendations.trim() !== ''
      ? [section('Дополнительные рекомендации', paragraphs(doc.additionalRecommendations))]
      : []),
    section(
      'Необходимость очной консультации или перевода',
      paragraphs(
        doc.inPersonVisitOrTransfer && doc.inPersonVisitOrTransfer.trim() !== ''
          ? doc.inPersonVisitOrTransfer
          : 'Не требуется.',
      ),
    ),
    ...(doc.attachments && doc.attachments.length > 0
      ? [section('Приложения', { ul: doc.attachments.map((a) => ({ text: a, style: 'body' })) })]
      : []),
    {
      // The consultant's block and the responsibility note stay together on one page.
      unbreakable: true,
      stack: [
        {
          columns: [
            { width: '*', text: `Врач-консультант: ${personLine(doc.consulting.consultant)}`, style: 'body' },
            { width: 'auto', text: formatDate(doc.concludedAt, tz), style: 'body' },
          ],
          margin: [0, 18, 0, 0],
        },
        { text: 'Документ подписывается усиленной квалифицированной электронной подписью.', style: 'small' },
        { text: `${CONCLUSION_RESPONSIBILITY_NOTE}.`, style: 'note' },
      ],
    },
  ];

  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    info: {
      title: `${CONCLUSION_TITLE} № ${doc.requestNumber}`,
      author: doc.consulting.consultant.fullName,
      subject: CONCLUSION_TITLE,
      creator: doc.issuer.name,
      producer: 'ТМК',
      creationDate: doc.concludedAt,
    },
    language: 'ru-RU',
    // No orphaned section titles: a title with nothing after it on its page moves to the next page.
    // (pdfmake 0.3 passes accessors, not the 0.2 arrays; the page's header and footer are among the nodes.)
    pageBreakBefore: (
      node: { headlineLevel?: number },
      nodes: { getFollowingNodesOnPage(): ReadonlyArray<{ id?: string; style?: unknown }> },
    ) =>
      node.headlineLevel === 1 &&
      nodes
        .getFollowingNodesOnPage()
        .every((n) => n.id === PAGE_FURNITURE_ID || n.style === 'runningHeader' || n.style === 'footer'),
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            text: `${CONCLUSION_TITLE} № ${doc.requestNumber} · ${doc.patient.fullName}`,
            id: PAGE_FURNITURE_ID,
            style: 'runningHeader',
            margin: [50, 24, 50, 0],
          },
    footer: (currentPage: number, pageCount: number) => ({
      id: PAGE_FURNITURE_ID,
      columns: [
        { text: doc.issuer.name, style: 'footer', width: '*' },
        {
          text: `Страница ${currentPage} из ${pageCount}`,
          style: 'footer',
          alignment: 'right',
          width: 'auto',
        },
      ],
      margin: [50, 18, 50, 0],
    }),
    content,
    defaultStyle: { font: FONT_FAMILY, fontSize: 10.5, lineHeight: 1.15 },
    styles: {
      issuer: { fontSize: 12, bold: true, alignment: 'center' },
      issuerUnit: { fontSize: 9.5, alignment: 'center', color: '#333333' },
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 11, alignment: 'center', margin: [0, 0, 0, 10] },
      sectionTitle: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      fieldLabel: { color: '#444444' },
      body: { margin: [0, 0, 0, 4] },
      tableHeader: { bold: true, fillColor: '#eeeeee' },
      tableCell: {},
      small: { fontSize: 9, color: '#444444', margin: [0, 4, 0, 0] },
      note: { fontSize: 10, italics: true, bold: true, margin: [0, 8, 0, 0] },
      runningHeader: { fontSize: 8.5, color: '#555555' },
      footer: { fontSize: 8.5, color: '#555555' },
    },
  };
};

/** Templates by id (per profile; domain notes §3: the form is set by the profile's federal centres). */
export const CONCLUSION_TEMPLATES: Readonly<Record<string, ConclusionTemplate>> = {
  [DEFAULT_CONCLUSION_TEMPLATE]: defaultConclusionTemplate,
};

const TABLE_LAYOUTS = {
  fields: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 8,
    paddingTop: () => 1,
    paddingBottom: () => 1,
  },
  diagnoses: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => '#888888',
    vLineColor: () => '#888888',
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
};

/** Renders the conclusion with its template (`templateId`, default `default`). */
export async function renderConclusionPdf(
  doc: ConclusionDocument,
  templates: Readonly<Record<string, ConclusionTemplate>> = CONCLUSION_TEMPLATES,
): Promise<Uint8Array> {
  const templateId = doc.templateId ?? DEFAULT_CONCLUSION_TEMPLATE;
  const template = templates[templateId];
  if (!template) throw new Error(`Unknown conclusion template: ${templateId}`);
  configurePdfmake();
  const definition = template(doc);
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
