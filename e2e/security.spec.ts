import { randomInt } from 'node:crypto';
import { DEMO, DEMO_PASSWORD, E2E, expect, formAlert, signIn, stateOf, test } from './fixtures';

test.describe('security headers', () => {
  test('every page carries a Content-Security-Policy with a fresh nonce that is on every script', async ({ page }) => {
    const first = await page.goto('/login');
    const csp = first!.headers()['content-security-policy']!;
    const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-eval');
    // Every script the server sent carries the nonce (the browser hides it from the DOM afterwards).
    const html = await first!.text();
    const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);

    const second = await page.goto('/login');
    expect(second!.headers()['content-security-policy']).not.toContain(nonce);
  });

  test('the other headers are on pages, API answers and static files; HSTS only over HTTPS', async ({
    page,
    request,
  }) => {
    const responses = [
      await request.get('/login'),
      await request.get('/api/health'),
      await request.get('/api/auth/session'),
      await request.get('/api/export/audit.csv'), // 401: not signed in
    ];
    await page.goto('/login');
    const asset = await page.evaluate(() => (document.querySelector('script[src]') as HTMLScriptElement).src);
    responses.push(await request.get(asset));
    for (const response of responses) {
      const headers = response.headers();
      expect.soft(headers['x-content-type-options'], response.url()).toBe('nosniff');
      expect.soft(headers['referrer-policy'], response.url()).toBe('strict-origin-when-cross-origin');
      expect.soft(headers['x-frame-options'], response.url()).toBe('DENY');
      expect.soft(headers['strict-transport-security'], response.url()).toBeUndefined();
    }
    // Behind a TLS-terminating proxy the production server adds HSTS.
    const viaHttps = await request.get('/login', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(viaHttps.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test.describe('signed in', () => {
    test.use({ storageState: stateOf('admin') });
    test('no page breaks its own policy', async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
      });
      for (const path of [
        '/',
        '/admin/users',
        '/admin/users/new',
        '/admin/security',
        '/admin/audit',
        '/account',
        '/account/two-factor',
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      }
      expect(violations).toEqual([]);
    });
  });

  test('the session cookie is HttpOnly and SameSite', async ({ page }) => {
    await signIn(page, DEMO.analyst.email);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Välkommen');
    const cookie = (await page.context().cookies()).find((c) => c.name.includes('session-token'))!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  test('the single sign-on button shows only when a provider is configured (not on this server)', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: /Fortsätt med/ })).toHaveCount(0);
  });
});

test.describe('sign-in rate limits (in the database)', () => {
  // Each test plays clients of its own by X-Forwarded-For (the e2e server trusts one proxy).
  const address = () => `203.0.113.${randomInt(1, 250)}`;

  test('a client address that failed too often is refused, even with the right password; another address is not', async ({
    page,
    request,
  }) => {
    const mine = address();
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    // SIGNIN_MAX_FAILURES_PER_ADDRESS=30 on the e2e server.
    for (let i = 0; i < 30; i++) {
      await request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: `spray-${i}@lagesbild.test`, password: 'guess' },
        headers: { 'X-Forwarded-For': mine },
        maxRedirects: 0,
      });
    }
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': mine });
    await signIn(page, E2E.rateLimit.email);
    await expect(formAlert(page)).toContainText('För många misslyckade inloggningsförsök');
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.51.100.${randomInt(1, 250)}` });
    await signIn(page, E2E.rateLimit.email);
    await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${E2E.rateLimit.name}` })).toBeVisible();
  });

  test('an account that failed too often from many addresses is refused for a while, whether or not it exists', async ({
    request,
  }) => {
    const ghost = `ghost-${randomInt(1e9)}@lagesbild.test`;
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    const attempt = async (password: string) =>
      request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email: ghost, password },
        headers: { 'X-Forwarded-For': address() },
        maxRedirects: 0,
      });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess ${i}`)).headers().location).toContain('code=failed');
    expect((await attempt(DEMO_PASSWORD)).headers().location).toContain('code=rate_limited');
  });
});
