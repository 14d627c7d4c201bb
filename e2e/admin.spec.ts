import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  DEMO,
  DEMO_PASSWORD,
  E2E,
  expect,
  expectNoAxeViolations,
  formAlert,
  signIn,
  signInAndWait,
  stateOf,
  test,
} from './fixtures';

/** A second person, in a browser of their own. */
async function personSignedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<Page> {
  // Not the admin's storage state, which this file's contexts would otherwise start with.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

async function openUser(page: Page, name: string): Promise<void> {
  await page.goto('/admin/users');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('user administration', () => {
  test.use({ storageState: stateOf('admin') });

  test('the admin creates an account; the person signs in with the one-time password and must choose their own', async ({
    page,
    browser,
  }) => {
    test.slow(); // several browsers and sign-ins (argon2id each)
    const email = `e2e-new-${randomUUID().slice(0, 8)}@lagesbild.test`;
    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'Nytt konto' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nytt användarkonto' })).toBeVisible();
    await expectNoAxeViolations(page);
    // County roles need a county; the form asks for it once the role is chosen.
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Namn', { exact: true }).fill('Nils Nykomling');
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Handläggare' });
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await expect(page.getByText('Välj ett län: rollen arbetar i ett län.')).toBeVisible();
    await page.getByLabel('Län', { exact: true }).selectOption({ label: 'Uppsala län' });
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    const oneTime = (await page.getByTestId('one-time-password').textContent())!;
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await expectNoAxeViolations(page);

    const person = await personSignedIn(browser, email, oneTime);
    await expect(person).toHaveURL(/\/account\/password$/);
    await expect(person.getByRole('status')).toContainText('engångslösenord');
    await expect(person.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
    await person.goto('/cases');
    await expect(person).toHaveURL(/\/account\/password$/);
    await person.getByLabel('Nuvarande lösenord').fill(oneTime);
    await person.getByLabel('Nytt lösenord').fill('violet elephants dance slowly');
    await person.getByLabel('Upprepa det nya lösenordet').fill('violet elephants dance slowly');
    await person.getByRole('button', { name: 'Byt lösenord' }).click();
    await expect(person).toHaveURL(/\/login\?reason=password_changed/);
    await expect(person.getByRole('status')).toContainText('Ditt lösenord är bytt');
    await signIn(person, email, 'violet elephants dance slowly');
    await expect(person.getByRole('heading', { level: 1, name: 'Välkommen, Nils Nykomling' })).toBeVisible();
    await person.context().close();
  });

  test('deactivation ends the person’s session at their next request; reactivation lets them back', async ({
    page,
    browser,
  }) => {
    test.slow(); // several browsers and sign-ins (argon2id each)
    const person = await personSignedIn(browser, E2E.deactivate.email);
    await expect(person.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.deactivate.name}` })).toBeVisible();

    await openUser(page, E2E.deactivate.name);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Inaktivera kontot' }).click();
    await expect(page.getByRole('status')).toHaveText('Kontot är inaktiverat.');

    await person.goto('/cases');
    await expect(person).toHaveURL(/\/login/);
    await signIn(person, E2E.deactivate.email);
    await expect(formAlert(person)).toContainText('Inloggningen misslyckades');

    await page.getByRole('button', { name: 'Aktivera kontot igen' }).click();
    await expect(page.getByRole('status')).toHaveText('Kontot är aktiverat igen.');
    await signIn(person, E2E.deactivate.email);
    await expect(person.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.deactivate.name}` })).toBeVisible();
    await person.context().close();
  });

  test('a new role and county sign the person out, and they come back with the new access', async ({
    page,
    browser,
  }) => {
    test.slow(); // several browsers and sign-ins (argon2id each)
    const person = await personSignedIn(browser, E2E.roleChange.email);
    await expect(person.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.roleChange.name}` })).toBeVisible();

    await openUser(page, E2E.roleChange.name);
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Länssamordnare' });
    await page.getByLabel('Län', { exact: true }).selectOption({ label: 'Västra Götalands län' });
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(page.getByRole('status')).toHaveText('Ändringarna är sparade.');
    await expect(page.getByRole('main').locator('dl')).toContainText('Länssamordnare');

    await person.reload();
    await expect(person).toHaveURL(/\/login/);
    await signInAndWait(person, E2E.roleChange.email);
    const session = await (await person.request.get('/api/auth/session')).json();
    expect(session.user).toMatchObject({ role: 'county_coordinator', county: '14' });
    await person.context().close();
  });

  test('a password reset shows a one-time password once; the old password stops working', async ({ page, browser }) => {
    test.slow(); // several browsers and sign-ins (argon2id each)
    await openUser(page, E2E.reset.name);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Återställ lösenordet' }).click();
    const oneTime = (await page.getByTestId('one-time-password').textContent())!;
    await expectNoAxeViolations(page);

    const person = await personSignedIn(browser, E2E.reset.email);
    await expect(formAlert(person)).toContainText('Inloggningen misslyckades');
    await signIn(person, E2E.reset.email, oneTime);
    await expect(person).toHaveURL(/\/account\/password$/);
    // Reloading the admin's page shows no password any more: it was shown once.
    await page.reload();
    await expect(page.getByTestId('one-time-password')).toHaveCount(0);
    await expect(page.getByRole('main').locator('dl')).toContainText('Måste byta lösenord');
    await person.context().close();
  });

  test('the admin cannot deactivate or demote themselves', async ({ page }) => {
    await openUser(page, DEMO.admin.name);
    await expect(page.getByText('Det här är ditt eget konto.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Inaktivera kontot' })).toHaveCount(0);
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Nationell samordnare' });
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(formAlert(page)).toContainText('Du kan inte ändra din egen roll');
    await expectNoAxeViolations(page);
  });

  test('the list filters by role and status, and every page works by keyboard and passes axe', async ({ page }) => {
    await page.goto('/admin/users?role=county_coordinator&status=active');
    await expect(page.getByRole('rowheader', { name: 'Sara Samordnare' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Alva Admin' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    // Keyboard: from the search field to the first account's page.
    await page.getByLabel('Sök på namn eller e-post').focus();
    await page.keyboard.type('samordnare.bd');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['Britt Samordnare']);
    await page.getByRole('link', { name: 'Britt Samordnare' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Britt Samordnare' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the security page lists the roles that can be required to use two-factor sign-in and passes axe', async ({
    page,
  }) => {
    await page.goto('/admin/security');
    await expect(page.getByRole('heading', { level: 1, name: 'Säkerhet' })).toBeVisible();
    const group = page.getByRole('group', { name: 'Roller som måste använda tvåstegsverifiering' });
    await expect(group.getByRole('checkbox')).toHaveCount(6);
    await expect(
      page.getByText('En session avslutas efter 30 minuter utan aktivitet.', { exact: false }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('audit log', () => {
  test.use({ storageState: stateOf('admin') });

  test('filters by person and event, exports CSV, and every reading is itself logged', async ({ page }) => {
    test.slow(); // several browsers and sign-ins (argon2id each)
    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeVisible();
    await expectNoAxeViolations(page);
    // That reading is now in the log, and among the events the filter offers.
    await page.reload();
    await page.getByLabel('Person').selectOption({ label: `${DEMO.admin.name} (${DEMO.admin.email})` });
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Granskningsloggen visad' });
    await page.getByRole('button', { name: 'Visa' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText('Granskningsloggen visad');
    await expect(rows.nth(1)).toContainText(DEMO.admin.name);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Exportera som CSV' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('Händelse');
    // Filtered to the admin's readings: the event column (the sixth) says so on every line.
    const lines = csv.split('\r\n').slice(1).filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.split(';')[5] === 'audit.read' && line.split(';')[3] === DEMO.admin.name)).toBe(
      true,
    );

    await page.reload(); // the export is now among the events offered
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Granskningsloggen exporterad' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(rows.nth(1)).toContainText('Granskningsloggen exporterad');
  });

  test('pages through older entries', async ({ page }) => {
    await page.goto('/admin/audit');
    const older = page.getByRole('link', { name: 'Äldre händelser' });
    // Every reading of the log is itself logged: reading it again until there is more than one
    // page (50 entries) makes the test independent of what other tests wrote before it.
    for (let i = 0; i <= 50 && (await older.count()) === 0; i++) await page.reload();
    await expect(older).toBeVisible();
    await older.click();
    await expect(page).toHaveURL(/before=\d+/);
    await expect(page.getByRole('link', { name: 'Till de senaste' })).toBeVisible();
  });
});

test.describe('audit log for the national coordinator', () => {
  test.use({ storageState: stateOf('national') });
  test('opens from the menu', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Granskningslogg' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeVisible();
  });

  test('reads in words: every event and record kind it offers, and the records by their names', async ({ page }) => {
    await page.goto('/admin/audit');
    const code = /^[a-z_]+[._][a-z_]+$/;
    for (const label of ['Händelse', 'Post']) {
      const options = await page.getByLabel(label, { exact: true }).locator('option').allTextContents();
      expect(options.length, label).toBeGreaterThan(5);
      expect(
        options.filter((o) => code.test(o.trim())),
        label,
      ).toEqual([]);
    }
    // A case the national coordinator has read is named by its reference, not only by its id.
    await page.goto('/cases');
    const reference = (await page.getByRole('table').getByRole('link').first().textContent())!.trim();
    await page.getByRole('table').getByRole('link').first().click();
    await page.goto('/admin/audit');
    await page.getByLabel('Händelse', { exact: true }).selectOption({ label: 'Ärende läst' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText(reference);
    const demo = await page.getByRole('table').getByRole('cell').allTextContents();
    expect(demo.filter((c) => code.test(c.trim()))).toEqual([]);
  });
});

test.describe('refusals', () => {
  test.use({ storageState: stateOf('staffAB') });
  test('county staff gets 403 on the admin pages, the audit log and its export', async ({ page }) => {
    for (const path of ['/admin/users/new', '/admin/security', '/admin/audit']) {
      expect((await page.goto(path))?.status()).toBe(403);
    }
    expect((await page.request.get('/api/export/audit.csv')).status()).toBe(403);
  });
});
