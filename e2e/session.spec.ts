import {
  DEMO,
  DEMO_PASSWORD,
  E2E,
  enableTwoFactor,
  expect,
  expectNoAxeViolations,
  signInAndWait,
  test,
} from './fixtures';

// On the isolated server: sessions end after 30 seconds without a request (SESSION_IDLE_SECONDS),
// and the warning opens 20 seconds before (SESSION_WARNING_SECONDS), so these tests wait for real
// time, not a mocked clock: the server's limit is the one under test.

test.describe('idle sessions', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a dialog warns before the idle limit; staying signed in renews the session', async ({ page }) => {
    await signInAndWait(page, E2E.idle.email);
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.idle.name}` })).toBeVisible();
    const dialog = page.getByRole('dialog', { name: 'Vill du fortsätta vara inloggad?' });
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByRole('button', { name: 'Fortsätt vara inloggad' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    // Past the first 30 seconds: still signed in, because the session was renewed.
    await page.waitForTimeout(24_000);
    expect((await (await page.request.get('/api/auth/session')).json())?.user?.email).toBe(E2E.idle.email);
  });

  test('typing counts as activity: someone writing for longer than the limit sees no warning and stays signed in', async ({
    page,
  }) => {
    await signInAndWait(page, E2E.idle.email);
    await page.goto('/account/password');
    const field = page.getByLabel('Nuvarande lösenord');
    const dialog = page.getByRole('dialog', { name: 'Vill du fortsätta vara inloggad?' });
    // 45 seconds of typing, a key every 1.5 s: past the 30-second limit and the warning at 10 s.
    for (let i = 0; i < 30; i += 1) {
      await field.press('a');
      await page.waitForTimeout(1_500);
      await expect(dialog).toBeHidden();
    }
    expect((await (await page.request.get('/api/auth/session')).json())?.user?.email).toBe(E2E.idle.email);
  });

  test('without activity the browser signs out at the limit, and the server no longer accepts the session', async ({
    page,
    browser,
  }) => {
    await signInAndWait(page, E2E.idle.email);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    await expect(page).toHaveURL(/\/login\?reason=idle/, { timeout: 45_000 });
    await expect(page.getByRole('status')).toContainText('inte varit aktiv');

    // The server's own limit, without the browser's help: a session left alone past 30 seconds is gone.
    const context = await browser.newContext();
    const api = context.request;
    const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
    await api.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: E2E.idle.email, password: DEMO_PASSWORD },
    });
    expect((await (await api.get('/api/auth/session')).json())?.user?.email).toBe(E2E.idle.email);
    await new Promise((resolve) => setTimeout(resolve, 32_000));
    expect(await (await api.get('/api/auth/session')).json()).toBeNull();
    await context.close();
  });
});

test.describe('two-factor sign-in required by role', () => {
  test('the admin requires it of a role; a person of that role is sent to set it up before anything else', async ({
    page,
    browser,
  }) => {
    await signInAndWait(page, DEMO.admin.email);
    await page.goto('/admin/security');
    await page.getByRole('checkbox', { name: 'Nationell analytiker' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(page.getByRole('status')).toHaveText('Inställningarna är sparade.');

    const context = await browser.newContext();
    const person = await context.newPage();
    await signInAndWait(person, E2E.required.email);
    await expect(person).toHaveURL(/\/account\/two-factor$/);
    await expect(person.getByRole('status')).toContainText('Din roll kräver tvåstegsverifiering');
    await expect(person.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
    await expectNoAxeViolations(person);
    await person.goto('/');
    await expect(person).toHaveURL(/\/account\/two-factor$/);

    await enableTwoFactor(person);
    await person.getByRole('link', { name: 'Jag har sparat koderna – fortsätt' }).click();
    await expect(person.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.required.name}` })).toBeVisible();
    await context.close();

    await page.goto('/admin/security');
    await page.getByRole('checkbox', { name: 'Nationell analytiker' }).uncheck();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(page.getByRole('status')).toHaveText('Inställningarna är sparade.');
  });
});
