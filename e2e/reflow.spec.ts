import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, stateOf, test, type DemoKey } from './fixtures';

// Every page the app has, enumerated from app/ (not a hand list: a new page without a way to
// reach it here fails the first test), at phone widths: the page itself never scrolls sideways
// (WCAG 1.4.10 reflow at 320 CSS px), wide tables scroll in a focusable, named box of their own,
// and axe finds nothing.

function pageRoutes(dir: string, route = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory()) return name === 'page.tsx' ? [route || '/'] : [];
    if (name.startsWith('_')) return [];
    // (group) folders add nothing to the address.
    const segment = /^\(.*\)$/.test(name) ? '' : `/${name}`;
    return pageRoutes(full, route + segment);
  });
}

const UUID = '[0-9a-f-]{36}';
/** How to reach each page: who opens it, and for a record's page, the list its first record is taken from. */
const REACH: Record<string, { as: DemoKey; from?: { list: string; link: RegExp } }> = {
  '/': { as: 'national' },
  '/login': { as: 'national' },
  '/account': { as: 'national' },
  '/account/password': { as: 'national' },
  '/account/two-factor': { as: 'national' },
  '/admin/audit': { as: 'national' },
  '/admin/security': { as: 'admin' },
  '/admin/users': { as: 'admin' },
  '/admin/users/new': { as: 'admin' },
  '/admin/users/[id]': { as: 'admin', from: { list: '/admin/users', link: new RegExp(`^/admin/users/${UUID}$`) } },
  '/cases': { as: 'national' },
  '/cases/new': { as: 'coordinatorAB' },
  '/cases/[id]': { as: 'national', from: { list: '/cases', link: new RegExp(`^/cases/${UUID}$`) } },
  '/cases/[id]/edit': { as: 'coordinatorAB', from: { list: '/cases', link: new RegExp(`^/cases/${UUID}$`) } },
  '/coordination': { as: 'national' },
  '/coordination/action-items': { as: 'national' },
  '/coordination/groups/new': { as: 'coordinatorAB' },
  '/coordination/groups/[id]': {
    as: 'national',
    from: { list: '/coordination?county=01', link: new RegExp(`^/coordination/groups/${UUID}$`) },
  },
  '/coordination/groups/[id]/edit': {
    as: 'coordinatorAB',
    from: { list: '/coordination', link: new RegExp(`^/coordination/groups/${UUID}$`) },
  },
  '/coordination/meetings': { as: 'national' },
  '/coordination/meetings/new': { as: 'national' },
  '/coordination/meetings/[id]': {
    as: 'national',
    from: { list: '/coordination/meetings', link: new RegExp(`^/coordination/meetings/${UUID}$`) },
  },
  '/coordination/meetings/[id]/edit': {
    as: 'coordinatorAB',
    from: { list: '/coordination/meetings', link: new RegExp(`^/coordination/meetings/${UUID}$`) },
  },
  '/overview': { as: 'national' },
  '/overview/[scope]': { as: 'national', from: { list: '/overview', link: /^\/overview\/01(\?|$)/ } },
  '/overview/releases': { as: 'national' },
  '/report': { as: 'national' },
  '/trainings': { as: 'national' },
  '/trainings/new': { as: 'coordinatorAB' },
  '/trainings/[id]': { as: 'national', from: { list: '/trainings', link: new RegExp(`^/trainings/${UUID}$`) } },
  '/trainings/[id]/edit': {
    as: 'coordinatorAB',
    from: { list: '/trainings', link: new RegExp(`^/trainings/${UUID}$`) },
  },
};

/** Pages only the benchmark's server serves (BENCH_CEILING=1, `npm run bench`): everywhere else 404. */
const BENCHMARK_ONLY = ['/overview/ceiling'];
const ALL_ROUTES = pageRoutes(path.resolve(__dirname, '../app')).sort();
const ROUTES = ALL_ROUTES.filter((r) => !BENCHMARK_ONLY.includes(r));

test('every page of the app has a way to reach it here', () => {
  expect(ROUTES.length).toBeGreaterThan(20);
  expect(ROUTES.filter((r) => !REACH[r])).toEqual([]);
  expect(Object.keys(REACH).filter((r) => !ROUTES.includes(r))).toEqual([]);
  expect(BENCHMARK_ONLY.filter((r) => !ALL_ROUTES.includes(r))).toEqual([]);
});

test.describe('the benchmark-only pages', () => {
  test.use({ storageState: stateOf('national') });
  test('are not served outside the benchmark: 404', async ({ page }) => {
    for (const route of BENCHMARK_ONLY) expect((await page.goto(route))?.status(), route).toBe(404);
  });
});

async function addressOf(page: Page, route: string): Promise<string> {
  const from = REACH[route]!.from;
  if (!from) return route;
  await page.goto(from.list);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const href = hrefs.find((h) => from.link.test(h));
  expect(href, `a link to ${route} on ${from.list}`).toBeTruthy();
  return route.endsWith('/edit') ? `${href!.split('?')[0]}/edit` : href!;
}

for (const width of [390, 320]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });
    for (const route of ROUTES) {
      const who = REACH[route]?.as ?? 'national';
      test.describe(route, () => {
        test.use({ storageState: route === '/login' ? { cookies: [], origins: [] } : stateOf(who) });
        test(`reflows without scrolling the page sideways and passes axe (${who})`, async ({ page }) => {
          test.slow(); // a list page first for a record's page, and axe
          const address = await addressOf(page, route);
          const response = await page.goto(address);
          expect(response?.status(), address).toBe(200);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          const overflow = await page.evaluate(() => {
            const root = document.documentElement;
            const wide = [...document.querySelectorAll<HTMLElement>('main *')]
              .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
              // Inside a scroll box of its own is fine: that box scrolls, not the page.
              .filter((el) => !el.closest('[tabindex="0"].overflow-x-auto'))
              .slice(0, 3)
              .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80));
            return { scroll: root.scrollWidth - root.clientWidth, wide };
          });
          expect(overflow, address).toEqual({ scroll: 0, wide: [] });
          await expectNoAxeViolations(page);
        });
      });
    }
  });
}
