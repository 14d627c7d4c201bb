import {
  DEMO_PASSWORD,
  E2E,
  enableTwoFactor,
  enterCode,
  expect,
  expectNoAxeViolations,
  formAlert,
  signIn,
  signInAndWait,
  test,
  totpCode,
} from './fixtures';

// Real TOTP codes, computed here as an authenticator app does (RFC 6238 with otplib): no mocks.

test.describe('two-factor sign-in', () => {
  test('a person turns it on with a QR code and a code from the app, and then signs in with password and code', async ({
    page,
    browser,
  }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await signInAndWait(page, E2E.totp.email);
    await page.goto('/account/two-factor');
    await expect(page.getByRole('heading', { level: 1, name: 'Tvåstegsverifiering' })).toBeVisible();
    await expectNoAxeViolations(page);
    // A wrong code does not turn it on.
    await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
    await page.getByLabel('Kod från appen').fill('000000');
    await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
    await expect(page.getByText('Koden stämmer inte.', { exact: false }).first()).toBeVisible();
    await expectNoAxeViolations(page);

    const { secret, codes } = await enableTwoFactor(page);
    expect(codes.every((c) => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(c))).toBe(true);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Jag har sparat koderna – fortsätt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.totp.name}` })).toBeVisible();

    // A new browser: the password alone is not enough.
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, E2E.totp.email);
    await expect(other.getByLabel('Kod', { exact: true })).toBeFocused();
    await expect(other.getByRole('heading', { name: 'Tvåstegsverifiering' })).toBeVisible();
    expect(await (await other.request.get('/api/auth/session')).json()).toBeNull();
    await expectNoAxeViolations(other);
    await enterCode(other, '123456');
    await expect(formAlert(other)).toContainText('Koden stämmer inte');
    // The next period's code (the current one was used to confirm the setup).
    const code = await totpCode(secret, 1);
    await enterCode(other, code);
    await expect(other.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.totp.name}` })).toBeVisible();

    // The same code a second time is refused (replay).
    const third = await (await browser.newContext()).newPage();
    await signIn(third, E2E.totp.email);
    await enterCode(third, code);
    await expect(formAlert(third)).toContainText('Koden stämmer inte eller har redan använts');
    await third.context().close();
    await context.close();
  });

  test('a recovery code signs in once, and works by keyboard alone', async ({ page, browser }) => {
    test.slow(); // several sign-ins (argon2id each) and axe scans
    await signInAndWait(page, E2E.recovery.email);
    const { codes } = await enableTwoFactor(page);

    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto('/login');
    await other.getByLabel('E-postadress').fill(E2E.recovery.email);
    await other.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await other.keyboard.press('Enter');
    const field = other.getByLabel('Kod', { exact: true });
    await expect(field).toBeFocused();
    await other.keyboard.type(codes[0]!.toLowerCase());
    await other.keyboard.press('Enter');
    await expect(other.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.recovery.name}` })).toBeVisible();

    const again = await (await browser.newContext()).newPage();
    await signIn(again, E2E.recovery.email);
    await enterCode(again, codes[0]!);
    await expect(formAlert(again)).toContainText('Koden stämmer inte');
    await again.context().close();

    // The account page counts what is left.
    await page.goto('/account/two-factor');
    await expect(page.getByText('Du har 9 oanvända reservkoder kvar.')).toBeVisible();
    await context.close();
  });
});
