import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Shared by the demo accounts (docs/api/demo-accounts.md). */
export const DEMO_PASSWORD = 'Demo-2026-pass';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../docs/screenshots');

export function isPhone(testInfo: TestInfo): boolean {
  return testInfo.project.use.isMobile === true;
}

/** On phones the navigation, the language switcher and the account area sit behind the menu button. */
export async function openMenuIfPhone(page: Page, testInfo: TestInfo): Promise<void> {
  if (!isPhone(testInfo)) return;
  const button = page.locator('button[aria-controls="app-menu"]');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.locator('#app-menu')).toBeVisible();
}

/**
 * Shows the account area's details: on desktop the account menu opens (a disclosure button in the header),
 * on phones it is part of the app menu.
 */
export async function openAccount(page: Page, testInfo: TestInfo): Promise<void> {
  if (isPhone(testInfo)) {
    await openMenuIfPhone(page, testInfo);
    return;
  }
  const toggle = page.locator('.session__toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/**
 * On phones nothing may stick out sideways: neither the page (scroll width) nor any visible element whose box
 * ends right of the viewport — a layout that clips overflow (`overflow: hidden`/`clip`) hides the problem
 * from the scroll width, not from the user. Allowed: content inside a horizontal scroller the user can
 * swipe (`overflow-x: auto|scroll`, e.g. a wide table) and visually hidden text for screen readers.
 */
export async function expectNoHorizontalScroll(page: Page, testInfo: TestInfo): Promise<void> {
  if (!isPhone(testInfo)) return;
  // The device width, not window.innerWidth: a mobile layout viewport widens with content that overflows.
  const deviceWidth = page.viewportSize()?.width ?? 390;
  const result = await page.evaluate((width) => {
    const offenders: string[] = [];
    const allowedByAncestor = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const box = p.getBoundingClientRect();
        if (box.width <= 2 && box.height <= 2) return true; // visually hidden (screen-reader only)
        if (/(auto|scroll)/.test(getComputedStyle(p).overflowX) && box.right <= width + 1) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || style.position === 'fixed') continue;
      if (allowedByAncestor(el)) continue;
      const classes =
        typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean) : [];
      offenders.push(
        `${[el.tagName.toLowerCase(), ...classes].join('.')} (right edge ${Math.round(box.right)} px)`,
      );
      if (offenders.length >= 5) break;
    }
    return { width, overflow: document.documentElement.scrollWidth - width, offenders };
  }, deviceWidth);
  expect(result.overflow, 'horizontal overflow of the page in px').toBeLessThanOrEqual(0);
  expect(result.offenders, `elements sticking out right of the ${result.width} px viewport`).toEqual([]);
}

export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** Console errors and uncaught exceptions; 4xx answers the journeys provoke (and the app explains) are not. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser logs every 4xx answer as a failed resource load (wrong password, anonymous session probe,
    // invalid SNILS); the journeys check that the app explains them. 5xx and anything else count.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(`console: ${message.text()} @ ${message.location().url}`);
  });
  return errors;
}

/** Staff sign-in through the api (the page's cookies are the browser context's). */
export async function signInWithPassword(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  const response = await page.request.post('/api/v1/auth/login', { data: { login, password } });
  expect(response.status(), `sign-in of ${login}`).toBe(200);
}

/**
 * Patient sign-in through «Госуслуги (демо)» (apps/demo-idp): the app's button, the provider's form
 * (`#login`, `#password`, «Войти»), and back to the app.
 */
export async function signInThroughGosuslugi(page: Page, app: string, login: string): Promise<void> {
  await page.goto(`/${app}/login`);
  await page.getByRole('link', { name: 'Войти через Госуслуги' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.waitForURL(new RegExp(`/${app}/(?!login)`));
}
