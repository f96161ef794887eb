import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signInThroughGosuslugi, signInWithPassword } from './identity-helpers';

type Locale = 'ru' | 'uk' | 'en';

interface SpaCase {
  readonly app: 'doctor' | 'patient' | 'coordinator';
  /** Who signs in: staff by password, patients through «Госуслуги (демо)». */
  readonly signIn: (page: Page) => Promise<void>;
  /** Navigation link labels per language (group labels are plain text, checked separately). */
  readonly links: Readonly<Record<Locale, readonly string[]>>;
  readonly groups?: Readonly<Record<Locale, readonly string[]>>;
  readonly documentTitle: Readonly<Record<Locale, string>>;
  /** A Russian nav item to open, where it leads, the page heading there and its document title (default: the heading). */
  readonly visit: {
    readonly link: string;
    readonly path: string;
    readonly heading: string;
    readonly title?: string;
  };
}

const shared = {
  navLabel: { ru: 'Основная навигация', uk: 'Основна навігація', en: 'Main navigation' },
  languageLabel: { ru: 'Язык интерфейса', uk: 'Мова інтерфейсу', en: 'Interface language' },
} as const;

const spas: readonly SpaCase[] = [
  {
    app: 'doctor',
    signIn: (page) => signInWithPassword(page, 'doctor'),
    links: {
      // a requesting doctor: their own requests (a consultant sees the inbox group instead)
      ru: [
        'Главная',
        'Новое обращение',
        'Черновики',
        'Открытые',
        'Закрытые',
        'Просроченные',
        'Пациенты',
        'Расписание',
        'Направления',
        'Профиль',
      ],
      uk: [
        'Головна',
        'Нове звернення',
        'Чернетки',
        'Відкриті',
        'Закриті',
        'Прострочені',
        'Пацієнти',
        'Розклад',
        'Направлення',
        'Профіль',
      ],
      en: [
        'Home',
        'New request',
        'Drafts',
        'Open',
        'Closed',
        'Overdue',
        'Patients',
        'Schedule',
        'Referrals',
        'Profile',
      ],
    },
    groups: { ru: ['Мои обращения'], uk: ['Мої звернення'], en: ['My requests'] },
    documentTitle: { ru: 'ТМК — кабинет врача', uk: 'ТМК — кабінет лікаря', en: 'ТМК — Doctor workspace' },
    // the page is «Мои обращения» with its «Просроченные» tab; the document title names the tab
    visit: {
      link: 'Просроченные',
      path: '/doctor/requests/mine/overdue',
      heading: 'Мои обращения',
      title: 'Просроченные',
    },
  },
  {
    app: 'patient',
    signIn: (page) => signInThroughGosuslugi(page, 'patient', 'smirnov'),
    links: {
      ru: ['Главная', 'Мои консультации', 'Записаться', 'Направления', 'Профиль'],
      uk: ['Головна', 'Мої консультації', 'Записатися', 'Направлення', 'Профіль'],
      en: ['Home', 'My consultations', 'Book', 'Referrals', 'Profile'],
    },
    documentTitle: { ru: 'ТМК — кабинет пациента', uk: 'ТМК — кабінет пацієнта', en: 'ТМК — Patient portal' },
    visit: { link: 'Записаться', path: '/patient/booking', heading: 'Запись на консультацию' },
  },
  {
    app: 'coordinator',
    signIn: (page) => signInWithPassword(page, 'admin'),
    links: {
      ru: [
        'Главная',
        'Очередь',
        'Центры',
        'Журнал',
        'Показатели',
        'Пользователи',
        'Организации',
        'Журнал аудита',
        'Безопасность',
      ],
      uk: [
        'Головна',
        'Черга',
        'Центри',
        'Журнал',
        'Показники',
        'Користувачі',
        'Заклади',
        'Журнал аудиту',
        'Безпека',
      ],
      en: [
        'Home',
        'Queue',
        'Centres',
        'Journal',
        'Dashboard',
        'Users',
        'Organisations',
        'Audit trail',
        'Security',
      ],
    },
    documentTitle: {
      ru: 'ТМК — координационный центр',
      uk: 'ТМК — координаційний центр',
      en: 'ТМК — Coordination centre',
    },
    visit: { link: 'Очередь', path: '/coordinator/queue', heading: 'Очередь обращений' },
  },
];

