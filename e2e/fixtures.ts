import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Lagesbild-demo-2026';

export const DEMO = {
  admin: { email: 'admin@lagesbild.test', name: 'Alva Admin', role: 'admin', county: null },
  national: { email: 'nationell@lagesbild.test', name: 'Nora Nationell', role: 'national_coordinator', county: null },
  analyst: { email: 'analytiker@lagesbild.test', name: 'Axel Analytiker', role: 'national_analyst', county: null },
  coordinatorAB: { email: 'samordnare.ab@lagesbild.test', name: 'Sara Samordnare', role: 'county_coordinator', county: '01' },
  staffAB: { email: 'handlaggare.ab@lagesbild.test', name: 'Hugo Handläggare', role: 'county_staff', county: '01' },
  coordinatorO: { email: 'samordnare.o@lagesbild.test', name: 'Olle Samordnare', role: 'county_coordinator', county: '14' },
  coordinatorBD: { email: 'samordnare.bd@lagesbild.test', name: 'Britt Samordnare', role: 'county_coordinator', county: '25' },
} as const;
export type DemoKey = keyof typeof DEMO;

/** The storage state written by auth.setup.ts for a demo account. */
export function stateOf(key: DemoKey): string {
  return `e2e/.auth/${key}.json`;
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
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export const test = base;
export { expect };
