import { DEMO, DEMO_PASSWORD, expect, formAlert, signIn, test, type DemoKey } from './fixtures';

test.describe('sign-in', () => {
  for (const key of Object.keys(DEMO) as DemoKey[]) {
    const account = DEMO[key];
    test(`${key} (${account.role}) signs in and the session carries role and county`, async ({ page }) => {
      await signIn(page, account.email);
      await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${account.name}` })).toBeVisible();
      const session = await (await page.request.get('/api/auth/session')).json();
      expect(session.user).toMatchObject({
        email: account.email,
        name: account.name,
        role: account.role,
        county: account.county,
      });
      expect(typeof session.user.id).toBe('string');
    });
  }

  test('a wrong password gives the same message as an unknown address', async ({ page }) => {
    await signIn(page, DEMO.staffAB.email, 'not the password');
    const alert = formAlert(page);
    await expect(alert).toContainText('Inloggningen misslyckades');
    const wrongPassword = await alert.textContent();
    await signIn(page, 'nobody@lagesbild.test', 'not the password');
    await expect(formAlert(page)).toHaveText(wrongPassword!);
    await expect(page).toHaveURL(/\/login/);
  });

  test('after 5 failed attempts the 6th is refused even with the right password', async ({ page }) => {
    const email = 'e2e.lockout@lagesbild.test';
    for (let i = 1; i <= 5; i++) {
      await signIn(page, email, `wrong-${i}`);
      await expect(formAlert(page)).toContainText('Inloggningen misslyckades');
    }
    await signIn(page, email, DEMO_PASSWORD);
    await expect(formAlert(page)).toContainText('Inloggningen misslyckades');
    await expect(page).toHaveURL(/\/login/);
    expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
  });

  test('an empty form is refused in the browser with messages by the fields', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByText('Fältet måste fyllas i.')).toHaveCount(2);
    await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');
  });

  test('scripts can sign in through the standard Auth.js endpoints', async ({ request }) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    const response = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: DEMO.analyst.email, password: DEMO_PASSWORD },
    });
    expect(response.ok()).toBe(true);
    const session = await (await request.get('/api/auth/session')).json();
    expect(session.user).toMatchObject({ role: 'national_analyst', county: null });
  });

  test('sign-out ends the session', async ({ page }) => {
    await signIn(page, 'e2e.signout@lagesbild.test');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    await page.getByText('Ulf Utloggning · Handläggare').click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
  });

  test('a person who is not signed in is sent to sign in, and then back to the page they wanted', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel('E-postadress').fill(DEMO.admin.email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByLabel('Lösenord').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Användare' })).toBeVisible();
  });

  test('the sign-in never redirects to another site', async ({ page }) => {
    await page.goto('/login?callbackUrl=https%3A%2F%2Fevil.example%2Fphish');
    await page.getByLabel('E-postadress').fill(DEMO.staffAB.email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });
});
