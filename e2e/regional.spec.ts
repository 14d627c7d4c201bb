import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, stateOf, test } from './fixtures';

// The regional coordinator (issue 13): police region Syd is Kronoberg (07), Kalmar (08),
// Blekinge (10) and Skåne (12). Works in every county of the region, nowhere else.

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** Desktop and phone width: the new pages must pass axe at both. */
async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('regional coordinator of Syd', () => {
  test.use({ storageState: stateOf('regionSyd') });

  test('starts on the region, and the user menu names the region and its counties', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 2, name: 'Polisregion Syd' })).toBeVisible();
    for (const county of ['Kronobergs län', 'Kalmar län', 'Blekinge län', 'Skåne län'])
      await expect(page.getByRole('main').getByText(county, { exact: true })).toBeVisible();
    await page.getByText('Rut Regionkoordinator · Regionkoordinator').click();
    const menu = page.locator('details[open]');
    await expect(menu.getByText('Polisregion', { exact: true })).toBeVisible();
    await expect(menu.getByText('Kronobergs län, Kalmar län, Blekinge län, Skåne län')).toBeVisible();
    await expectAccessibleAtBothWidths(page);
    await page.goto('/account');
    await expect(page.getByText('Syd (Kronobergs län, Kalmar län, Blekinge län, Skåne län)')).toBeVisible();
    await expectAccessibleAtBothWidths(page);
  });

  test('registers a case in a second county of the region (Kalmar), and finds it in the list', async ({ page }) => {
    await page.goto('/cases/new');
    const county = page.getByLabel('Län', { exact: true });
    // Only the region's four counties are offered.
    await expect(county.locator('option:not([value=""])')).toHaveText([
      'Kronobergs län',
      'Kalmar län',
      'Blekinge län',
      'Skåne län',
    ]);
    await county.selectOption({ label: 'Kalmar län' });
    await page.getByLabel('Anmälningsdatum').fill(today());
    await page.getByLabel('Anmälare').selectOption({ label: 'Polisen' });
    await page.getByRole('checkbox', { name: 'Människohandel för sexuella ändamål' }).check();
    await page.getByLabel('Arena').selectOption({ label: 'Lägenhet eller privat bostad' });
    await page.getByLabel('Brott konstaterat').selectOption({ label: 'Ja' });
    await page.getByLabel('Tvångsgrad').selectOption({ label: 'Grad 2: hot och/eller vilseledning utan våld' });
    await page.getByRole('button', { name: 'Registrera ärendet' }).click();
    // Kalmar's letter is H.
    await expect(page.getByRole('heading', { level: 1, name: /^Ärende H-\d{4}-\d{4,}$/ })).toBeVisible();
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Ärende ', '');
    await page.goto(`/cases?q=${reference}`);
    await expect(page.getByRole('link', { name: reference })).toBeVisible();
  });

  test('opens the regional dashboard from the overview: the four counties side by side, in full', async ({ page }) => {
    test.slow(); // two large pages, axe at two widths
    await page.goto('/overview');
    await page.getByRole('link', { name: 'Lägesbild för polisregion Syd' }).click();
    await expect(page).toHaveURL(/\/overview\/syd/);
    await expect(page.getByRole('heading', { level: 1, name: /^Polisregion Syd: lägesbild/ })).toBeVisible();
    const table = page.getByRole('table', { name: /^Länen i Polisregion Syd sida vid sida/ });
    await expect(table.getByRole('rowheader')).toHaveText([
      'Blekinge län',
      'Kalmar län',
      'Kronobergs län',
      'Skåne län',
      'Polisregion Syd',
    ]);
    // In full: no note about protected figures.
    await expect(page.getByRole('main').getByRole('note')).toHaveCount(0);
    await expectAccessibleAtBothWidths(page);
  });

  test('the region by any of its names; a county of the region in full; elsewhere refused', async ({ page }) => {
    test.slow(); // many pages, the report with axe at two widths
    for (const name of ['Syd', 'SYD']) {
      const response = await page.goto(`/overview/${name}`);
      expect(response?.status()).toBe(200);
    }
    expect((await page.goto('/overview/12'))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: /^Skåne län: lägesbild/ })).toBeVisible();
    expect((await page.goto('/overview/01'))?.status()).toBe(403);
    expect((await page.goto('/overview/ost'))?.status()).toBe(403);
    expect((await page.goto('/overview/SE'))?.status()).toBe(403);
    expect((await page.goto('/overview/sud'))?.status()).toBe(404);
    expect((await page.goto('/report?scope=syd'))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: /^Polisregion Syd / })).toBeVisible();
    await expect(page.getByRole('table', { name: /^Länen i Polisregion Syd sida vid sida/ })).toBeVisible();
    await expectAccessibleAtBothWidths(page);
    const api = await page.request.get('/api/statistics?from=2025-01-01&to=2025-12-31&region=syd');
    expect(api.status()).toBe(200);
    expect((await api.json()).scope).toMatchObject({ kind: 'region', code: 'syd', counties: ['07', '08', '10', '12'] });
    expect((await page.request.get('/api/statistics?from=2025-01-01&to=2025-12-31&region=Nord')).status()).toBe(403);
  });

  test('gets 404 on a case outside the region', async ({ page, browser }) => {
    // A case of Stockholm (01), found by Stockholm's county staff.
    const stockholm = await browser.newContext({ storageState: stateOf('staffAB') });
    const other = await stockholm.newPage();
    await other.goto('/cases');
    await other.getByRole('table').getByRole('link').first().click();
    await expect(other.getByRole('heading', { level: 1, name: /^Ärende AB-/ })).toBeVisible();
    const url = new URL(other.url()).pathname;
    await stockholm.close();

    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte (404)' })).toBeVisible();
  });
});

test.describe('national coordinator', () => {
  test.use({ storageState: stateOf('national') });

  test('opens every region from the overview table; a region dashboard in full', async ({ page }) => {
    test.slow(); // two large pages, axe at two widths
    await page.goto('/overview');
    const regions = page.getByRole('table', { name: /^Polisregionerna med nyckeltal/ });
    for (const name of ['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'])
      await expect(regions.getByRole('link', { name, exact: true })).toBeVisible();
    await regions.getByRole('link', { name: 'Öst', exact: true }).click();
    await expect(page).toHaveURL(/\/overview\/ost/);
    await expect(page.getByRole('heading', { level: 1, name: /^Polisregion Öst: lägesbild/ })).toBeVisible();
    await expectAccessibleAtBothWidths(page);
  });
});

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('may not open a regional dashboard, not even of its own region', async ({ page }) => {
    expect((await page.goto('/overview/stockholm'))?.status()).toBe(403);
  });
});

test.describe('admin', () => {
  test.use({ storageState: stateOf('admin') });

  test('creates a regional coordinator, choosing the region', async ({ page }) => {
    await page.goto('/admin/users/new');
    const email = `e2e.region.${Date.now()}@lagesbild.test`;
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Namn', { exact: true }).fill('Regina Region');
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Regionkoordinator' });
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await expect(page.getByText('Välj en polisregion: rollen arbetar i en polisregion.')).toBeVisible();
    await page.getByLabel('Polisregion', { exact: true }).selectOption({ label: 'Nord' });
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await expect(page.getByTestId('one-time-password')).toBeVisible();
    await page.getByRole('link', { name: 'Öppna kontot' }).click();
    await expect(page.getByRole('main').getByText('Polisregion Nord')).toBeVisible();
  });
});
