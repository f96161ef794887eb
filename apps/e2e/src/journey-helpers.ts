import { resolve } from 'node:path';
import { expect, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, SCREENSHOT_DIR, openMenuIfPhone, watchErrors } from './identity-helpers';

/**
 * What the consultation and signing journeys share: one browser context per person, sign-in through the
 * form, the main navigation, waiting for what others did, documentation screenshots, and a request brought to
 * «Заключение направлено на подпись» through the api.
 */

export const GNOKB = '00000000-0000-7000-8000-000000000202';
/** The demo consultant (login `consultant`): Петров Алексей Николаевич, cardiologist of ГНОКБ. */
export const CONSULTANT_ID = '00000000-0000-7000-8000-000000000302';
export const PATIENT = 'Смирнов Иван Сергеевич';
export const PATIENT_SNILS = '112-233-445 95';
export const NUMBER = /54-\d{4}-\d{6}/;

/** One person: a browser context of its own and its page, with the console watched. */
export interface Person {
  readonly page: Page;
  readonly errors: string[];
}

/**
 * A picture for the documentation (desktop only): the full page, or with `viewport` what is on screen (a
 * modal dialog). For a full page, sticky parts (the header, the form's button bar, the queue's panel) are laid
 * out in place meanwhile: a full-page capture would draw them wherever the page happened to be scrolled.
 */
export async function screenshot(
  page: Page,
  name: string,
  phone: boolean,
  options: { readonly viewport?: boolean } = {},
): Promise<void> {
  if (phone) return;
  const path = resolve(SCREENSHOT_DIR, name);
  if (options.viewport) {
    await page.screenshot({ path, animations: 'disabled' });
    return;
  }
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (getComputedStyle(el).position !== 'sticky') continue;
      el.dataset['e2eSticky'] = el.style.position;
      el.style.position = 'static';
    }
  });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-e2e-sticky]'))) {
      el.style.position = el.dataset['e2eSticky'] ?? '';
      delete el.dataset['e2eSticky'];
    }
  });
}

