import { expect, test } from '@playwright/test';
import { DEMO, signIn, stateOf, type DemoKey } from './fixtures';

// Sign in once per demo account through the real form; the specs reuse the session.
for (const key of Object.keys(DEMO) as DemoKey[]) {
  test(`sign in as ${key}`, async ({ page }) => {
    await signIn(page, DEMO[key].email);
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${DEMO[key].name}` })).toBeVisible();
    await page.context().storageState({ path: stateOf(key) });
  });
}
