import { expect, test, type Page } from '@playwright/test';
import { Client } from 'pg';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  isPhone,
  signInWithPassword,
} from './identity-helpers';
import {
  GNOKB,
  NUMBER,
  PATIENT,
  PATIENT_SNILS,
  actFor,
  csrfOf,
  eventually,
  navigate,
  personPage,
  requestHead,
  screenshot,
  signInThroughForm,
  tinyPdf,
} from './journey-helpers';

/**
 * A doctor–doctor consultation across the two SPAs, on desktop and phone: the requesting doctor (Кыштовская
 * ЦРБ) sends an urgent request with a PDF through the КТЦ, the dispatcher assigns it to the cardiologist of
 * ГНОКБ, the consultant takes it, writes in the chat and asks for more data, the doctor answers, the
 * consultant sends the conclusion for signing, and the journal shows it answered in time. A second journey
 * makes a request overdue in the database and finds it overdue in the doctor's list and the dispatcher's queue.
 * Every person works in their own browser context; every run makes its own requests and finds them by number.
 */

const CONSULTANT_NAME = 'Петров А. Н.';

/**
 * The МКБ-10 code field: a plain text field, or a combobox that lists matching codes — then the option of
 * I20.0 is chosen.
 */
async function fillIcd10(page: Page, name: RegExp, code: string): Promise<void> {
  const field = page.getByRole('combobox', { name }).or(page.getByRole('textbox', { name })).first();
  await field.click();
  await field.fill('');
  await field.pressSequentially(code, { delay: 20 });
  if ((await field.getAttribute('role')) === 'combobox') {
    const option = page.getByRole('option', { name: new RegExp(`^${code.replace('.', '\\.')}`) }).first();
    await option.click();
  }
  await expect(field).toHaveValue(new RegExp(code.replace('.', '\\.')));
}

