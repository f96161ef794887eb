import { resolve } from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
  DEMO_PASSWORD,
  SCREENSHOT_DIR,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  isPhone,
  openMenuIfPhone,
  signInThroughGosuslugi,
  signInWithPassword,
  watchErrors,
} from './identity-helpers';

/**
 * The audit views through the real stack (api, worker, «Госуслуги (демо)»), on desktop and phone: a patient
 * sees who opened her card, the system administrator searches the audit trail and checks its integrity, and
 * an administrator sees the security dashboard. Audit records arrive through the outbox and the worker, so
 * the checks wait for them.
 */

const KUZNETSOVA_SNILS = '987-654-321 83';

async function screenshot(page: Page, name: string, phone: boolean): Promise<void> {
  if (phone) return;
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, name), fullPage: true, animations: 'disabled' });
}

/** Opens the main navigation's link (behind the menu button on phones). */
async function navigate(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await openMenuIfPhone(page, testInfo);
  await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name }).click();
}

test.describe('audit views', () => {
  test('a patient sees that her attending doctor from Кыштовская ЦРБ opened her card', async ({
    page,
    browser,
  }, testInfo) => {
    const errors = watchErrors(page);

    await test.step('the doctor finds Кузнецова and opens her card (through the api)', async () => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
      const doctor = await context.newPage();
      await signInWithPassword(doctor, 'doctor', DEMO_PASSWORD);
      const found = await doctor.request.get('/api/v1/identity/patients/search', {
        params: { snils: KUZNETSOVA_SNILS },
      });
      expect(found.status()).toBe(200);
      const [patient] = (await found.json()) as { id: string }[];
      expect(patient, 'Кузнецова is found').toBeTruthy();
      const card = await doctor.request.get(`/api/v1/identity/patients/${patient?.id}`);
      expect(card.status()).toBe(200);
      await context.close();
    });

    await test.step('Кузнецова signs in with «Госуслуги» and opens the access log from her profile', async () => {
      await signInThroughGosuslugi(page, 'patient', 'kuznetsova');
      await page.goto('/patient/profile');
      await expect(
        page.getByRole('heading', { name: 'Карта пациента: Кузнецова Ольга Викторовна' }),
      ).toBeVisible();
      await page.getByRole('link', { name: /Кто открывал мою медицинскую информацию/ }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: 'Кто открывал мою медицинскую информацию' }),
      ).toBeVisible();
      await expect(page.getByText('нельзя изменить или удалить')).toBeVisible();
    });

    await test.step('a row names the attending doctor and the organisation', async () => {
      const row = page.getByTestId('access-row').filter({ hasText: 'лечащий врач' }).first();
      await expect(async () => {
        await page.reload();
        await expect(row).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await expect(row).toContainText('Кыштовская', { timeout: 10_000 });
      await expect(row).toContainText('медицинская карта');
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/patient/access-log');
      await screenshot(page, 'patient-access-log.png', isPhone(testInfo));
    });

    await test.step('the navigation leads there too', async () => {
      await page.goto('/patient/');
      await navigate(page, testInfo, 'Кто открывал карту');
      await expect(page).toHaveURL(/\/patient\/access-log$/);
    });
    expect(errors, 'console errors').toEqual([]);
  });

  test('the system administrator searches the audit trail, opens a record and checks the integrity', async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);
    await signInWithPassword(page, 'sysadmin');
    await page.goto('/coordinator/');
    await navigate(page, testInfo, 'Журнал аудита');
    await expect(page.getByRole('heading', { level: 1, name: 'Журнал аудита' })).toBeVisible();

    await test.step('filter by action «read»', async () => {
      await page.getByLabel('Действие').selectOption('read');
      await page.getByRole('button', { name: 'Найти' }).click();
      const rows = page.getByTestId('audit-row');
      await expect(rows.first()).toBeVisible();
      for (const text of await rows.allInnerTexts()) expect(text).toContain('просмотр');
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('a record shows every field and its chain hash', async () => {
      await page
        .getByTestId('audit-row')
        .first()
        .getByRole('button', { name: /Подробнее о записи/ })
        .click();
      const dialog = page.getByRole('dialog', { name: /Запись журнала №\d+/ });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText('IP-адрес')).toBeVisible();
      await expect(dialog.getByText('Браузер (User-Agent)', { exact: true })).toBeVisible();
      await expect(dialog.getByText('Идентификатор запроса')).toBeVisible();
      await expect(dialog.getByTestId('audit-record-hash')).toHaveText(/^[0-9a-f]{64}$/);
      await expectNoHorizontalScroll(page, testInfo);
      await dialog.getByRole('button', { name: 'Закрыть', exact: true }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('the integrity check finds the chain intact', async () => {
      await page.getByRole('button', { name: 'Проверить целостность' }).click();
      await expect(page.getByTestId('integrity-result')).toContainText('Журнал цел', { timeout: 30_000 });
      await expectNoAxeViolations(page, '/coordinator/audit');
      await screenshot(page, 'audit-journal.png', isPhone(testInfo));
    });
    expect(errors, 'console errors').toEqual([]);
  });

  test('an administrator sees failed sign-ins on the security dashboard', async ({ page }, testInfo) => {
    const errors = watchErrors(page);

    await test.step('someone mistypes the dispatcher’s password', async () => {
      const failed = await page.request.post('/api/v1/auth/login', {
        data: { login: 'dispatcher', password: 'not-the-password-1' },
      });
      expect(failed.status()).toBe(401);
    });

    await signInWithPassword(page, 'admin');
    await page.goto('/coordinator/');
    await navigate(page, testInfo, 'Безопасность');
    await expect(page.getByRole('heading', { level: 1, name: 'События безопасности' })).toBeVisible();

    await test.step('the chart and the totals show the failed sign-in', async () => {
      const failures = page.getByTestId('security-totals').locator('.total--loginFailures .total__value');
      await expect(async () => {
        await page.getByRole('button', { name: 'Обновить' }).click();
        await expect(failures).not.toHaveText('0', { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      const chart = page.getByRole('img', { name: /неудачных входов — [1-9]/ });
      await expect(chart).toBeVisible();
      await expect(page.getByTestId('chart-table')).toContainText('Неудачные входы');
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('a week at a glance', async () => {
      await page.getByRole('button', { name: '7 дней' }).click();
      await expect(page.getByRole('button', { name: '7 дней' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('chart')).toBeVisible();
      await page.getByRole('button', { name: '24 часа' }).click();
      await expect(page.getByRole('button', { name: '24 часа' })).toHaveAttribute('aria-pressed', 'true');
      await expectNoAxeViolations(page, '/coordinator/security');
      await screenshot(page, 'security-dashboard.png', isPhone(testInfo));
    });
    expect(errors, 'console errors').toEqual([]);
  });
});
