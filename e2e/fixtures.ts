import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Lagesbild-demo-2026';

export const DEMO = {
  admin: { email: 'admin@lagesbild.test', name: 'Alva Admin', role: 'admin', county: null },
  national: { email: 'nationell@lagesbild.test', name: 'Nora Nationell', role: 'national_coordinator', county: null },
  analyst: { email: 'analytiker@lagesbild.test', name: 'Axel Analytiker', role: 'national_analyst', county: null },
  coordinatorAB: {
    email: 'samordnare.ab@lagesbild.test',
    name: 'Sara Samordnare',
    role: 'county_coordinator',
    county: '01',
  },
  staffAB: { email: 'handlaggare.ab@lagesbild.test', name: 'Hugo Handläggare', role: 'county_staff', county: '01' },
  coordinatorO: {
    email: 'samordnare.o@lagesbild.test',
    name: 'Olle Samordnare',
    role: 'county_coordinator',
    county: '14',
  },
  coordinatorBD: {
    email: 'samordnare.bd@lagesbild.test',
    name: 'Britt Samordnare',
    role: 'county_coordinator',
    county: '25',
  },
  regionSyd: {
    email: 'region.syd@lagesbild.test',
    name: 'Rut Regionkoordinator',
    role: 'regional_coordinator',
    county: null,
  },
  regionNord: {
    email: 'region.nord@lagesbild.test',
    name: 'Nils Regionkoordinator',
    role: 'regional_coordinator',
    county: null,
  },
} as const;
export type DemoKey = keyof typeof DEMO;

/**
 * The storage state written by auth.setup.ts for a demo account. One folder per port: two runs
 * on one tree (each with its own server and secret) must not overwrite each other's sessions.
 */
export function stateOf(key: DemoKey): string {
  return `e2e/.auth/${process.env.E2E_PORT ?? '3100'}/${key}.json`;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** The form's own alert (Next's route announcer is an alert too). */
export function formAlert(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

/** Every page must pass axe with no violations (WCAG 2.1 A and AA rules). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/**
 * After a save the record's page says what happened (role="status", naming the record) and its
 * address loses `?saved=`, so that a reload does not say it again; returns that address.
 */
export async function expectSaved(page: Page, text: string | RegExp): Promise<string> {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]saved=/);
  return page.url();
}

export const test = base;
export { expect };

// ── Account security (issue 6) ──────────────────────────────────────────────────────────────

/** The browser tests' own accounts (db/seed/e2e.ts), reset on every run; all use DEMO_PASSWORD. */
export const E2E = {
  deactivate: { email: 'e2e.deactivate@lagesbild.test', name: 'Dora Deaktiveras' },
  roleChange: { email: 'e2e.rolechange@lagesbild.test', name: 'Rolf Rollbyte' },
  reset: { email: 'e2e.reset@lagesbild.test', name: 'Rut Återställs' },
  password: { email: 'e2e.password@lagesbild.test', name: 'Pia Lösenord' },
  totp: { email: 'e2e.totp@lagesbild.test', name: 'Tore Tvåsteg' },
  recovery: { email: 'e2e.recovery@lagesbild.test', name: 'Rebecka Reservkod' },
  english: { email: 'e2e.english@lagesbild.test', name: 'Elin English' },
  englishSwitch: { email: 'e2e.english.switch@lagesbild.test', name: 'Eskil Engelska' },
  englishAdmin: { email: 'e2e.english.admin@lagesbild.test', name: 'Edith English' },
  oneGroup: { email: 'e2e.onegroup@lagesbild.test', name: 'Olle Engrupp' },
  rateLimit: { email: 'e2e.ratelimit@lagesbild.test', name: 'Rasmus Gräns' },
  sso: { email: 'e2e.sso@lagesbild.test', name: 'Sven Singel' },
  ssoInactive: { email: 'e2e.sso.inactive@lagesbild.test', name: 'Ines Inaktiv' },
  idle: { email: 'e2e.idle@lagesbild.test', name: 'Ida Stilla' },
  required: { email: 'e2e.required@lagesbild.test', name: 'Rakel Krav' },
} as const;

/** A real TOTP code (RFC 6238) for the secret, `steps` periods from now: what the person's app shows. */
export async function totpCode(secret: string, steps = 0): Promise<string> {
  const { generate } = await import('otplib');
  return generate({ secret: secret.replace(/\s/g, ''), epoch: Math.floor(Date.now() / 1000) + 30 * steps });
}

/** The second step of the sign-in form: the code field appears once the password was right. */
export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Kod', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verifiera' }).click();
}

/** Turn on two-factor sign-in from the account page, as a person does; returns the key and the recovery codes. */
export async function enableTwoFactor(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.goto('/account/two-factor');
  await page.getByRole('button', { name: 'Slå på tvåstegsverifiering' }).click();
  await expect(page.getByRole('img', { name: /QR-kod/ })).toBeVisible();
  const secret = (await page.locator('code').first().textContent())!.replace(/\s/g, '');
  await page.getByLabel('Kod från appen').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Bekräfta och slå på' }).click();
  const list = page.getByRole('list', { name: 'Dina reservkoder' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
  return { secret, codes };
}

/** Sign in through the form and wait until the app has taken over (the page left /login). */
export async function signInAndWait(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await signIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
