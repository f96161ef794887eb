import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  isPhone,
  signInWithPassword,
} from './identity-helpers';
import {
  GNOKB,
  actFor,
  personPage,
  requestHead,
  requestWithSubmittedConclusion,
  screenshot,
  signInThroughForm,
} from './journey-helpers';
import { createSigningPki } from './signing-pki';

/**
 * Signing a conclusion, end to end, on desktop and phone. An `openssl` PKI is made for the run (a CA, its CRL
 * and the demo consultant's ECDSA certificate with his СНИЛС as a password-protected `.p12`). The system
 * administrator trusts the CA in «Доверенные УЦ»; a request reaches «Заключение направлено на подпись»
 * (api); the consultant imports the `.p12` in the sign dialog and signs — first refused (the CA has no CRL
 * yet: the reason in words, the dialog stays), then, once the administrator has uploaded the CRL, accepted:
 * the request closes. The requesting doctor downloads the stamped PDF (the original and the .sig attached
 * inside, the stamp text on the page), the .sig and the original. A visitor without an account checks them on
 * the public page: original + .sig valid, the stamped copy alone valid, a changed PDF not valid with the
 * digest reason in words; the page calls no endpoint but the public ones.
 */

const SNILS = '34567890123';
const SNILS_SHOWN = '345-678-901 23';
const SIGNER = 'Петров Алексей Николаевич';
const KEY_PASSWORD = 'Ключ-e2e-2026';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Clicks a download link and returns the file's bytes (saved under `dir`) and its suggested name. */
async function download(page: Page, link: Locator, dir: string): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const name = file.suggestedFilename();
  const path = join(dir, `${Date.now().toString(36)}-${name}`);
  await file.saveAs(path);
  return { bytes: readFileSync(path), name };
}

const has = (tool: string): boolean => spawnSync('which', [tool]).status === 0;

