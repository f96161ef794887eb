import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  SCREENSHOT_DIR,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  isPhone,
  openAccount,
  openMenuIfPhone,
  signInThroughGosuslugi,
  signInWithPassword,
  watchErrors,
} from './identity-helpers';

/**
 * Identity journeys through the real stack (api, worker, «Госуслуги (демо)»), on desktop and phone: staff
 * password sign-in and its errors, switching organisation, an administrator creating a user, the doctor's
 * patient search and card dialog, and a patient signing in through Gosuslugi.
 */

const KYSHTOVKA = 'Кыштовская центральная районная больница';

async function screenshot(page: Page, name: string, phone: boolean): Promise<void> {
  if (phone) return;
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, name), fullPage: true, animations: 'disabled' });
}

test.describe('identity', () => {
  test('staff sign in with a password: a wrong one is refused in Russian, then the header says who and where', async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);

    await test.step('a protected page sends to the sign-in page with the way back', async () => {
      await page.goto('/doctor/requests/mine/open');
      await expect(page).toHaveURL(/\/doctor\/login\?redirect=(%2F|\/)requests(%2F|\/)mine(%2F|\/)open$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Вход в систему' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Войти через Госуслуги' })).toBeVisible();
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/login');
      await screenshot(page, 'login-doctor.png', isPhone(testInfo));
    });

    await test.step('an empty form and a wrong password are explained', async () => {
      await page.getByRole('button', { name: 'Войти по логину' }).click();
      await expect(page.getByTestId('login-error')).toContainText('Введите логин и пароль.');
      await page.getByLabel('Логин', { exact: true }).fill('doctor');
      await page.getByLabel('Пароль', { exact: true }).fill('not-the-password-1');
      await page.getByRole('button', { name: 'Войти по логину' }).click();
      await expect(page.getByTestId('login-error')).toContainText('Неверный логин или пароль.');
      await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
      await expect(page.getByLabel('Пароль', { exact: true })).toHaveValue('');
    });

    await test.step('the right password opens the page asked for; the header names the person and organisation', async () => {
      await page.getByLabel('Пароль', { exact: true }).fill('Demo-2026-pass');
      await page.getByRole('button', { name: 'Войти по логину' }).click();
      await expect(page).toHaveURL('/doctor/requests/mine/open');
      await expect(page.getByRole('heading', { level: 1, name: 'Мои обращения' })).toBeVisible();
      await openAccount(page, testInfo);
      await expect(page.getByText('Вы вошли как Иванова Мария Петровна')).toBeVisible();
      await expect(page.getByTestId('session-active-organisation')).toContainText(KYSHTOVKA);
      await expect(page.getByTestId('session-role')).toHaveText('Лечащий врач');
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('the profile shows the doctor', async () => {
      await page.goto('/doctor/profile');
      await expect(page.getByRole('heading', { level: 1, name: 'Профиль' })).toBeVisible();
      await expect(page.getByText('234-567-890 99')).toBeVisible();
      await expect(page.getByTestId('memberships')).toContainText(KYSHTOVKA);
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('signing out returns to the sign-in page', async () => {
      await openAccount(page, testInfo);
      await page.getByRole('button', { name: 'Выйти', exact: true }).click();
      await expect(page).toHaveURL(/\/doctor\/login/);
      await expect(page.getByText('Вы вышли из системы.')).toBeVisible();
      await page.goto('/doctor/profile');
      await expect(page).toHaveURL(/\/doctor\/login\?redirect=(%2F|\/)profile$/);
    });

    expect(errors, 'console errors').toEqual([]);
  });

  test('the consultant switches the organisation they act for', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await signInWithPassword(page, 'consultant');
    await page.goto('/doctor/');
    await openAccount(page, testInfo);
    await expect(page.getByTestId('session-role')).toHaveText('Консультант');
    const switcher = page.getByRole('list', { name: 'Работать от имени организации' });
    await expect(switcher.getByRole('button')).toHaveCount(2);
    await switcher.getByRole('button', { name: /Искитимская/ }).click();
    await expect(page.getByTestId('session-role')).toHaveText('Лечащий врач');
    await expect(page.getByTestId('session-active-organisation')).toContainText('Искитимская');
    await expect(switcher.getByRole('button', { name: /Искитимская/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
    // Switch back, so the next run starts from the same place.
    await switcher.getByRole('button', { name: /Новосибирская областная/ }).click();
    await expect(page.getByTestId('session-role')).toHaveText('Консультант');
    await expectNoHorizontalScroll(page, testInfo);

    // Administration is not for consultants: the same session in the coordination app says so.
    await page.goto('/coordinator/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Недостаточно прав' })).toBeVisible();
    await openMenuIfPhone(page, testInfo);
    await expect(
      page
        .getByRole('navigation', { name: 'Основная навигация' })
        .getByRole('link', { name: 'Пользователи' }),
    ).toHaveCount(0);
    expect(errors, 'console errors').toEqual([]);
  });

  test('the regional administrator creates a user in the coordination centre', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    const login = `e2e-${testInfo.project.name}-${Date.now().toString(36)}`;
    await signInWithPassword(page, 'admin');
    await page.goto('/coordinator/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Пользователи' })).toBeVisible();
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await screenshot(page, 'users-admin.png', isPhone(testInfo));

    await page.getByRole('button', { name: 'Создать пользователя' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Фамилия', { exact: true }).fill('Тестова');
    await dialog.getByLabel('Имя', { exact: true }).fill('Анна');
    await dialog.getByLabel('Логин', { exact: true }).fill(login);
    await dialog.getByLabel('СНИЛС').fill('123-456-789 00');
    await dialog.getByLabel('Временный пароль', { exact: true }).fill('Vremenny-2026!');
    await dialog.getByLabel('Организация', { exact: true }).selectOption({ label: 'Кыштовская ЦРБ' });
    await dialog.getByLabel('Роль', { exact: true }).selectOption({ label: 'Лечащий врач' });
    await dialog.getByRole('button', { name: 'Создать', exact: true }).click();
    // The SNILS check number is wrong: the field says so, nothing is sent.
    await expect(dialog.getByText('Контрольное число СНИЛС не сходится')).toBeVisible();
    await dialog.getByLabel('СНИЛС').fill('');
    await dialog.getByRole('button', { name: 'Создать', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Пользователь Тестова Анна создан.')).toBeVisible();
    await page.getByLabel('ФИО или логин').fill(login);
    const row = page.getByTestId('user-row').filter({ hasText: login });
    await expect(row).toContainText('Кыштовская');
    await expect(row).toContainText('временный пароль');
    await expectNoHorizontalScroll(page, testInfo);

    await test.step('grants and revokes a role, each after a confirmation', async () => {
      await row.getByRole('button', { name: 'Роли' }).click();
      const roles = page.getByRole('dialog', { name: 'Роли: Тестова Анна' });
      await roles.getByLabel('Организация', { exact: true }).selectOption({ label: 'ГНОКБ' });
      await roles.getByLabel('Роль', { exact: true }).selectOption({ label: 'Консультант' });
      await roles.getByRole('button', { name: 'Назначить' }).click();
      const confirm = page.getByRole('dialog', { name: 'Назначить роль?' });
      await expect(confirm).toContainText('Тестова Анна получит роль «Консультант»');
      await confirm.getByRole('button', { name: 'Назначить' }).click();
      await expect(roles.getByText('Роль «Консультант» назначена.')).toBeVisible();
      await roles.getByRole('button', { name: /Отозвать роль «Консультант»/ }).click();
      const revoke = page.getByRole('dialog', { name: 'Отозвать роль?' });
      await revoke.getByRole('button', { name: 'Отозвать' }).click();
      await expect(roles.getByText('Роль «Консультант» отозвана.')).toBeVisible();
      await roles.getByRole('button', { name: 'Закрыть окно' }).click();
      await expect(roles).toBeHidden();
      await expect(row.getByRole('button', { name: 'Роли' })).toBeFocused();
    });

    await test.step('resets the password and deactivates the account', async () => {
      await row.getByRole('button', { name: 'Сбросить пароль' }).click();
      const reset = page.getByRole('dialog', { name: 'Сброс пароля: Тестова Анна' });
      await reset.getByLabel('Новый пароль', { exact: true }).fill('Novy-parol-2026');
      await reset.getByRole('button', { name: 'Сбросить пароль' }).click();
      await expect(page.getByText('Пароль пользователя Тестова Анна сброшен')).toBeVisible();
      await row.getByRole('button', { name: 'Отключить' }).click();
      const off = page.getByRole('dialog', { name: 'Отключить учётную запись?' });
      await off.getByRole('button', { name: 'Отключить' }).click();
      await expect(page.getByText('Учётная запись Тестова Анна отключена.')).toBeVisible();
      await page.getByLabel('Показывать отключённых').check();
      await expect(row).toContainText('отключён');
    });
    expect(errors, 'console errors').toEqual([]);
  });

  test('a new account sets its own password before anything else', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    const login = `e2e-new-${testInfo.project.name}-${Date.now().toString(36)}`;
    const temporary = 'Vremenny-2026!';

    await test.step('the administrator creates the account (api)', async () => {
      await signInWithPassword(page, 'admin');
      const csrf = (await page.context().cookies()).find((c) => c.name === 'tmk_csrf')?.value ?? '';
      const orgs = (await (await page.request.get('/api/v1/identity/organisations?q=Кыштовская')).json()) as {
        id: string;
      }[];
      const created = await page.request.post('/api/v1/identity/staff', {
        headers: { 'X-CSRF-Token': csrf },
        data: {
          login,
          surname: 'Новикова',
          name: 'Ольга',
          timeZone: 'Asia/Novosibirsk',
          initialPassword: temporary,
          memberships: [{ organisationId: orgs[0]!.id, role: 'REQUESTING_DOCTOR' }],
        },
      });
      expect(created.status()).toBe(201);
      await page.request.post('/api/v1/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
    });

    await test.step('signing in with the temporary password leads to the password page', async () => {
      await page.goto('/doctor/patients');
      await page.getByLabel('Логин', { exact: true }).fill(login);
      await page.getByLabel('Пароль', { exact: true }).fill(temporary);
      await page.getByRole('button', { name: 'Войти по логину' }).click();
      await expect(page).toHaveURL(/\/doctor\/password\?redirect=/);
      await expect(page.getByRole('heading', { level: 1, name: 'Придумайте свой пароль' })).toBeVisible();
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('a mismatch is caught; the new password opens the page asked for', async () => {
      await page.getByLabel('Текущий пароль', { exact: true }).fill(temporary);
      await page.getByLabel('Новый пароль', { exact: true }).fill('Svoy-parol-2026');
      await page.getByLabel('Повторите новый пароль', { exact: true }).fill('Svoy-parol-2027');
      await page.getByRole('button', { name: 'Сменить пароль' }).click();
      await expect(page.getByText('Пароли не совпадают.')).toBeVisible();
      await page.getByLabel('Повторите новый пароль', { exact: true }).fill('Svoy-parol-2026');
      await page.getByRole('button', { name: 'Сменить пароль' }).click();
      await expect(page).toHaveURL('/doctor/patients');
      await expect(page.getByRole('heading', { level: 1, name: 'Пациенты' })).toBeVisible();
    });
    expect(errors, 'console errors').toEqual([]);
  });

  test('an organisation edited by someone else meanwhile is reloaded, not overwritten', async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);
    await signInWithPassword(page, 'admin');
    await page.goto('/coordinator/organisations');
    const row = page.getByTestId('organisation-row').filter({ hasText: 'Искитимская ЦГБ' });
    await row.getByRole('button', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Изменить организацию' });
    await expect(dialog.getByLabel('Краткое название', { exact: true })).toHaveValue('Искитимская ЦГБ');

    // Someone else saves the organisation first (same values, new version).
    const csrf = (await page.context().cookies()).find((c) => c.name === 'tmk_csrf')?.value ?? '';
    const list = await page.request.get('/api/v1/identity/organisations?q=Искитимская');
    const [org] = (await list.json()) as { id: string; version: number; [key: string]: unknown }[];
    expect(org).toBeTruthy();
    const { id, active: _active, regionName: _regionName, ...fields } = org!;
    const saved = await page.request.patch(`/api/v1/identity/organisations/${id}`, {
      headers: { 'X-CSRF-Token': csrf },
      data: fields,
    });
    expect(saved.status()).toBe(200);

    await dialog.getByLabel('Уровень 3').check();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(dialog.getByTestId('stale-version')).toContainText('только что изменил другой пользователь');
    await expect(dialog.getByLabel('Уровень 2')).toBeChecked(); // the current data is shown again
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toBeHidden();
    await expectNoHorizontalScroll(page, testInfo);
    expect(errors, 'console errors').toEqual([]);
  });

  test('a doctor finds a patient and the represented child by phone; a wrong SNILS is caught on the card', async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);
    await signInWithPassword(page, 'doctor');
    await page.goto('/doctor/');
    await openMenuIfPhone(page, testInfo);
    await page
      .getByRole('navigation', { name: 'Основная навигация' })
      .getByRole('link', { name: 'Пациенты' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Пациенты' })).toBeVisible();

    await test.step('search by phone', async () => {
      await page.getByLabel('Телефон, СНИЛС или полис ОМС').fill('+7 913 000-00-01');
      await expect(page.getByText('Поиск по телефону')).toBeVisible();
      await page.getByRole('button', { name: 'Найти' }).click();
      const results = page.getByTestId('patient-result');
      await expect(results).toHaveCount(2);
      await expect(results.filter({ hasText: 'Смирнов Иван Сергеевич' })).toContainText('112-233-445 95');
      const child = results.filter({ hasText: 'Смирнова Анна Ивановна' });
      await expect(child).toContainText('представитель');
      await expect(child).toContainText('01.06.2015');
      await expectNoHorizontalScroll(page, testInfo);
      await screenshot(page, 'patient-search.png', isPhone(testInfo));
    });

    await test.step('nothing found offers a new card', async () => {
      await page.getByLabel('Телефон, СНИЛС или полис ОМС').fill('+7 999 123-45-67');
      await page.getByRole('button', { name: 'Найти' }).click();
      await expect(page.getByRole('heading', { name: 'Пациент не найден' })).toBeVisible();
      await page.getByRole('main').getByRole('button', { name: 'Создать карту пациента' }).last().click();
    });

    await test.step('the card dialog checks the SNILS and reports a duplicate', async () => {
      const dialog = page.getByRole('dialog', { name: 'Новая карта пациента' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Мобильный телефон')).toHaveValue('+7 999 123-45-67');
      await dialog.getByLabel('Фамилия', { exact: true }).fill('Проверкин');
      await dialog.getByLabel('Имя', { exact: true }).fill('Пётр');
      await dialog.getByLabel('Дата рождения').fill('1990-05-20');
      await dialog.getByLabel('мужской').check();
      await dialog.getByLabel('СНИЛС').fill('112-233-445 96');
      await dialog.getByRole('button', { name: 'Создать карту' }).click();
      await expect(dialog.getByText('Контрольное число СНИЛС не сходится')).toBeVisible();
      await expect(dialog.getByLabel('СНИЛС')).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByLabel('СНИЛС')).toBeFocused();
      await expectNoHorizontalScroll(page, testInfo);

      await dialog.getByLabel('СНИЛС').fill('112-233-445 95');
      await dialog.getByRole('button', { name: 'Создать карту' }).click();
      await expect(dialog.getByTestId('patient-form-error')).toContainText(
        'Карта пациента с таким СНИЛС уже есть',
      );
      await dialog.getByRole('button', { name: 'Открыть существующую карту' }).click();
      await expect(page).toHaveURL(/\/doctor\/patients\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Смирнов Иван Сергеевич' })).toBeVisible();
      await expect(page.getByText('Смирнова Анна Ивановна, 01.06.2015')).toBeVisible();
    });
    expect(errors, 'console errors').toEqual([]);
  });

  test('a patient signs in with «Госуслуги» and sees their card and the child they represent', async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);
    await page.goto('/patient/profile');
    await expect(page).toHaveURL(/\/patient\/login\?redirect=(%2F|\/)profile$/);
    await expect(page.getByRole('link', { name: 'Войти через Госуслуги' })).toBeVisible();
    await expect(page.getByLabel('Логин', { exact: true })).toHaveCount(0); // patients have no password form
    await expectNoHorizontalScroll(page, testInfo);

    await signInThroughGosuslugi(page, 'patient', 'smirnov');
    await page.goto('/patient/profile');
    await expect(page.getByRole('heading', { name: 'Карта пациента: Смирнов Иван Сергеевич' })).toBeVisible();
    await expect(page.getByText('112-233-445 95')).toBeVisible();
    await expect(page.getByText('+7 913 000-00-01')).toBeVisible();
    const whose = page.getByRole('group', { name: 'Чья карта' });
    await expect(whose).toBeVisible();
    await expectNoHorizontalScroll(page, testInfo);
    await screenshot(page, 'patient-profile.png', isPhone(testInfo));

    await whose.getByLabel(/Смирнова Анна Ивановна/).check();
    await expect(page.getByRole('heading', { name: 'Карта пациента: Смирнова Анна Ивановна' })).toBeVisible();
    await expect(page.getByText('123-456-789 64')).toBeVisible();
    await expectNoAxeViolations(page, '/patient/profile');

    // The doctors' workspace is not for patients: its sign-in page says who is signed in.
    await page.goto('/doctor/');
    await expect(page.getByText('Вы вошли как пациент (Смирнов Иван Сергеевич)')).toBeVisible();
    expect(errors, 'console errors').toEqual([]);
  });
});