/** Message of the error the journey feeds to the error boundary (the boundary logs it, as it should). */
const SIMULATED_ERROR = 'e2e: simulated component failure';

const SCREENSHOT_DIR = resolve(__dirname, '../../../docs/screenshots');

/** Console errors and uncaught exceptions seen by the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The footer's readiness probe may legitimately answer 503 (no database behind a test server); the
    // browser logs that as a failed resource load. Anything else is a real error.
    if (
      message.location().url.endsWith('/health/ready') &&
      message.text().startsWith('Failed to load resource')
    )
      return;
    if (message.text().includes(SIMULATED_ERROR)) return; // logged on purpose by the error-boundary step
    // Before signing in, the session probe is answered 401 (anonymous): expected, the app shows the sign-in page.
    if (message.location().url.endsWith('/api/v1/auth/me') && message.text().includes('status of 401'))
      return;
    errors.push(`console: ${message.text()} @ ${message.location().url}`);
  });
  return errors;
}

function isPhone(testInfo: TestInfo): boolean {
  return testInfo.project.use.isMobile === true;
}

/** On phones the navigation and the language switcher sit behind the menu button. */
async function openMenuIfPhone(page: Page, testInfo: TestInfo): Promise<void> {
  if (!isPhone(testInfo)) return;
  const button = page.locator('button[aria-controls="app-menu"]');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#app-menu')).toBeVisible();
}