test.describe('signing', () => {
  test('the consultant signs the conclusion with a software key, the request closes, the doctor downloads the signed package and anyone can verify it', async ({
    browser,
  }, testInfo) => {
    test.setTimeout(300_000);
    const phone = isPhone(testInfo);
    const tag = `${testInfo.project.name}-${Date.now().toString(36)}`;
    const pki = createSigningPki({
      tag,
      signerSurname: 'Петров',
      signerGivenName: 'Алексей Николаевич',
      signerSnils: SNILS,
      organization: 'ГБУЗ НСО ГНОКБ',
      password: KEY_PASSWORD,
    });
    const downloads = join(pki.dir, 'downloads');
    mkdirSync(downloads, { recursive: true });

    const admin = await personPage(browser, testInfo);
    const doctor = await personPage(browser, testInfo);
    const consultant = await personPage(browser, testInfo);
    const visitor = await personPage(browser, testInfo);
    let id = '';
    let number = '';
    let original: Buffer = Buffer.alloc(0);
    let signature: Buffer = Buffer.alloc(0);
    let stamped: Buffer = Buffer.alloc(0);

    const anchorRow = () => admin.page.getByTestId('anchor-row').filter({ hasText: pki.caName });

    await test.step('the system administrator trusts the test CA in «Доверенные УЦ» (no CRL yet)', async () => {
      const page = admin.page;
      await page.goto('/coordinator/trust');
      await signInThroughForm(page, 'sysadmin');
      await expect(page).toHaveURL(/\/coordinator\/trust$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Доверенные УЦ' })).toBeVisible();
      await page.getByLabel('Сертификат в формате PEM', { exact: true }).fill(pki.caPem);
      await page.getByTestId('anchor-add').click();
      await expect(page.getByText(/^Сертификат «.*» добавлен в доверенные\.$/)).toBeVisible();
      await expect(anchorRow()).toBeVisible();
      await expect(anchorRow()).toContainText('корневой');
      await expect(anchorRow().getByTestId('anchor-crl')).toHaveText(/Нет действующего списка отзыва/);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/coordinator/trust');
    });

    await test.step('a request reaches the consultant’s submitted conclusion (api)', async () => {
      await signInWithPassword(doctor.page, 'doctor');
      await signInWithPassword(consultant.page, 'consultant');
      await actFor(consultant.page, GNOKB);
      ({ id, number } = await requestWithSubmittedConclusion(doctor.page, consultant.page, tag));
    });

    const card = () => consultant.page.getByTestId('signing-card');
    const dialog = () => consultant.page.getByRole('dialog', { name: 'Подписание документа' });

    await test.step('the consultant opens the request: «Подписание», the PDF awaits his signature', async () => {
      const page = consultant.page;
      await page.goto(`/doctor/requests/${id}`);
      await expect(page.getByRole('heading', { level: 1, name: `№ ${number}` })).toBeVisible();
      await expect(requestHead(page)).toContainText('Заключение направлено на подпись');
      await expect(card().getByRole('heading', { name: 'Подписание' })).toBeVisible();
      await expect(card()).toContainText(`Заключение по запросу ${number}`);
      await expect(card().getByTestId('signing-status')).toHaveText('ожидает подписи');
      await expect(card().getByTestId('signing-sha256')).toHaveText(/^[0-9a-f]{8}…[0-9a-f]{8}$/);
      // «Открыть PDF»: the original in the browser's PDF viewer, in a new tab
      const [pdf] = await Promise.all([
        page.context().waitForEvent('page'),
        card().getByRole('button', { name: 'Открыть PDF' }).click(),
      ]);
      await expect.poll(() => pdf.url()).toMatch(/^blob:/);
      await pdf.close();
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('imports the .p12 in the sign dialog: a wrong password is explained, the right one shows the certificate', async () => {
      const page = consultant.page;
      await card().getByRole('button', { name: 'Подписать', exact: true }).click();
      await expect(dialog()).toBeVisible();
      await expect(dialog()).toContainText('КриптоПро ЭЦП Browser plug-in в этом браузере не найден');
      await expect(
        dialog().getByRole('radio', { name: /^Программный ключ \(для разработки и тестов\)/ }),
      ).toBeChecked();
      await expect(dialog().getByTestId('sign-submit')).toBeDisabled();

      await dialog().getByLabel('Файл ключа', { exact: true }).setInputFiles(pki.p12Path);
      await expect(dialog()).toContainText('petrov.p12');
      await dialog().getByLabel('Пароль к ключу', { exact: true }).fill('не тот пароль');
      await dialog().getByRole('button', { name: 'Загрузить ключ' }).click();
      await expect(dialog().getByText('Неверный пароль к файлу ключа.')).toBeVisible();

      await dialog().getByLabel('Пароль к ключу', { exact: true }).fill(KEY_PASSWORD);
      await dialog().getByRole('button', { name: 'Загрузить ключ' }).click();
      const certificate = dialog().getByTestId('sign-certificate');
      await expect(certificate).toContainText(SIGNER);
      await expect(certificate).toContainText(SNILS_SHOWN);
      await expect(certificate).toContainText('ГБУЗ НСО ГНОКБ');
      await expect(certificate).toContainText(pki.caName);
      await expect(certificate.locator('.ui-alert'), 'no warning about the certificate').toHaveCount(0);
      await expect(dialog().getByText('Неверный пароль к файлу ключа.')).toHaveCount(0);
      await expectNoAxeViolations(page, 'the sign dialog');
      await expectNoHorizontalScroll(page, testInfo);
      await screenshot(page, 'signing-dialog.png', phone, { viewport: true });
    });

    await test.step('signs while the CA has no CRL: refused, the reason in words, the dialog stays open', async () => {
      await dialog().getByTestId('sign-submit').click();
      await expect(dialog().getByText('Подпись не принята')).toBeVisible({ timeout: 20_000 });
      await expect(dialog()).toContainText('Нельзя проверить, не отозван ли сертификат');
      await expect(dialog()).toContainText('подпишите снова');
      await expect(dialog().getByTestId('sign-submit')).toBeEnabled();
      // the refused attempt is on record, with its reason
      const refused = card().getByTestId('signature-row').filter({ hasText: 'не принята' });
      await expect(refused).toHaveCount(1);
    });

    await test.step('the administrator uploads the CA’s CRL as a DER file', async () => {
      const page = admin.page;
      await page.getByLabel('Файл списка отзыва', { exact: true }).setInputFiles(pki.crlPath);
      await page.getByTestId('crl-upload').click();
      await expect(page.getByText(/^Список отзыва «.*» добавлен; отозвано сертификатов: 0\.$/)).toBeVisible();
      const crlRow = page.getByTestId('crl-row').filter({ hasText: pki.caName });
      await expect(crlRow).toContainText('загружен файлом');
      await expect(crlRow.getByTestId('crl-revoked')).toHaveText('0');
      await expect(anchorRow().getByTestId('anchor-crl')).toHaveText(/^Список отзыва действует до /);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/coordinator/trust (CA and CRL)');
      await screenshot(page, 'signing-trust.png', phone);
    });

    await test.step('the consultant signs again from the same dialog: accepted, the request closes', async () => {
      const page = consultant.page;
      await dialog().getByTestId('sign-submit').click();
      await expect(dialog()).toBeHidden({ timeout: 20_000 });
      await expect(page.getByText('Подпись принята. Заключение подписано.')).toBeVisible({ timeout: 30_000 });
      await expect(requestHead(page)).toContainText('Закрыто');
      await expect(card().getByRole('heading', { name: 'Документы' })).toBeVisible();
      await expect(card().getByTestId('signing-status')).toHaveText('подписан');
      const accepted = card().getByTestId('signature-row').filter({ hasText: 'действительна' });
      await expect(accepted).toHaveCount(1);
      await expect(accepted).toContainText(SIGNER);
      await expect(accepted).toContainText('автор заключения');
      await expect(card().getByRole('button', { name: 'Подписать', exact: true })).toHaveCount(0);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/requests/:id (consultant, signed)');
    });

    await test.step('the requesting doctor downloads the stamped PDF, the .sig and the original', async () => {
      const page = doctor.page;
      await page.goto(`/doctor/requests/${id}`);
      await expect(requestHead(page)).toContainText('Закрыто');
      const doctorCard = page.getByTestId('signing-card');
      await expect(doctorCard.getByTestId('signing-status')).toHaveText('подписан');
      await expect(
        doctorCard.getByTestId('signature-row').filter({ hasText: 'действительна' }),
      ).toContainText(SIGNER);
      const fullHash = await doctorCard.getByTestId('signing-sha256').getAttribute('title');

      const o = await download(page, doctorCard.getByTestId('download-original'), downloads);
      original = o.bytes;
      expect(o.name).toBe(`Заключение ${number}.pdf`);
      expect(original.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(sha256(original), 'the original is the document the card names').toBe(fullHash);

      const s = await download(page, doctorCard.getByTestId('download-signature'), downloads);
      signature = s.bytes;
      expect(s.name).toMatch(/\.sig$/);
      expect(signature[0], 'a DER SEQUENCE').toBe(0x30);

      const st = await download(page, doctorCard.getByTestId('download-stamped'), downloads);
      stamped = st.bytes;
      expect(st.name).toBe(`Заключение ${number} (подписан).pdf`);
      expect(stamped.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(stamped.length).toBeGreaterThan(original.length);
      expect(stamped.includes(Buffer.from('/EmbeddedFile')), 'files attached to the stamped copy').toBe(true);
      const stampedPath = join(downloads, 'stamped.pdf');
      writeFileSync(stampedPath, stamped);
      if (has('pdftotext')) {
        const text = spawnSync('pdftotext', ['-enc', 'UTF-8', stampedPath, '-']).stdout.toString('utf8');
        expect(text.replace(/\s+/g, ' ')).toContain('Документ подписан электронной подписью');
      } else {
        testInfo.annotations.push({
          type: 'skipped check',
          description: 'pdftotext (poppler-utils) is missing',
        });
      }
      if (has('pdfdetach')) {
        const out = join(downloads, 'attached');
        mkdirSync(out, { recursive: true });
        expect(spawnSync('pdfdetach', ['-saveall', '-o', out, stampedPath]).status).toBe(0);
        const attached = readdirSync(out).map((name) => readFileSync(join(out, name)));
        expect(
          attached.some((bytes) => sha256(bytes) === sha256(original)),
          'the original is attached to the stamped copy, byte for byte',
        ).toBe(true);
        expect(
          attached.some((bytes) => bytes.equals(signature)),
          'the .sig is attached too',
        ).toBe(true);
      }
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/requests/:id (requester, signed)');
      await screenshot(page, 'signing-request-signed.png', phone);
    });

    const report = () => visitor.page.getByTestId('verify-report');
    const verdict = () => visitor.page.getByTestId('verify-verdict');
    const apiCalls: string[] = [];

    await test.step('a visitor without an account finds «Проверить подпись документа» under the sign-in form', async () => {
      const page = visitor.page;
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/')) apiCalls.push(`${r.method()} ${path}`);
      });
      await page.goto('/doctor/login');
      await expect(page.getByRole('heading', { level: 1, name: 'Вход в систему' })).toBeVisible();
      await page.getByRole('link', { name: 'Проверить подпись документа' }).click();
      await expect(page).toHaveURL(/\/doctor\/verify$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Проверка электронной подписи' }),
      ).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Основная навигация' })).toHaveCount(0);
      // opened directly (a link in a letter), it stays too — no session needed
      await page.reload();
      await expect(
        page.getByRole('heading', { level: 1, name: 'Проверка электронной подписи' }),
      ).toBeVisible();
      await expect(page).toHaveURL(/\/doctor\/verify$/);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/verify');
    });

    await test.step('too many checks: the page says how long to wait', async () => {
      const page = visitor.page;
      await page.route('**/api/v1/signing/verify', (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Too Many Requests',
            status: 429,
            code: 'HTTP.RATE_LIMITED',
            detail: 'Too many requests; try again shortly',
            retryAfterSeconds: 42,
          }),
        }),
      );
      await page.getByLabel('Документ (PDF)', { exact: true }).setInputFiles({
        name: `Заключение ${number}.pdf`,
        mimeType: 'application/pdf',
        buffer: original,
      });
      await page.getByTestId('verify-submit').click();
      await expect(page.getByText('Слишком много проверок подряд. Повторите через 42 с.')).toBeVisible();
      await page.unroute('**/api/v1/signing/verify');
    });

    await test.step('the original with its .sig: «Подпись действительна», the signer in words', async () => {
      const page = visitor.page;
      await page.getByLabel('Файлы подписи (.sig)', { exact: true }).setInputFiles({
        name: `Заключение ${number}.1.sig`,
        mimeType: 'application/pkcs7-signature',
        buffer: signature,
      });
      await page.getByTestId('verify-submit').click();
      await expect(verdict().getByRole('heading', { level: 2 })).toHaveText('Подпись действительна');
      await expect(report()).toContainText(SIGNER);
      await expect(report()).toContainText(SNILS_SHOWN);
      await expect(report()).toContainText('ГБУЗ НСО ГНОКБ');
      await expect(report()).toContainText(pki.caName);
      await expect(report().getByTestId('verify-held')).toHaveText(
        new RegExp(
          `^Документ зарегистрирован в ТМК: Заключение по запросу ${number}, подготовлен .+, подписан .+\\.$`,
        ),
      );
      await expect(report()).toContainText(/подпись получена ТМК/);
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/verify (valid)');
      await screenshot(page, 'signing-verify-valid.png', phone);
    });

    await test.step('the stamped copy alone: valid, its signatures taken from inside it', async () => {
      const page = visitor.page;
      await page.getByRole('button', { name: 'Проверить другой документ' }).click();
      await expect(report()).toHaveCount(0);
      await page.getByLabel('Документ (PDF)', { exact: true }).setInputFiles({
        name: `Заключение ${number} (подписан).pdf`,
        mimeType: 'application/pdf',
        buffer: stamped,
      });
      await page.getByTestId('verify-submit').click();
      await expect(verdict().getByRole('heading', { level: 2 })).toHaveText('Подпись действительна');
      await expect(report()).toContainText('Подписи извлечены из копии со штампом');
      await expect(report()).toContainText(SIGNER);
    });

    await test.step('a PDF changed after signing, with the .sig: «Подпись недействительна», the digest reason in words', async () => {
      const page = visitor.page;
      await page.getByRole('button', { name: 'Проверить другой документ' }).click();
      const changed = Buffer.concat([original, Buffer.from('\n% changed after signing (e2e)\n', 'latin1')]);
      await page.getByLabel('Документ (PDF)', { exact: true }).setInputFiles({
        name: `Заключение ${number}.pdf`,
        mimeType: 'application/pdf',
        buffer: changed,
      });
      await page.getByLabel('Файлы подписи (.sig)', { exact: true }).setInputFiles({
        name: `Заключение ${number}.1.sig`,
        mimeType: 'application/pkcs7-signature',
        buffer: signature,
      });
      await page.getByTestId('verify-submit').click();
      await expect(verdict().getByRole('heading', { level: 2 })).toHaveText('Подпись недействительна');
      await expect(report()).toContainText('Документ изменён после подписания');
      await expect(report().getByTestId('verify-held')).toHaveText('В ТМК такого документа нет.');
      await expectNoHorizontalScroll(page, testInfo);
      await expectNoAxeViolations(page, '/doctor/verify (not valid)');
      await screenshot(page, 'signing-verify-invalid.png', phone);
      // the public page asked for the session (anonymous) and verified; nothing else
      const allowed = new Set([
        'GET /api/v1/auth/me',
        'GET /api/v1/auth/providers',
        'POST /api/v1/signing/verify',
      ]);
      expect(apiCalls.filter((call) => !allowed.has(call))).toEqual([]);
    });

    expect(admin.errors, 'console errors (administrator)').toEqual([]);
    expect(consultant.errors, 'console errors (consultant)').toEqual([]);
    expect(doctor.errors, 'console errors (doctor)').toEqual([]);
    expect(visitor.errors, 'console errors (visitor)').toEqual([]);
    for (const person of [admin, consultant, doctor, visitor]) await person.page.context().close();
  });
});