test.describe('consultations', () => {
  test('an urgent request with a PDF goes from the requesting doctor through the dispatcher to the consultant’s conclusion and into the journal', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(300_000);
    const phone = isPhone(testInfo);
    const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;
    const fileName = `ЭКГ ${tag}.pdf`;
    const question = `Тактика ведения: показана ли коронарография? (e2e ${tag})`;
    const chatText = `Коллега, пришлите, пожалуйста, ЭКГ в динамике (${tag}).`;
    const dataQuestion = `Нужны тропонин I и липидограмма (${tag}).`;
    const dataAnswer = `Тропонин I 0,02 нг/мл, ЛПНП 4,1 ммоль/л (${tag}).`;
    const conclusionText = `Нестабильная стенокардия, показана коронарография в плановом порядке (${tag}).`;

    const doctor = await personPage(browser, testInfo);
    const dispatcher = await personPage(browser, testInfo);
    const consultant = await personPage(browser, testInfo);
    const admin = await personPage(browser, testInfo);
    let id = '';
    let number = '';

    await test.step('the requesting doctor signs in and fills a new urgent request for Смирнов', async () => {
      const page = doctor.page;
      await page.goto('/doctor/requests/create');
      await signInThroughForm(page, 'doctor');
      await expect(page).toHaveURL(/\/doctor\/requests\/create$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Новое обращение' })).toBeVisible();

      await page.getByLabel('Телефон, СНИЛС или полис ОМС').fill(PATIENT_SNILS);
      await page.getByRole('button', { name: 'Найти', exact: true }).click();
      await page.getByRole('button', { name: `Выбрать пациента ${PATIENT}` }).click();
      await expect(page.getByTestId('chosen-patient')).toContainText(PATIENT);

      await page.getByRole('radio', { name: /^Неотложная/ }).check();
      await expect(page.getByRole('radio', { name: /^Отложенная/ })).toBeChecked();
      await page
        .getByLabel('Профиль (специальность консультанта)', { exact: true })
        .selectOption({ label: 'Кардиология' });
      await expect(page.getByRole('radio', { name: /^Через координационный центр/ })).toBeChecked();
      await page.getByLabel('Вопрос(ы) к консультанту', { exact: true }).fill(question);
      await page
        .getByLabel('Обоснование консультации', { exact: true })
        .fill('Нет кардиолога в районной больнице; сомнения в тактике.');
      await fillIcd10(page, /Диагноз по МКБ-10/, 'I20.0');
      await page
        .getByLabel('Жалобы', { exact: true })
        .fill('Давящие боли за грудиной при ходьбе до 100 м, в покое — однократно.');
      await page
        .getByLabel('Анамнез', { exact: true })
        .fill('Гипертоническая болезнь 10 лет. Боли в течение двух недель, нарастают.');
      await page
        .getByLabel('Данные обследования', { exact: true })
        .fill('АД 150/90, ЧСС 82. ЭКГ: депрессия ST в V4–V6 до 1 мм.');
      await expect(page.getByRole('radio', { name: /^Согласие пациента получено/ })).toBeChecked();
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('saves the draft and attaches the ECG as a PDF', async () => {
      const page = doctor.page;
      await page.getByTestId('save-draft').click();
      await expect(page.getByText('Черновик сохранён.')).toBeVisible();
      await expect(page).toHaveURL(/\/doctor\/requests\/[0-9a-f-]{36}\/edit$/);
      id = /requests\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';

      await page
        .locator('input[type="file"]')
        .first()
        .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: tinyPdf(`ECG ${tag}`) });
      await expect(page.getByRole('link', { name: new RegExp(fileName) })).toBeVisible();
      await expect(page.getByText(`Файл «${fileName}» прикреплён.`)).toBeVisible();
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/requests/:id/edit');
      await screenshot(page, 'consultation-request-form.png', phone);
    });

    await test.step('sends it: the request is registered under a «54-…» number and waits for the КТЦ', async () => {
      const page = doctor.page;
      await page.getByTestId('submit-request').click();
      await expect(page).toHaveURL(new RegExp(`/doctor/requests/${id}$`));
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(new RegExp(`^№ ${NUMBER.source}$`));
      number = NUMBER.exec((await heading.textContent()) ?? '')?.[0] ?? '';
      expect(number).toMatch(NUMBER);
      await expect(page.getByText(/Обращение отправлено и зарегистрировано под номером/)).toBeVisible();
      await expect(requestHead(page)).toContainText('Неотложная');
      await expect(requestHead(page)).toContainText('Зарегистрировано');
      await expect(requestHead(page)).toContainText(/осталось/);
      await expect(page.getByRole('link', { name: new RegExp(fileName) })).toBeVisible();
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('the dispatcher signs in and finds the request in the queue', async () => {
      const page = dispatcher.page;
      await page.goto('/coordinator/queue');
      await signInThroughForm(page, 'dispatcher');
      await expect(page).toHaveURL(/\/coordinator\/queue$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Очередь обращений' })).toBeVisible();
      const row = page.getByTestId('queue-row').filter({ hasText: number });
      await expect(row).toBeVisible();
      await expect(row).toContainText('Неотложная');
      await expect(row).toContainText('Новое');
      await expect(row).toContainText('не назначен');
      await expect(row).toContainText(PATIENT);
      await expect(row).toContainText('Кыштовская');
      await expect(row).toContainText('Кардиология');
      await expect(row.getByTestId('queue-countdown')).toContainText('осталось');
      await expectNoHorizontalScroll(page, testInfo);
      await row.getByRole('link', { name: `Открыть обращение ${number}` }).click();
    });

    await test.step('opens it beside the list (instead of it on a phone) and assigns the cardiologist of ГНОКБ', async () => {
      const page = dispatcher.page;
      const panel = page.getByTestId('request-panel');
      await expect(panel.getByRole('heading', { level: 2, name: `Обращение ${number}` })).toBeVisible();
      await expect(panel).toContainText(question);
      await expect(panel).toContainText('I20.0');
      await expect(page.getByTestId('queue-row').filter({ hasText: number })).toBeVisible({
        visible: !phone,
      });

      await panel.getByRole('button', { name: 'Назначить', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Назначение обращения ${number}` });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel('Консультативный центр', { exact: true }).selectOption(GNOKB);
      await dialog.getByLabel('Консультант', { exact: true }).selectOption({ label: CONSULTANT_NAME });
      await dialog.getByRole('button', { name: 'Назначить', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(`Обращение ${number} назначено: ГНОКБ.`)).toBeVisible();
      await expect(panel).toContainText('Назначено');
      await expect(panel).toContainText(CONSULTANT_NAME);

      // the filters narrow the list to urgent cardiology; the request stays, now with its assignee
      await page.getByLabel('Форма', { exact: true }).selectOption({ label: 'Неотложная' });
      await page.getByLabel('Профиль', { exact: true }).selectOption({ label: 'Кардиология' });
      await expect(page.getByTestId('queue-status')).toContainText(/Показано: [1-9]/);
      const row = page.getByTestId('queue-row').filter({ hasText: number });
      await expect(row).toContainText(`ГНОКБ — ${CONSULTANT_NAME}`);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/coordinator/queue?request=…');
      await screenshot(page, 'consultation-queue.png', phone);
    });

    await test.step('the requesting doctor sees it assigned', async () => {
      const page = doctor.page;
      await eventually(page, testInfo, 'doctor: assigned', async (timeout) => {
        await expect(requestHead(page)).toContainText('Назначено консультанту', { timeout });
      });
      await expect(
        page.getByText(`Петров Алексей Николаевич`).or(page.getByText(CONSULTANT_NAME)).first(),
      ).toBeVisible();
    });

    await test.step('the consultant (acting for ГНОКБ) finds it among the new requests and takes it into work', async () => {
      const page = consultant.page;
      await signInWithPassword(page, 'consultant');
      await actFor(page, GNOKB);
      await page.goto('/doctor/');
      await navigate(page, testInfo, 'Новые');
      await expect(page).toHaveURL(/\/doctor\/requests\/new$/);
      // the inbox is the consultant's: the page opens only for the role held in ГНОКБ
      await expect(page.getByRole('heading', { level: 1, name: 'Входящие обращения' })).toBeVisible();

      const row = page.getByTestId('request-row').filter({ hasText: `№ ${number}` });
      await expect(row).toBeVisible();
      await expect(row).toContainText('Назначено консультанту');
      await expect(row).toContainText(PATIENT);
      await expectNoHorizontalScroll(page, testInfo);
      await row.getByRole('link', { name: `№ ${number}` }).click();
      await expect(page).toHaveURL(new RegExp(`/doctor/requests/${id}$`));
      await expect(page.getByRole('heading', { level: 1, name: `№ ${number}` })).toBeVisible();
      await expect(page.getByRole('link', { name: new RegExp(fileName) })).toBeVisible();

      await page.getByRole('button', { name: 'Взять в работу' }).click();
      await expect(page.getByText('Обращение взято в работу.')).toBeVisible();
      await expect(requestHead(page)).toContainText('В работе');
    });

    await test.step('writes in the chat and asks the doctor for more data', async () => {
      const page = consultant.page;
      await page.getByLabel('Сообщение', { exact: true }).fill(chatText);
      await page.getByTestId('chat-send').click();
      await expect(page.getByTestId('chat-log')).toContainText(chatText);
      await expect(page.getByLabel('Сообщение', { exact: true })).toHaveValue('');

      await page.getByRole('button', { name: 'Запросить данные' }).click();
      const dialog = page.getByRole('dialog', { name: 'Запросить дополнительные данные' });
      await dialog.getByLabel('Какие данные нужны', { exact: true }).fill(dataQuestion);
      await dialog.getByRole('button', { name: 'Отправить запрос' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText('Запрос данных отправлен лечащему врачу.')).toBeVisible();
      await expect(requestHead(page)).toContainText('Ожидаются данные');
      await expect(requestHead(page)).toContainText('срок приостановлен');
      await expect(page.getByTestId('chat-log')).toContainText(dataQuestion);
    });

    await test.step('the requesting doctor reads the chat and answers the data request', async () => {
      const page = doctor.page;
      await eventually(page, testInfo, 'doctor: awaiting data', async (timeout) => {
        await expect(requestHead(page)).toContainText('Ожидаются данные', { timeout });
      });
      await expect(page.getByText('Консультант запросил дополнительные данные')).toBeVisible();
      await expect(page.getByTestId('chat-log')).toContainText(chatText);
      await expect(page.getByTestId('chat-log')).toContainText(dataQuestion);

      await page.getByRole('button', { name: 'Ответить на запрос данных' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ответ на запрос данных' });
      await expect(dialog).toContainText(dataQuestion);
      await dialog.getByLabel('Ответ консультанту', { exact: true }).fill(dataAnswer);
      await dialog.getByRole('button', { name: 'Отправить ответ' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText('Ответ отправлен консультанту.')).toBeVisible();
      await expect(requestHead(page)).toContainText('В работе');
      await expect(page.getByTestId('chat-log')).toContainText(dataAnswer);
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('the consultant sees the answer in the chat', async () => {
      const page = consultant.page;
      await eventually(page, testInfo, 'consultant: data received', async (timeout) => {
        await expect(requestHead(page)).toContainText('В работе', { timeout });
        await expect(page.getByTestId('chat-log')).toContainText(dataAnswer, { timeout });
      });
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/requests/:id (consultant)');
      await screenshot(page, 'consultation-request-chat.png', phone);
    });

    await test.step('writes the conclusion and sends it for signing', async () => {
      const page = consultant.page;
      await page
        .getByLabel('Краткий анамнез', { exact: true })
        .fill('Гипертоническая болезнь, прогрессирующая стенокардия напряжения в течение двух недель.');
      await fillIcd10(page, /^Код МКБ-10$/, 'I20.0');
      await page.getByLabel('Формулировка диагноза', { exact: true }).fill('Нестабильная стенокардия');
      await page.getByLabel('Заключение', { exact: true }).fill(conclusionText);
      await page
        .getByLabel('Рекомендации (обследование, лечение)', { exact: true })
        .fill('Двойная антитромбоцитарная терапия, статины; перевод в ГНОКБ для коронарографии.');
      await page.getByRole('radio', { name: 'Нужен перевод' }).check();
      await page.getByTestId('conclusion-submit').click();
      const confirm = page.getByRole('dialog', { name: 'Направить заключение на подпись?' });
      await confirm.getByRole('button', { name: 'Направить на подпись' }).click();
      await expect(confirm).toBeHidden();
      await expect(page.getByText('Заключение направлено на подпись.')).toBeVisible();
      await expect(requestHead(page)).toContainText('Заключение направлено на подпись');
      await expect(requestHead(page)).toContainText('ответ дан в срок');
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('the requesting doctor receives the conclusion', async () => {
      const page = doctor.page;
      await eventually(page, testInfo, 'doctor: conclusion', async (timeout) => {
        await expect(requestHead(page)).toContainText('Заключение направлено на подпись', { timeout });
      });
      // her earlier «answer sent» notice went with the consultant's change (it stayed before the fix)
      await expect(page.getByText('Ответ отправлен консультанту.')).toHaveCount(0);
      await expect(page.getByText(conclusionText)).toBeVisible();
      await expect(page.getByText(/^I20\.0\s+Нестабильная стенокардия$/)).toBeVisible();
      await expect(page.getByText('Нужен перевод')).toBeVisible();
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/requests/:id (requester, conclusion)');
      await screenshot(page, 'consultation-conclusion.png', phone);
    });

    await test.step('the journal lists the request: answered in time, conclusion awaiting signature', async () => {
      const page = admin.page;
      await signInWithPassword(page, 'admin');
      await page.goto('/coordinator/');
      await navigate(page, testInfo, 'Журнал');
      await expect(page.getByRole('heading', { level: 1, name: 'Журнал консультаций' })).toBeVisible();
      await page.getByLabel('Форма', { exact: true }).selectOption({ label: 'Неотложная' });
      await page.getByLabel('Статус', { exact: true }).selectOption({ label: 'Заключение на подписи' });
      await page.getByRole('button', { name: 'Показать' }).click();
      await expect(page.getByTestId('journal-status')).toHaveText(/Найдено записей: [1-9]/);
      const row = page.getByTestId('journal-row').filter({ hasText: number });
      await expect(row).toBeVisible();
      await expect(row).toContainText('Неотложная');
      await expect(row).toContainText(PATIENT);
      await expect(row).toContainText('Кыштовская');
      await expect(row).toContainText('ГНОКБ');
      await expect(row).toContainText(CONSULTANT_NAME);
      await expect(row).toContainText('в срок');
      await expect(row).toContainText('Заключение на подписи');
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/coordinator/journal');
      await screenshot(page, 'consultation-journal.png', phone);
    });

    expect(doctor.errors, 'console errors (doctor)').toEqual([]);
    expect(dispatcher.errors, 'console errors (dispatcher)').toEqual([]);
    expect(consultant.errors, 'console errors (consultant)').toEqual([]);
    expect(admin.errors, 'console errors (admin)').toEqual([]);
    for (const person of [doctor, dispatcher, consultant, admin]) await person.page.context().close();
  });

  test('a request past its deadline shows as overdue to the requesting doctor and in the dispatcher’s queue', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const databaseUrl = process.env['DATABASE_URL'];
    expect(
      databaseUrl,
      'DATABASE_URL must name the stack’s database (tools/scripts/test.mjs passes it) to move a deadline',
    ).toBeTruthy();
    const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;
    const doctor = await personPage(browser, testInfo);
    const dispatcher = await personPage(browser, testInfo);
    let id = '';
    let number = '';

    await test.step('the doctor sends an urgent request (api)', async () => {
      const page = doctor.page;
      await signInWithPassword(page, 'doctor');
      const csrf = await csrfOf(page);
      const found = await page.request.get('/api/v1/identity/patients/search', {
        params: { snils: PATIENT_SNILS },
      });
      expect(found.status()).toBe(200);
      const patient = ((await found.json()) as { id: string; displayName: string }[]).find(
        (p) => p.displayName === PATIENT,
      );
      expect(patient, `${PATIENT} is found`).toBeTruthy();
      const created = await page.request.post('/api/v1/consultations/requests', {
        headers: { 'X-CSRF-Token': csrf },
        data: {
          patientId: patient?.id,
          urgency: 'URGENT',
          mode: 'DEFERRED',
          profileCode: '39',
          centreId: null,
          consultantId: null,
          content: {
            question: `Просрочка: нужна ли госпитализация? (e2e ${tag})`,
            reason: 'Нет кардиолога в районной больнице.',
            diagnosisCode: 'I20.0',
            anamnesis: '',
            complaints: '',
            examination: '',
            consent: 'GIVEN',
            consentReason: null,
          },
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const draft = (await created.json()) as { id: string };
      id = draft.id;
      const detail = (await (await page.request.get(`/api/v1/consultations/requests/${id}`)).json()) as {
        request: { version: number };
      };
      const submitted = await page.request.post(`/api/v1/consultations/requests/${id}/submit`, {
        headers: { 'X-CSRF-Token': csrf },
        data: { version: detail.request.version },
      });
      expect(submitted.ok(), await submitted.text()).toBe(true);
      number = ((await submitted.json()) as { number: string }).number;
      expect(number).toMatch(NUMBER);
    });

    await test.step('its deadline passed two hours ago (database)', async () => {
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const result = await db.query(
          `UPDATE consultations.request SET due_at = now() - interval '2 hours', warn_at = now() - interval '3 hours'
            WHERE id = $1`,
          [id],
        );
        expect(result.rowCount, 'the request row is updated').toBe(1);
      } finally {
        await db.end();
      }
    });

    try {
      await test.step('the doctor’s «Просроченные» list shows it overdue', async () => {
        const page = doctor.page;
        await page.goto('/doctor/');
        await navigate(page, testInfo, 'Просроченные');
        await expect(page).toHaveURL(/\/doctor\/requests\/mine\/overdue$/);
        await expect(page.getByRole('heading', { level: 1, name: 'Мои обращения' })).toBeVisible();
        await expect(page.getByRole('tab', { name: /Просроченные/ })).toHaveAttribute(
          'aria-selected',
          'true',
        );
        const row = page.getByTestId('request-row').filter({ hasText: `№ ${number}` });
        await expect(row).toBeVisible();
        await expect(row).toContainText('Неотложная');
        await expect(row).toContainText(/просрочено на (2|1) ч/);
        await expectNoHorizontalScroll(page, testInfo);
        await expectNoAxeViolations(page, '/doctor/requests/mine/overdue');
        await screenshot(page, 'consultation-overdue.png', isPhone(testInfo));

        await row.getByRole('link', { name: `№ ${number}` }).click();
        await expect(page.getByRole('heading', { level: 1, name: `№ ${number}` })).toBeVisible();
        await expect(requestHead(page)).toContainText(/просрочено на/);
      });

      await test.step('the dispatcher’s queue shows it red, counted as overdue', async () => {
        const page = dispatcher.page;
        await signInWithPassword(page, 'dispatcher');
        await page.goto('/coordinator/queue');
        await expect(page.getByRole('heading', { level: 1, name: 'Очередь обращений' })).toBeVisible();
        const row = page.getByTestId('queue-row').filter({ hasText: number });
        await expect(row).toBeVisible();
        const countdown = row.getByTestId('queue-countdown');
        await expect(countdown).toHaveText(/просрочено на (2|1) ч/);
        await expect(countdown).toHaveClass(/countdown--danger/);
        await expect(countdown).toHaveCSS('color', 'rgb(168, 36, 28)');
        await expect(page.getByTestId('queue-status')).toHaveText(/просрочено: [1-9]/);
        await expectNoHorizontalScroll(page, testInfo);
      });
    } finally {
      // the request leaves the queue (it stays in the journal)
      const page = doctor.page;
      await page.request.post(`/api/v1/consultations/requests/${id}/cancel`, {
        headers: { 'X-CSRF-Token': await csrfOf(page) },
        data: { reason: 'e2e: проверка просрочки завершена' },
      });
    }

    expect(doctor.errors, 'console errors (doctor)').toEqual([]);
    expect(dispatcher.errors, 'console errors (dispatcher)').toEqual([]);
    for (const person of [doctor, dispatcher]) await person.page.context().close();
  });
});