async function expectNavigation(page: Page, spa: SpaCase, locale: Locale): Promise<void> {
  const nav = page.getByRole('navigation', { name: shared.navLabel[locale] });
  await expect(nav).toBeVisible();
  for (const label of spa.links[locale]) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  for (const label of spa.groups?.[locale] ?? []) {
    await expect(nav.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page).toHaveTitle(spa.documentTitle[locale]);
}

async function switchLanguage(page: Page, testInfo: TestInfo, from: Locale, to: Locale): Promise<void> {
  await openMenuIfPhone(page, testInfo);
  await page.getByRole('combobox', { name: shared.languageLabel[from] }).selectOption(to);
}

/** Nothing may stick out sideways on a phone (the shell must work down to 360 px). */
async function expectNoHorizontalScroll(page: Page, testInfo: TestInfo): Promise<void> {
  if (!isPhone(testInfo)) return;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

for (const spa of spas) {
  test(`${spa.app} SPA: sign-in first, Russian shell, language switch and persistence, navigation, 404, accessibility`, async ({
    page,
  }, testInfo) => {
    const errors = watchErrors(page);

    await test.step('an anonymous visitor gets the accessible sign-in page', async () => {
      await page.goto(`/${spa.app}/`);
      await expect(page).toHaveURL(`/${spa.app}/login`);
      await expect(page.getByRole('heading', { level: 1, name: 'Вход в систему' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Войти через Госуслуги' })).toBeVisible();
      await expect(page).toHaveTitle(`Вход в систему — ${spa.documentTitle.ru}`);
      await expectNoAxeViolations(page, `/${spa.app}/login`);
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('signs in', async () => {
      await spa.signIn(page);
    });

    await test.step('opens in Russian', async () => {
      await page.goto(`/${spa.app}/`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[role="status"][data-state]')).not.toHaveAttribute('data-state', 'checking');
      await expectNoHorizontalScroll(page, testInfo);
      await openMenuIfPhone(page, testInfo);
      await expectNavigation(page, spa, 'ru');
      await expectNoHorizontalScroll(page, testInfo);
    });

    if (!isPhone(testInfo)) {
      await test.step('saves a screenshot of the home page', async () => {
        await page.screenshot({
          path: resolve(SCREENSHOT_DIR, `${spa.app}.png`),
          fullPage: true,
          animations: 'disabled',
        });
      });
    }

    await test.step('home page has no axe violations (WCAG 2 A/AA)', async () => {
      await expectNoAxeViolations(page, `/${spa.app}/`);
    });

    await test.step('switches to Ukrainian, then English', async () => {
      await switchLanguage(page, testInfo, 'ru', 'uk');
      await expectNavigation(page, spa, 'uk');
      await expectNoHorizontalScroll(page, testInfo);
      await expect(page.getByRole('link', { name: spa.links.ru[1], exact: true })).toHaveCount(0);
      await switchLanguage(page, testInfo, 'uk', 'en');
      await expectNavigation(page, spa, 'en');
    });

    await test.step('keeps the choice after a reload', async () => {
      await page.reload();
      await openMenuIfPhone(page, testInfo);
      await expectNavigation(page, spa, 'en');
      await switchLanguage(page, testInfo, 'en', 'ru');
      await expectNavigation(page, spa, 'ru');
    });

    await test.step('opens a navigation item', async () => {
      await openMenuIfPhone(page, testInfo);
      await page
        .getByRole('navigation', { name: shared.navLabel.ru })
        .getByRole('link', { name: spa.visit.link, exact: true })
        .click();
      await expect(page).toHaveURL(spa.visit.path);
      await expect(page.getByRole('heading', { level: 1, name: spa.visit.heading })).toBeVisible();
      await expect(page).toHaveTitle(`${spa.visit.title ?? spa.visit.heading} — ${spa.documentTitle.ru}`);
      await expectNoHorizontalScroll(page, testInfo);
    });

    await test.step('unknown path shows the 404 page with a way back', async () => {
      await page.goto(`/${spa.app}/no/such/page`);
      await expect(page.getByRole('heading', { level: 1, name: 'Страница не найдена' })).toBeVisible();
      await expect(page).toHaveTitle(`Страница не найдена — ${spa.documentTitle.ru}`);
      await page.getByRole('link', { name: 'На главную' }).click();
      await expect(page).toHaveURL(`/${spa.app}/`);
    });

    await test.step('error boundary shows the error page with the request id', async () => {
      // Feed an error to the app's error handler, as Vue does for an exception in a component.
      await page.evaluate((message) => {
        type WithApp = Element & { __vue_app__?: { config: { errorHandler?: (error: unknown) => void } } };
        const container = document.querySelector<WithApp>('#app');
        const error = Object.assign(new Error(message), { requestId: 'e2e-request-1' });
        container?.__vue_app__?.config.errorHandler?.(error);
      }, SIMULATED_ERROR);
      await expect(page.getByRole('heading', { level: 1, name: 'Что-то пошло не так' })).toBeVisible();
      await expect(page.getByText('Код запроса: e2e-request-1')).toBeVisible();
      await expect(page).toHaveURL(`/${spa.app}/error`);
      await page.getByRole('link', { name: 'На главную' }).click();
      await expect(page).toHaveURL(`/${spa.app}/`);
    });

    if (isPhone(testInfo)) {
      await test.step('menu button opens and closes the navigation', async () => {
        const button = page.getByRole('button', { name: 'Меню' });
        const nav = page.getByRole('navigation', { name: shared.navLabel.ru });
        await expect(nav).toBeHidden();
        await button.click();
        await expect(page.getByRole('button', { name: 'Закрыть меню' })).toHaveAttribute(
          'aria-expanded',
          'true',
        );
        await expect(nav).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(nav).toBeHidden();
        await expect(page.getByRole('button', { name: 'Меню' })).toBeFocused();
      });
    }

    expect(errors, 'console errors and uncaught exceptions').toEqual([]);
  });
}
