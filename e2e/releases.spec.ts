import { DEMO, expect, expectNoAxeViolations, formAlert, stateOf, test } from './fixtures';
import { callAction, encodeReply, manifestActions, signedInClient } from './support/actions';
import { caseInput } from './support/examples';

// Releases (issue 14, decision 017): outside their own area people see each complete year as it
// was released; a year not released is said to be so, in words, with the latest release a link
// away; the national coordinator releases a changed year as a new version and sets the day of
// automatic release. This spec owns the year 2016 (no other spec writes there).

const OWN_YEAR = 2016;
const COUNTY_CODES = '01 03 04 05 06 07 08 09 10 12 13 14 17 18 19 20 21 22 23 24 25'.split(' ');

test.describe('national analyst', () => {
  test.use({ storageState: stateOf('analyst') });

  test('a year not released is said to be so, everywhere, with the latest release a link away', async ({
    page,
    request,
  }) => {
    const year = new Date().getFullYear();
    for (const address of [`/overview?year=${year}`, `/overview/SE?year=${year}`, `/report?scope=SE&year=${year}`]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(200);
      await expect(formAlert(page)).toContainText(`Siffrorna för ${year} är inte publicerade ännu.`);
      await expect(page.getByRole('main')).not.toContainText('×');
      await expectNoAxeViolations(page);
    }
    await page.goto(`/overview?year=${year}`);
    await page.getByRole('link', { name: `Visa ${year - 1}, det senast publicerade året.` }).click();
    await expect(page).toHaveURL(new RegExp(`year=${year - 1}`));
    await expect(page.getByRole('note')).toContainText(
      new RegExp(`Siffrorna för ${year - 1} är version \\d+, publicerad (automatiskt )?\\d+ \\p{L}+ \\d{4}\\.`, 'u'),
    );
    // The statistics API and the exports refuse it with a clear 4xx, not a 500.
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    for (const url of [
      `/api/statistics?from=${from}&to=${to}`,
      `/api/export/statistics-eurostat.csv?from=${from}&to=${to}`,
      `/api/export/statistics-htcds.json?from=${from}&to=${to}`,
    ]) {
      const res = await request.get(url);
      expect(res.status(), url).toBeGreaterThanOrEqual(400);
      expect(res.status(), url).toBeLessThan(500);
    }
  });

  test('the case count of the nation, each police region and each county of 20 cases or more is shown, exactly or rounded', async ({
    page,
    request,
    browser,
  }) => {
    test.slow(); // 58 answers of the statistics API, then the overview with its axe scan
    // The truth, as the national coordinator's statistics API gives it (no spec writes 2025 cases).
    const national = await browser.newContext({ storageState: stateOf('national') });
    const params = 'from=2025-01-01&to=2025-12-31';
    const scopes = [
      '',
      ...['Nord', 'Mitt', 'Bergslagen', 'Stockholm', 'Öst', 'Väst', 'Syd'].map(
        (r) => `&region=${encodeURIComponent(r)}`,
      ),
      ...COUNTY_CODES.map((c) => `&county=${c}`),
    ];
    type Count = { value: number | null; suppressed: boolean; reason?: string; range?: { low: number; high: number } };
    type Answer = { scope: { kind: string; nameSv: string }; headline: { cases: { current: Count } } };
    const rounded: { name: string; text: string; code: string }[] = [];
    for (const scope of scopes) {
      const [truth, shown] = (await Promise.all(
        [national.request, request].map(async (r) => (await r.get(`/api/statistics?${params}${scope}`)).json()),
      )) as [Answer, Answer];
      const cases = truth.headline.cases.current.value!;
      const c = shown.headline.cases.current;
      const name = shown.scope.nameSv;
      if (cases < 20 && shown.scope.kind === 'county') continue;
      if (c.reason === 'rounded') {
        expect(
          c.range!.low <= cases && cases <= c.range!.high,
          `${name}: ${cases} in ${c.range!.low}–${c.range!.high}`,
        ).toBe(true);
        // The threshold (5) or twice, four or eight times it, from a multiple of that width.
        const width = c.range!.high - c.range!.low + 1;
        expect([5, 10, 20, 40], name).toContain(width);
        expect(c.range!.low % width, name).toBe(0);
        if (shown.scope.kind === 'county')
          rounded.push({ name, text: `${c.range!.low}–${c.range!.high}`, code: scope.slice('&county='.length) });
      } else if (cases >= 20) expect({ name, shown: c.value }).toEqual({ name, shown: cases });
    }
    await national.close();
    test
      .info()
      .annotations.push({
        type: 'rounded counties',
        description: rounded.map((r) => `${r.name} ${r.text}`).join(', '),
      });
    // A rounded county reads as its interval in the national overview's table, in words for a screen reader on the map.
    await page.goto('/overview?year=2025');
    const table = page.getByRole('table', { name: 'Länen med nyckeltal, 2025' });
    for (const { name, text } of rounded) {
      await expect(table.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText(text);
      const [low, high] = text.split('–');
      await expect(
        page
          .getByRole('group', { name: /Karta över Sveriges län/ })
          .getByRole('button', { name: `${name}: mellan ${low} och ${high}, avrundat` }),
      ).toBeVisible();
    }
    await expect(page.getByRole('note')).toContainText('visas den avrundad, som ett intervall');
    await expectNoAxeViolations(page);
    // The situation report says it in words.
    for (const { code, text } of rounded.slice(0, 1)) {
      await page.goto(`/report?scope=${code}&year=2025`);
      await expect(page.getByRole('main')).toContainText(`${text} anmälningar (avrundat`);
    }
  });

  test('reads the releases, without a way to release or to change the release day', async ({ page }) => {
    await page.goto('/overview/releases');
    await expect(page.getByRole('heading', { level: 1, name: 'Publicerade siffror' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Publicerade versioner per år' });
    await expect(table.getByRole('rowheader', { name: String(new Date().getFullYear() - 1) })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Läge' })).toHaveCount(0);
    await expect(page.getByRole('button')).not.toContainText(['Publicera']);
    await expect(page.getByRole('heading', { name: 'Automatisk publicering' })).toHaveCount(0);
    await expect(page.getByText(/publiceras automatiskt den \d+ \p{L}+ året efter/u)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('sees the own county of a year not released in full; the national overview waits for the release', async ({
    page,
  }) => {
    const year = new Date().getFullYear();
    await page.goto(`/overview/01?year=${year}`);
    await expect(page.getByRole('heading', { level: 1, name: `Stockholms län: lägesbild ${year}` })).toBeVisible();
    await page.goto(`/overview?year=${year}`);
    await expect(formAlert(page)).toContainText(`Siffrorna för ${year} är inte publicerade ännu.`);
  });
});

test.describe('admin', () => {
  test.use({ storageState: stateOf('admin') });

  test('is refused the releases (403)', async ({ page }) => {
    const response = await page.goto('/overview/releases');
    expect(response?.status()).toBe(403);
  });
});

test.describe('national coordinator', () => {
  test.use({ storageState: stateOf('national') });

  test('releases a changed year as a new version; the analyst then sees that version', async ({
    page,
    baseURL,
    browser,
  }) => {
    // A case registered afterwards in the year (as the county's staff do, through the action).
    const staff = await signedInClient(baseURL!, DEMO.staffAB.email);
    const create = manifestActions().find((a) => a.name === 'createCaseAction')!;
    const answer = await callAction(
      staff,
      baseURL!,
      create,
      encodeReply([{ ...caseInput(), reportedOn: `${OWN_YEAR}-05-04` }]),
    );
    expect(answer.result?.ok, answer.text).toBe(true);

    await page.goto('/overview/releases');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(OWN_YEAR) }) });
    await expect(row).toContainText('Siffrorna har ändrats sedan den senaste versionen.');
    const version = Number(/Version (\d+)/.exec(await row.innerText())![1]);
    await row.getByRole('button', { name: `Publicera en ny version av ${OWN_YEAR}` }).click();
    await expect(row.getByRole('status')).toHaveText(`${OWN_YEAR} är publicerat som version ${version + 1}.`);
    await expect(row).toContainText(`Version ${version + 1}`);
    await expect(row).toContainText(`Tidigare: ${version} (`);
    await expect(row).toContainText('Nora Nationell');
    await expect(row).toContainText('Oförändrat sedan den senaste versionen.');
    await expectNoAxeViolations(page);

    const analyst = await browser.newContext({ storageState: stateOf('analyst') });
    const analystPage = await analyst.newPage();
    await analystPage.goto(`/overview?year=${OWN_YEAR}`);
    await expect(analystPage.getByRole('note')).toContainText(
      `Siffrorna för ${OWN_YEAR} är version ${version + 1}, publicerad`,
    );
    await analyst.close();
  });

  test('sets the day of automatic release; a day not in every year is refused at its field', async ({ page }) => {
    await page.goto('/overview/releases');
    const form = page.locator('form').filter({ has: page.getByRole('checkbox', { name: 'Publicera automatiskt' }) });
    await expect(page.getByRole('checkbox', { name: 'Publicera automatiskt' })).toBeChecked();
    await form.getByLabel('Månad').selectOption({ label: 'februari' });
    await form.getByLabel('Dag').selectOption('29');
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(form.getByText('Välj en dag som finns varje år (inte 29 februari).')).toBeVisible();
    await expect(form.getByLabel('Dag')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Månad').selectOption({ label: 'april' });
    await form.getByLabel('Dag').selectOption('15');
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(form.getByRole('status')).toHaveText('Dagen för automatisk publicering är sparad.');
    await expect(page.getByText('publiceras automatiskt den 15 april året efter.')).toBeVisible();

    // Back to the default, so that the page reads as the demo does for everyone else.
    await form.getByLabel('Månad').selectOption({ label: 'mars' });
    await form.getByLabel('Dag').selectOption('1');
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(page.getByText('publiceras automatiskt den 1 mars året efter.')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
