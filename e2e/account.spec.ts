import {
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

test.describe('own account', () => {
  test('the account page shows who one is and passes axe', async ({ browser }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    const context = await browser.newContext({ storageState: stateOf('coordinatorAB') });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Mitt konto' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('samordnare.ab@lagesbild.test');
    await expect(page.getByRole('main')).toContainText('Tvåstegsverifiering är inte påslagen.');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Byt lösenord' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Byt lösenord' })).toBeVisible();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('changing the password needs the current one and refuses weak new ones; then one signs in again', async ({
    page,
  }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await signInAndWait(page, E2E.password.email);
    await page.goto('/account/password');
    const current = page.getByLabel('Nuvarande lösenord');
    const next = page.getByLabel('Nytt lösenord');
    const again = page.getByLabel('Upprepa det nya lösenordet');
    const submit = page.getByRole('button', { name: 'Byt lösenord' });

    // Checked in the browser: length and the repetition.
    await current.fill(DEMO_PASSWORD);
    await next.fill('too short');
    await again.fill('too shorter');
    await submit.click();
    await expect(page.getByText('Lösenordet måste ha minst 12 tecken.')).toBeVisible();
    await expect(page.getByText('Lösenorden stämmer inte överens.')).toBeVisible();
    await expect(next).toHaveAttribute('aria-invalid', 'true');

    // Checked on the server: a common password, the e-mail address, the current password.
    for (const [password, message] of [
      ['Monkey123456', 'Lösenordet är för vanligt'],
      ['e2e.password is mine', 'får inte innehålla din e-postadress'],
    ] as const) {
      await next.fill(password);
      await again.fill(password);
      await submit.click();
      // The field's own error (the page's rules say the same words above the form).
      await expect(page.locator('p[id$="-error"]').filter({ hasText: message })).toBeVisible();
    }
    await current.fill('not my password');
    await next.fill('quiet lanterns over water');
    await again.fill('quiet lanterns over water');
    await submit.click();
    await expect(page.getByText('Det nuvarande lösenordet stämmer inte.')).toBeVisible();
    await expectNoAxeViolations(page);

    await current.fill(DEMO_PASSWORD);
    await submit.click();
    await expect(page).toHaveURL(/\/login\?reason=password_changed/);
    await signIn(page, E2E.password.email);
    await expect(formAlert(page)).toContainText('Inloggningen misslyckades');
    await signIn(page, E2E.password.email, 'quiet lanterns over water');
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.password.name}` })).toBeVisible();
  });
});
