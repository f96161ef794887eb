import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against a running server (the test script starts it; there is deliberately no
 * `webServer` here). Debian's Chromium is used: Playwright's own browser builds cannot be downloaded.
 *   E2E_BASE_URL   where the api serves the SPAs (default http://localhost:3000)
 *   CHROMIUM_PATH  the Chromium binary (default /usr/bin/chromium)
 */
const launchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
};

export default defineConfig({
  testDir: './src',
  testMatch: '*.e2e.ts',
  outputDir: 'test-results',
  workers: 1, // two-core machines: one browser at a time
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env['E2E_BASE_URL'] ?? 'http://localhost:3000',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      name: 'phone',
      testIgnore: /(backbone|audit-completeness)\.e2e\.ts/, // API journeys: once per run (desktop) is enough
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        launchOptions,
      },
    },
  ],
});