/** A small valid PDF (one empty page) whose info dictionary carries `title`. */
export function tinyPdf(title: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Title (${title.replace(/[()\\]/g, '')}) /Producer (TMK e2e) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function csrfOf(page: Page): Promise<string> {
  const token = (await page.context().cookies()).find((c) => c.name === 'tmk_csrf')?.value;
  expect(token, 'the tmk_csrf cookie after sign-in').toBeTruthy();
  return token ?? '';
}

/** A fresh browser context (one person) and its page, with the console watched. */
export async function personPage(browser: Browser, testInfo: TestInfo): Promise<Person> {
  const { baseURL, viewport, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({
    baseURL,
    ...(viewport ? { viewport } : {}),
    ...(isMobile !== undefined ? { isMobile } : {}),
    ...(hasTouch !== undefined ? { hasTouch } : {}),
  });
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** Opens the main navigation's link (behind the menu button on phones). */
export async function navigate(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await openMenuIfPhone(page, testInfo);
  await page
    .getByRole('navigation', { name: 'Основная навигация' })
    .getByRole('link', { name, exact: true })
    .click();
}

/** Staff sign-in through the form of the page the browser was sent to. */
export async function signInThroughForm(page: Page, login: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Вход в систему' })).toBeVisible();
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти по логину' }).click();
}

/**
 * What another person did arrives live; if the page has not followed within a few seconds, a reload shows it
 * (the events are best effort — the annotation says when that was needed).
 */
export async function eventually(
  page: Page,
  testInfo: TestInfo,
  what: string,
  assertion: (timeout: number) => Promise<void>,
): Promise<void> {
  try {
    await assertion(10_000);
    return;
  } catch {
    testInfo.annotations.push({ type: 'reloaded', description: what });
  }
  await expect(async () => {
    await page.reload();
    await assertion(3_000);
  }).toPass({ timeout: 30_000 });
}

/** The badges under a request's heading in the doctors' workspace. */
export const requestHead = (page: Page): Locator => page.locator('.request-head');

/** Switches a signed-in staff member's session to another organisation (api). */
export async function actFor(page: Page, organisationId: string): Promise<void> {
  const switched = await page.request.post('/api/v1/auth/active-organisation', {
    headers: { 'X-CSRF-Token': await csrfOf(page) },
    data: { organisationId },
  });
  expect(switched.status(), `switching to organisation ${organisationId}`).toBe(200);
}

/**
 * A planned request from the requesting doctor straight to the consultant of ГНОКБ, taken into work and
 * answered with a submitted conclusion — all through the api, as the two signed-in people (the consultant's
 * session acting for ГНОКБ). Returns the request's id and number.
 */
export async function requestWithSubmittedConclusion(
  doctor: Page,
  consultant: Page,
  tag: string,
): Promise<{ id: string; number: string }> {
  const doctorCsrf = await csrfOf(doctor);
  const found = await doctor.request.get('/api/v1/identity/patients/search', {
    params: { snils: PATIENT_SNILS },
  });
  expect(found.status()).toBe(200);
  const patient = ((await found.json()) as { id: string; displayName: string }[]).find(
    (p) => p.displayName === PATIENT,
  );
  expect(patient, `${PATIENT} is found`).toBeTruthy();
  const created = await doctor.request.post('/api/v1/consultations/requests', {
    headers: { 'X-CSRF-Token': doctorCsrf },
    data: {
      patientId: patient?.id,
      urgency: 'PLANNED',
      mode: 'DEFERRED',
      profileCode: '39',
      centreId: GNOKB,
      consultantId: CONSULTANT_ID,
      content: {
        question: `Показана ли коронарография? (e2e ${tag})`,
        reason: 'Нет кардиолога в районной больнице.',
        diagnosisCode: 'I20.0',
        anamnesis: 'Стенокардия напряжения два года.',
        complaints: 'Давящие боли за грудиной при нагрузке.',
        examination: 'ЭКГ без острых изменений.',
        consent: 'GIVEN',
        consentReason: null,
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const version = async (page: Page): Promise<number> => {
    const detail = await page.request.get(`/api/v1/consultations/requests/${id}`);
    expect(detail.status(), await detail.text()).toBe(200);
    return ((await detail.json()) as { request: { version: number } }).request.version;
  };
  const submitted = await doctor.request.post(`/api/v1/consultations/requests/${id}/submit`, {
    headers: { 'X-CSRF-Token': doctorCsrf },
    data: { version: await version(doctor) },
  });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  const number = ((await submitted.json()) as { number: string }).number;
  expect(number).toMatch(NUMBER);

  const consultantCsrf = await csrfOf(consultant);
  const taken = await consultant.request.post(`/api/v1/consultations/requests/${id}/take`, {
    headers: { 'X-CSRF-Token': consultantCsrf },
    data: { version: await version(consultant) },
  });
  expect(taken.ok(), await taken.text()).toBe(true);
  const saved = await consultant.request.put(`/api/v1/consultations/requests/${id}/conclusion`, {
    headers: { 'X-CSRF-Token': consultantCsrf },
    data: {
      version: null,
      content: {
        anamnesisSummary: 'Стенокардия напряжения II ФК, гипертоническая болезнь.',
        mainDiagnosis: { code: 'I20.0', text: 'Нестабильная стенокардия' },
        concomitantDiagnoses: [],
        conclusion: `Стабильная стенокардия напряжения; показана плановая коронарография (e2e ${tag}).`,
        recommendations: 'Двойная антитромбоцитарная терапия, статины; направить в ГНОКБ.',
        additionalRecommendations: '',
        inPersonVisit: 'VISIT',
        attachmentIds: [],
      },
    },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
  const handed = await consultant.request.post(`/api/v1/consultations/requests/${id}/conclusion/submit`, {
    headers: { 'X-CSRF-Token': consultantCsrf },
  });
  expect(handed.ok(), await handed.text()).toBe(true);
  return { id, number };
}
