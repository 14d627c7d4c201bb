import { DEMO, expect, expectNoAxeViolations, stateOf, test, type DemoKey } from './fixtures';

// What each role's main menu shows. Features add their entries here as they land.
const NAVIGATION: Record<DemoKey, string[]> = {
  admin: ['Start', 'Användare', 'Säkerhet', 'Granskningslogg'],
  national: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik', 'Granskningslogg'],
  analyst: ['Start', 'Statistik'],
  coordinatorAB: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
  staffAB: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
  coordinatorO: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
  coordinatorBD: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
  regionSyd: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
  regionNord: ['Start', 'Ärenden', 'Samverkan', 'Utbildningar', 'Statistik'],
};

/** What the user menu names as the person's scope: their county, their region's counties, or the country. */
const SCOPE: Partial<Record<DemoKey, string>> = {
  regionSyd: 'Kronobergs län, Kalmar län, Blekinge län, Skåne län',
  regionNord: 'Västernorrlands län, Jämtlands län, Västerbottens län, Norrbottens län',
};

for (const key of Object.keys(DEMO) as DemoKey[]) {
  test.describe(`as ${key}`, () => {
    test.use({ storageState: stateOf(key) });

    test('the menu shows what the role may use, and the start page passes axe', async ({ page }) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      await expect(nav.getByRole('link')).toHaveText(NAVIGATION[key]);
      await expect(nav.getByRole('link', { name: 'Start' })).toHaveAttribute('aria-current', 'page');
      await expectNoAxeViolations(page);
    });

    test('the user menu shows name, role and county', async ({ page }) => {
      await page.goto('/');
      await page.getByText(`${DEMO[key].name} ·`).click();
      const menu = page.locator('details[open]');
      await expect(menu).toContainText(DEMO[key].email);
      await expect(menu).toContainText(
        SCOPE[key] ??
          (DEMO[key].county === '01'
            ? 'Stockholms län'
            : DEMO[key].county === '14'
              ? 'Västra Götalands län'
              : DEMO[key].county === '25'
                ? 'Norrbottens län'
                : 'Hela landet'),
      );
      await expectNoAxeViolations(page);
    });
  });
}

test.describe('start pages', () => {
  test.describe('county coordinator', () => {
    test.use({ storageState: stateOf('coordinatorO') });
    test('shows the own county with its figures in Swedish format', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 2, name: 'Västra Götalands län' })).toBeVisible();
      await expect(page.getByText('1 772 821')).toBeVisible();
      await expect(page.getByText('Hallands län')).toBeVisible(); // same police region (Väst)
    });
  });
  test.describe('national coordinator', () => {
    test.use({ storageState: stateOf('national') });
    test('lists the 21 counties in Swedish order with the national total', async ({ page }) => {
      await page.goto('/');
      const rows = page.getByRole('table').getByRole('rowheader');
      await expect(rows).toHaveCount(22);
      const names = await rows.allTextContents();
      expect(names[0]).toBe('Blekinge län');
      expect(names.slice(-3)).toEqual(['Örebro län', 'Östergötlands län', 'Hela landet']);
      await expect(page.getByText('10 587 710')).toBeVisible();
    });
  });
  test.describe('admin', () => {
    test.use({ storageState: stateOf('admin') });
    test('the user list shows the accounts and passes axe', async ({ page }) => {
      await page.goto('/admin/users');
      await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Sara Samordnare' })).toBeVisible();
      await page.getByLabel('Sök på namn eller e-post').fill('samordnare.o');
      await page.getByRole('button', { name: 'Sök' }).click();
      await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['Olle Samordnare']);
      await expectNoAxeViolations(page);
    });
  });
});

test.describe('refusals', () => {
  test.use({ storageState: stateOf('staffAB') });

  test('county staff gets 403 on an admin page', async ({ page }) => {
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Ingen behörighet (403)' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('an unknown address gives 404', async ({ page }) => {
    const response = await page.goto('/finns-inte');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte (404)' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('keyboard', () => {
  test('the sign-in page works by keyboard alone and passes axe', async ({ page }) => {
    await page.goto('/login');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('E-postadress')).toBeFocused();
    await page.keyboard.type(DEMO.staffAB.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Lösenord')).toBeFocused();
    await page.keyboard.type('Lagesbild-demo-2026');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${DEMO.staffAB.name}` })).toBeVisible();
  });

  test.describe('signed in', () => {
    test.use({ storageState: stateOf('admin') });
    test('skip link, menu and user menu are reachable by Tab and work with Enter', async ({ page }) => {
      await page.goto('/');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
      await expect(skip).toBeFocused();
      await page.keyboard.press('Tab'); // the app name (home link)
      await page.keyboard.press('Tab'); // the user menu
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: 'Logga ut' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(
        page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Start' }),
      ).toBeFocused();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible();
    });
  });
});

test.describe('the user menu', () => {
  test.use({ storageState: stateOf('coordinatorAB') });
  test('closes on Escape (focus back on its button), on a click elsewhere and on the next page', async ({ page }) => {
    await page.goto('/');
    const button = page.getByText(`${DEMO.coordinatorAB.name} ·`);
    const signOut = page.getByRole('button', { name: 'Logga ut' });
    await button.click();
    await expect(signOut).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(signOut).toBeHidden();
    await expect(page.locator('summary')).toBeFocused();

    await button.click();
    await expect(signOut).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click();
    await expect(signOut).toBeHidden();

    await button.click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ärenden' }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(signOut).toBeHidden();
  });
});

test('the icons and the web manifest exist, also before sign-in', async ({ request }) => {
  for (const path of ['/favicon.ico', '/icon.svg', '/icon-192.png', '/icon-512.png']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(/^image\//);
  }
  const manifest = await request.get('/manifest.webmanifest', { maxRedirects: 0 });
  expect(manifest.status()).toBe(200);
  expect((await manifest.json()).icons.length).toBeGreaterThan(1);
});

test('the health check reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: 'ok',
    database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
  });
});
