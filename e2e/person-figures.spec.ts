import { DEMO_PASSWORD, E2E, expect, expectNoAxeViolations, stateOf, test } from './fixtures';

// Persons through the justice system on the dashboard (issue 12 item 5, decision 014), on the
// demo data of 2008–2010 and 2009, which other specs never touch.
test.beforeEach(() => {
  test.slow(); // long pages: axe needs time
});

test.describe('national coordinator', () => {
  test.use({ storageState: stateOf('national') });

  test('sees the path counted in persons beside the cases, with the note that a person counts once per case; axe at desktop and phone width', async ({
    page,
  }) => {
    await page.goto('/overview/SE?from=2008-01-01&to=2010-12-31&offences=bra');
    const section = page.getByRole('region', { name: 'Personer genom rättskedjan' });
    await expect(section).toBeVisible();
    await expect(section.getByRole('img', { name: 'Personer misstänkta, åtalade och dömda i perioden' })).toBeVisible();
    await expect(
      section.getByText('En person som är gärningsperson i flera fall räknas en gång per fall'),
    ).toBeVisible();
    const row = (name: string) =>
      section
        .getByRole('table', { name: 'Personer efter rättslig status och kön', exact: true })
        .getByRole('row', { name: new RegExp(`^${name} `) })
        .getByRole('cell');
    // The suspected of the period are the perpetrators of its cases: Brå's 111, 37 of them women.
    await expect(row('Misstänkt').first()).toHaveText('111');
    await expect(row('Misstänkt').nth(2)).toHaveText('37');
    for (const status of ['Åtal väckt', 'Fällande dom i tingsrätten']) {
      const text = (await row(status).first().textContent())!.trim();
      expect(Number(text.replace(/\s/g, ''))).toBeGreaterThan(0);
    }
    await expect(section.getByRole('table', { name: 'Personer efter rättslig status och brott' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(section).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('national analyst', () => {
  test.use({ storageState: stateOf('analyst') });

  test('sees the persons suppressed like the cases: no count from 1 to 4', async ({ page }) => {
    await page.goto('/overview/12?year=2009');
    const section = page.getByRole('region', { name: 'Personer genom rättskedjan' });
    await expect(section).toBeVisible();
    await expect(section.getByText('räknas en gång per fall')).toBeVisible();
    const cells = await section.getByRole('table').locator('td').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(['1', '2', '3', '4']).not.toContain(c.trim());
    await expectNoAxeViolations(page);
  });
});

test.describe('in English', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a county coordinator reads the persons and the once-per-case note in English', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('E-mail address').fill(E2E.english.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/overview/01?year=2009');
    const section = page.getByRole('region', { name: 'Persons through the justice system' });
    await expect(section).toBeVisible();
    await expect(
      section.getByText('A person who is a perpetrator in several cases is counted once per case'),
    ).toBeVisible();
    await expect(section.getByRole('table', { name: 'Persons by legal status and sex', exact: true })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('[missing:');
    await expectNoAxeViolations(page);
  });
});
