import type { Page } from '@playwright/test';
import { E2E, expect, expectNoAxeViolations, test } from './fixtures';

// Single sign-on against a real OpenID Connect provider (e2e/oidc-provider.mjs, started by
// playwright.config.ts on a loopback port), on the isolated server, which is configured for it.
// The provider's development login takes any login name: it becomes the verified e-mail address.

async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Fortsätt med Testleverantören' }).click();
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks to share the e-mail address with the app (its consent step), or is done.
  const consent = page.getByRole('button', { name: 'Continue' });
  await expect(consent.or(page.locator('main#main'))).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test.describe('single sign-on', () => {
  test('the sign-in page offers it and passes axe', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Fortsätt med Testleverantören' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a person with an active account here signs in through the provider, matched by e-mail', async ({ page }) => {
    await signInAtProvider(page, E2E.sso.email);
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.sso.name}` })).toBeVisible();
    const session = await (await page.request.get('/api/auth/session')).json();
    expect(session.user).toMatchObject({ email: E2E.sso.email, role: 'county_coordinator', county: '14' });
  });

  test('nobody gets in without an account here (no self-registration), nor with an inactive one or an unverified address', async ({
    page,
  }) => {
    for (const login of ['nobody.here@lagesbild.test', E2E.ssoInactive.email, `unverified.${E2E.sso.email}`]) {
      await page.context().clearCookies();
      await signInAtProvider(page, login);
      await expect(page).toHaveURL(/\/login\?error=/);
      await expect(page.getByRole('main').getByRole('alert')).toContainText('det finns inget aktivt konto i Lägesbild');
      expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
    }
  });
});
