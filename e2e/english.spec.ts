import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, E2E, expect, expectNoAxeViolations, test } from './fixtures';

// The main flows in English. The language is stored on the person's account (and, for the
// sign-in page, in a cookie), so these tests use accounts of their own. The e2e server runs with
// I18N_STRICT=1: a missing message fails the page instead of showing its key.

async function signInInEnglish(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function expectNoMissingMessages(page: Page): Promise<void> {
  await expect(page.locator('body')).not.toContainText('[missing:');
}

/** English dates name the month and times use a 24-hour clock: no "5/8/26", no "2:30 PM". */
async function expectUnambiguousDates(page: Page): Promise<void> {
  const text = await page.getByRole('main').innerText();
  expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
  expect(text).not.toMatch(/\b\d{1,2}(:\d{2})?\s?[AP]M\b/);
}

test.describe('in English', () => {
  test('the sign-in page switches language by cookie; the choice then follows the account to any browser', async ({
    page,
    browser,
  }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectNoAxeViolations(page);
    await signInInEnglish(page, E2E.englishSwitch.email);
    await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${E2E.englishSwitch.name}` })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Cases' })).toBeVisible();
    // The footer's switch stores the choice on the account.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    // Another browser, no cookie: the sign-in page is Swedish, the app after sign-in English.
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto('/login');
    await expect(other.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await other.getByLabel('E-postadress').fill(E2E.englishSwitch.email);
    await other.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await other.getByRole('button', { name: 'Logga in' }).click();
    await expect(other.getByRole('heading', { level: 1, name: `Welcome, ${E2E.englishSwitch.name}` })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'en');

    // Back to Swedish.
    await other.getByRole('button', { name: 'Svenska' }).click();
    await expect(other.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.englishSwitch.name}` })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('lang', 'sv');
    await context.close();
  });

  test('a county coordinator’s pages read in English and pass axe', async ({ page }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await signInInEnglish(page, E2E.english.email);
    for (const [path, heading] of [
      ['/', `Welcome, ${E2E.english.name}`],
      ['/cases', 'Cases'],
      ['/account', 'My account'],
      ['/account/password', 'Change password'],
      ['/account/two-factor', 'Two-factor sign-in'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoMissingMessages(page);
      await expectNoAxeViolations(page);
    }
    const forbidden = await page.goto('/admin/users');
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('403');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('404');
    await expectNoMissingMessages(page);
  });

  test('a county coordinator registers a case in English, and the registers and overviews read in English', async ({
    page,
  }) => {
    test.slow(); // a sign-in, a registration and several axe scans
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await signInInEnglish(page, E2E.english.email);

    // The main flow: register a case, with a field error first (nothing typed is lost).
    await page.goto('/cases/new');
    await page
      .getByLabel('Date of report')
      .fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()));
    await page.getByRole('button', { name: 'Register the case' }).click();
    await expect(page.getByText('This field is required.').first()).toBeVisible();
    await expectNoMissingMessages(page);
    await page.getByLabel('Reported by').selectOption({ label: 'Police' });
    await page.getByRole('checkbox', { name: 'Human trafficking for sexual purposes' }).check();
    await page.getByLabel('Arena').selectOption({ label: 'Apartment or private home' });
    await page.getByLabel('Crime established').selectOption({ label: 'Yes' });
    await page
      .getByLabel('Degree of coercion')
      .selectOption({ label: 'Degree 2: threats and/or deception without violence' });
    await page.getByRole('button', { name: 'Add a victim' }).click();
    const victim = page.getByRole('group', { name: 'Victim 1' });
    for (const [label, option] of [
      ['Sex', 'Woman'],
      ['Age band', '18–20 years'],
      ['Region of origin', 'EU, Eastern Europe'],
      ['Plaintiff status', 'Yes'],
      ['Reflection period or temporary residence permit', 'Applied'],
    ] as const) {
      await victim.getByLabel(label, { exact: true }).selectOption({ label: option });
    }
    await victim.getByRole('checkbox', { name: 'Sheltered housing' }).check();
    await page.getByRole('button', { name: 'Register the case' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Case AB-\d{4}-\d{4,}$/ })).toBeVisible();
    await expect(page.getByText('Human trafficking for sexual purposes')).toBeVisible();
    await expectNoMissingMessages(page);
    await expectNoAxeViolations(page);
    await expectUnambiguousDates(page);

    // The other registers and the overviews.
    for (const path of [
      '/cases',
      '/coordination',
      '/coordination/meetings',
      '/trainings',
      '/trainings/new',
      '/overview',
      '/overview/01',
      '/overview/releases',
      '/report?scope=01&year=2025',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectNoMissingMessages(page);
      await expectNoAxeViolations(page);
      await expectUnambiguousDates(page);
    }
  });

  test('the administration reads in English: users, a new account, security and the audit log', async ({ page }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await signInInEnglish(page, E2E.englishAdmin.email);
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await expect(nav.getByRole('link')).toHaveText(['Home', 'Users', 'Security', 'Audit log']);

    await nav.getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await page.getByRole('link', { name: 'New account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New user account' })).toBeVisible();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('This field is required.').first()).toBeVisible();
    await expectNoMissingMessages(page);
    await expectNoAxeViolations(page);

    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'Dora Deaktiveras' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Name, role and county' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reset the password' })).toBeVisible();
    await expectNoMissingMessages(page);

    await nav.getByRole('link', { name: 'Security' }).click();
    await expect(page.getByRole('group', { name: 'Roles that must use two-factor sign-in' })).toBeVisible();
    await expectNoAxeViolations(page);

    await nav.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Event' })).toBeVisible();
    await expectNoMissingMessages(page);
    await expectNoAxeViolations(page);
  });
});
