// Bad input from outside, against the production server: malformed URLs, NUL characters, bodies
// over the limit and cross-origin calls get a clear 4xx, never a 500. Raw HTTP, as an attacker
// or a script sends it; the server actions are found by name in the build's manifest.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, stateOf, test } from './fixtures';

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** A server action's id in this build, by its file and name (the manifest Next writes at build time). */
function actionId(filename: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === filename && v.exportedName === name);
  if (!found) throw new Error(`no action ${name} in ${filename}`);
  return found[0];
}

const BASE = `http://localhost:${process.env.E2E_PORT ?? '3100'}`;

/** Call a server action as React's client does: a POST to a page with the action's id and the arguments as JSON. */
function callAction(request: APIRequestContext, id: string, args: unknown[], headers: Record<string, string> = {}) {
  return request.post('/cases/new', {
    headers: {
      'Next-Action': id,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: BASE,
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

const checkNumber = () => actionId('app/(app)/cases/actions.ts', 'checkPoliceReportNumberAction');

test.describe('signed in as county staff', () => {
  test.use({ storageState: stateOf('staffAB') });

  test('a path with malformed percent-encoding or a NUL answers 400, not 500', async ({ page }) => {
    for (const url of ['/cases/%zz%', '/cases/%zz%/edit', '/cases/%E0%A4%A', '/cases/%ED%A0%80', '/cases/%00']) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expect.soft(response.status(), url).toBe(400);
    }
    // Auth.js's own endpoints too.
    expect((await page.request.get('/api/auth/%zz%', { maxRedirects: 0 })).status()).toBe(400);
  });

  test('a NUL in a query string answers 400, on pages and on route handlers', async ({ page }) => {
    for (const url of ['/cases?q=%00', '/cases?q=K1%00x', '/api/export/cases.csv?q=%00', '/trainings?county=0%001']) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expect.soft(response.status(), url).toBe(400);
    }
  });

  test('an id that is not one answers 404', async ({ page }) => {
    for (const url of ['/cases/abc', '/cases/00000000-0000-0000-0000-000000000000', '/trainings/x/edit']) {
      expect.soft((await page.request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
    }
  });

  test('a server action call from this origin is answered; from another origin it is refused with 403', async ({
    page,
  }) => {
    const id = checkNumber();
    const same = await callAction(page.request, id, [{ policeReportNumber: '5000-K1-24' }]);
    expect(same.status()).toBe(200);
    expect(await same.text()).toContain('"ok":true');
    for (const origin of ['http://evil.example', 'null', 'http://localhost:1']) {
      const foreign = await callAction(page.request, id, [{ policeReportNumber: '5000-K1-24' }], { Origin: origin });
      expect.soft(foreign.status(), origin).toBe(403);
    }
  });

  test('a server action body over 1 MB answers 413 with a clear message', async ({ page }) => {
    const response = await callAction(page.request, checkNumber(), [{ policeReportNumber: 'x'.repeat(1_100_000) }]);
    expect(response.status()).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/1 MB/) });
  });

  test('a server action body React cannot decode answers 400, JSON or multipart', async ({ page }) => {
    const id = checkNumber();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (const body of ['not json', '{"a":1}', deep, '["$Q1"]', '[{"policeReportNumber":"$@1"}]']) {
      const response = await page.request.post('/cases/new', {
        headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Origin: BASE },
        data: body,
      });
      expect.soft(response.status(), body.slice(0, 30)).toBe(400);
    }
    const forged: Record<string, string>[] = [{ x: '1' }, { '0': 'not json' }, { '0': '["$Q1"]' }];
    for (const multipart of forged) {
      const response = await page.request.post('/cases/new', {
        headers: { 'Next-Action': id, Origin: BASE },
        multipart,
      });
      expect.soft(response.status(), JSON.stringify(multipart)).toBe(400);
    }
    // A form's FormData argument (the sign-out button sends one) still goes through.
    const form = await page.request.post('/cases/new', {
      headers: { 'Next-Action': id, Origin: BASE },
      multipart: { '0': '["$K1"]', '1_policeReportNumber': '5000-K1-24' },
    });
    expect(form.status()).toBe(200);
  });

  test('a server action body without a declared length answers 411', async ({ page }) => {
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${BASE}/cases/new`, {
        method: 'POST',
        headers: {
          'Next-Action': checkNumber(),
          'Content-Type': 'text/plain;charset=UTF-8',
          'Transfer-Encoding': 'chunked',
          Origin: BASE,
          Cookie: cookies,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(JSON.stringify([{ policeReportNumber: '5000-K1-24' }]));
      req.end();
    });
    expect(status).toBe(411);
  });

  test('text that cannot be stored is refused at the field in the form, which keeps what was typed', async ({
    page,
  }) => {
    await page.goto('/cases/new');
    const notes = page.getByLabel('Anteckningar (frivilligt)');
    await notes.fill('Mötet\u0000 hölls');
    await page.getByRole('button', { name: 'Registrera ärendet' }).click();
    await expect(page.getByText('Fältet innehåller ett tecken som inte kan sparas')).toBeVisible();
    await expect(notes).toHaveValue('Mötet\u0000 hölls');
  });
});

test('scripts still sign in with the CSRF token as the README shows; without it Auth.js refuses', async ({
  playwright,
}) => {
  const script = await playwright.request.newContext({ baseURL: BASE });
  const refused = await script.post('/api/auth/callback/credentials', {
    form: { email: DEMO.analyst.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(refused.headers().location ?? '').toContain('error=MissingCSRF');
  const { csrfToken } = await (await script.get('/api/auth/csrf')).json();
  await script.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: DEMO.analyst.email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect((await (await script.get('/api/auth/session')).json()).user.email).toBe(DEMO.analyst.email);
  await script.dispose();
});
