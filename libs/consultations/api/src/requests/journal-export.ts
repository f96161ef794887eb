import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { stream as excelStream } from 'exceljs';
import { DataAccessedV1, newId } from '@tmk/shared-kernel';
import { appendToOutboxNow, cellText, csvCell } from '@tmk/shared-infrastructure';
import type { RequestListItem } from '@tmk/consultations-application';

/** Columns of the journal of telemedicine consultations ([001] item 6), as exported. */
const COLUMNS: readonly { key: keyof RequestListItem | 'deadline'; header: string; width: number }[] = [
  { key: 'number', header: 'Номер', width: 18 },
  { key: 'receivedAt', header: 'Поступило', width: 22 },
  { key: 'urgency', header: 'Форма', width: 12 },
  { key: 'profileCode', header: 'Профиль', width: 10 },
  { key: 'status', header: 'Статус', width: 22 },
  { key: 'patientName', header: 'Пациент', width: 32 },
  { key: 'patientBirthDate', header: 'Дата рождения', width: 14 },
  { key: 'requesterOrganisationName', header: 'Запрашивающая МО', width: 32 },
  { key: 'requesterName', header: 'Лечащий врач', width: 24 },
  { key: 'centreName', header: 'Консультирующий центр', width: 28 },
  { key: 'consultantName', header: 'Консультант', width: 24 },
  { key: 'dueAt', header: 'Срок', width: 22 },
  { key: 'answeredAt', header: 'Ответ', width: 22 },
  { key: 'deadline', header: 'Срок соблюдён', width: 14 },
];

function value(item: RequestListItem, key: (typeof COLUMNS)[number]['key']): unknown {
  if (key === 'deadline') return item.slaState === 'BREACHED' ? 'нет' : item.answeredAt ? 'да' : '';
  return item[key];
}

/**
 * Streams the journal to the response batch by batch (keyset pages of the query): memory stays flat for
 * any number of rows. Each batch's patients are recorded as one audited export before it is written.
 */
export async function streamJournal(
  res: Response,
  rows: AsyncIterable<RequestListItem[]>,
  format: 'xlsx' | 'csv',
  db: DataSource,
  path: string,
): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10);
  res.setHeader('Content-Disposition', `attachment; filename="journal-${stamp}.${format}"`);
  res.setHeader('Cache-Control', 'no-store');
  const audit = (batch: RequestListItem[]) =>
    appendToOutboxNow(db, [
      {
        id: newId(),
        type: DataAccessedV1.type,
        version: DataAccessedV1.version,
        occurredAt: new Date().toISOString(),
        aggregateId: batch[0]?.id ?? 'journal',
        correlationId: null,
        payload: {
          resourceType: 'consultation-journal',
          resourceId: null,
          patientIds: [...new Set(batch.map((r) => r.patientId))],
          action: 'export',
          path,
        },
      },
    ]);
  const write = (chunk: string) =>
    res.write(chunk) ? Promise.resolve() : new Promise<void>((ok) => res.once('drain', () => ok()));

  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    await write(`\uFEFF${COLUMNS.map((c) => csvCell(c.header)).join(';')}\r\n`);
    for await (const batch of rows) {
      await audit(batch);
      await write(
        batch.map((r) => COLUMNS.map((c) => csvCell(value(r, c.key))).join(';')).join('\r\n') + '\r\n',
      );
    }
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new excelStream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Журнал');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const batch of rows) {
    await audit(batch);
    for (const r of batch) {
      sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, cellText(value(r, c.key))]))).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
