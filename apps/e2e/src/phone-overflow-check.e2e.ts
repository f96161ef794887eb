import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll, isPhone } from './identity-helpers';

/**
 * The phone layout check itself must be able to fail: content wider than the phone inside a layout that clips
 * overflow (so the page's scroll width stays fine) is still caught.
 */
test('the phone overflow check catches content sticking out of a clipping layout', async ({
  page,
}, testInfo) => {
  await page.goto('/doctor/login');
  await page.evaluate(() => {
    document.body.style.overflowX = 'hidden';
    const wide = document.createElement('div');
    wide.textContent = 'wider than a phone';
    wide.style.cssText = 'width: 800px; min-width: 800px; max-width: none';
    (document.querySelector('main') ?? document.body).appendChild(wide);
  });
  const check = expectNoHorizontalScroll(page, testInfo);
  if (isPhone(testInfo)) await expect(check).rejects.toThrow(/sticking out|overflow/);
  else await expect(check).resolves.toBeUndefined(); // the check applies to phones only
});
