import { expect, expectNoAxeViolations, stateOf, test } from './fixtures';

// The overviews on the demo data. Other specs register cases dated today; these tests read
// 2008–2010 and 2025, which they never touch. The dashboards are long pages: axe needs time.
test.beforeEach(() => {
  test.slow();
});

test.describe('national coordinator', () => {
  test.use({ storageState: stateOf('national') });

  test('sees Brå’s 2008–2010 figures in full: 103 cases (53/44/6), 18 uncertain, coercion 20/27/38, 111 perpetrators (37 women), 151 victims', async ({
    page,
  }) => {
    await page.goto('/overview/SE?from=2008-01-01&to=2010-12-31&offences=bra');
    await expect(page.getByRole('heading', { level: 1, name: /^Hela landet: lägesbild/ })).toBeVisible();
    await expect(page.getByText('Små tal skyddas')).toHaveCount(0);
    const keyFigures = page.getByRole('region', { name: 'Nyckeltal' });
    await expect(keyFigures.getByText('103', { exact: true })).toBeVisible();
    const cell = (table: string, row: string) =>
      page
        .getByRole('table', { name: table, exact: true })
        .getByRole('row', { name: new RegExp(`^${row} `) })
        .getByRole('cell')
        .first();
    await expect(cell('Kombinationer av brott', 'Människohandel för sexuella ändamål')).toHaveText('53');
    await expect(cell('Kombinationer av brott', 'Grovt koppleri')).toHaveText('44');
    await expect(cell('Kombinationer av brott', 'Människohandel för sexuella ändamål \\+ Grovt koppleri')).toHaveText(
      '6',
    );
    await expect(cell('Brott konstaterat', 'Osäkert')).toHaveText('18');
    await expect(cell('Tvångsgrad', 'Grad 1: våld, våldtäkt eller isolering')).toHaveText('20');
    await expect(cell('Tvångsgrad', 'Grad 2: hot och/eller vilseledning utan våld')).toHaveText('27');
    await expect(cell('Tvångsgrad', 'Grad 3: högre grad av ”frivillighet”')).toHaveText('38');
    await expect(keyFigures.getByText('111', { exact: true })).toBeVisible();
    await expect(keyFigures.getByText('151', { exact: true })).toBeVisible();
    await expect(cell('Gärningspersoner efter kön', 'Kvinna')).toHaveText('37');
    await expectNoAxeViolations(page);
  });

  test('opens the national overview with map, sortable county table, police regions, trend and coverage', async ({
    page,
  }) => {
    await page.goto('/overview?year=2025');
    await expect(page.getByRole('heading', { level: 1, name: 'Nationell översikt 2025' })).toBeVisible();
    await expect(page.getByRole('group', { name: /Karta över Sveriges län/ }).getByRole('button')).toHaveCount(21);
    const table = page.getByRole('table', { name: 'Länen med nyckeltal, 2025' });
    const names = () => table.locator('tbody').getByRole('rowheader').allTextContents();
    expect((await names())[0]).toBe('Blekinge län');
    expect((await names()).slice(-2)).toEqual(['Örebro län', 'Östergötlands län']);
    // Figures sort largest first, names A–Ö.
    await table.getByRole('button', { name: 'Anmälningar' }).click();
    await expect(table.getByRole('columnheader', { name: /Anmälningar/ })).toHaveAttribute('aria-sort', 'descending');
    expect((await names())[0]).toBe('Stockholms län');
    await expect(
      page.getByRole('table', { name: 'Polisregionerna med nyckeltal, 2025' }).locator('tbody').getByRole('row'),
    ).toHaveCount(7);
    await expect(page.getByText(/Aktiv samverkansgrupp i \d+ av 21 län\./)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the map works by keyboard: each county is focusable, says its figure and opens its dashboard', async ({
    page,
  }) => {
    await page.goto('/overview?year=2025');
    const map = page.getByRole('group', { name: /Karta över Sveriges län/ });
    const blekinge = map.getByRole('button', { name: /^Blekinge län: .+/ });
    await blekinge.focus();
    await expect(blekinge).toBeFocused();
    await page.keyboard.press('Tab');
    const dalarna = map.getByRole('button', { name: /^Dalarnas län: \d[\d\s]* anmälningar$/ });
    await expect(dalarna).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dalarna).toHaveAttribute('aria-pressed', 'true');
    const panel = page.locator('[aria-live="polite"]').filter({ hasText: 'Dalarnas län' });
    await expect(panel).toContainText('anmälningar');
    await panel.getByRole('link', { name: 'Öppna länets lägesbild' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dalarnas län: lägesbild 2025' })).toBeVisible();
  });

  test('downloads the comparable statistics from the national dashboard: Eurostat crim_thb as SDMX-CSV, the Swedish table, HTCDS 2.0 records', async ({
    page,
  }) => {
    await page.goto('/overview/SE?year=2025');
    const { readFileSync } = await import('node:fs');
    const eurostat = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Eurostat crim_thb, hela landet (SDMX-CSV)' }).click();
    const csv = readFileSync(await (await eurostat).path(), 'utf8')
      .split('\r\n')
      .filter(Boolean);
    expect(csv[0]).toBe('freq,unit,leg_stat,sex,citizen,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG');
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['PER_VICT', 'PER_SUSP', 'PER_PRSC', 'PER_CNV']));
    expect(rows.every((r) => r[0] === 'A' && r[1] === 'NR' && r[6] === 'SE' && r[7] === '2025')).toBe(true);
    // The national coordinator sees the full figures: a value in every line, no flag.
    expect(rows.every((r) => /^\d+$/.test(r[8]!) && r[9] === '')).toBe(true);

    const sweden = page.waitForEvent('download');
    await page
      .getByRole('link', { name: 'Svensk tabell: koppleri, köp av sexuell tjänst, människoexploatering (CSV)' })
      .click();
    const table = readFileSync(await (await sweden).path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(table[0]).toBe('År;Brott (kod);Brott;Uppgift (kod);Uppgift;Antal;Skyddad');
    expect(table.some((line) => line.startsWith('2025;sex_purchase;'))).toBe(true);
    expect(table.some((line) => line.includes('trafficking'))).toBe(false);

    const htcds = page.waitForEvent('download');
    await page.getByRole('link', { name: 'HTCDS (JSON)' }).click();
    const body = JSON.parse(readFileSync(await (await htcds).path(), 'utf8'));
    expect(body.standard).toMatchObject({ name: 'HTCDS', version: '2.0', extensionPrefix: 'lagesbild_' });
    expect(body.records.length).toBeGreaterThan(0);
    for (const record of body.records) {
      expect(['Active', 'Closed']).toContain(record.cas_Status);
      expect(
        record.lagesbild_Offences.some((o: string) =>
          ['trafficking_sexual', 'trafficking_other', 'exploitation'].includes(o),
        ),
      ).toBe(true);
      for (const victim of record.lagesbild_Victims)
        expect(['Feminine', 'Masculine', 'NonConforming', 'NonSpecifiedUnknown']).toContain(victim.prs_Gender);
    }
  });
});

test.describe('national analyst', () => {
  test.use({ storageState: stateOf('analyst') });

  test('sees every county suppressed, for calendar years, and no figure from 1 to 4', async ({ page }) => {
    await page.goto('/overview?year=2009');
    await expect(page.getByText(/Små tal skyddas/)).toBeVisible();
    await expect(page.getByLabel('Kvartal')).toHaveCount(0);
    // The count columns (not the change and the rate per 100,000).
    const rows = page.getByRole('table', { name: 'Länen med nyckeltal, 2009' }).locator('tbody tr');
    const cells: string[] = [];
    for (const row of await rows.all()) {
      const texts = await row.locator('td').allTextContents();
      // Cases, victims, perpetrators, convicted: counts of persons (participants and meetings are shown as they are).
      cells.push(...[0, 3, 4, 5].map((i) => texts[i]!.trim()));
    }
    expect(cells).toHaveLength(21 * 4);
    for (const c of cells) expect(['1', '2', '3', '4']).not.toContain(c);
    expect(cells.some((c) => c === '×')).toBe(true);
    await expectNoAxeViolations(page);

    await page.goto('/overview/25?year=2009');
    await expect(page.getByRole('heading', { level: 1, name: 'Norrbottens län: lägesbild 2009' })).toBeVisible();
    await expectNoAxeViolations(page);
    // A custom period is not offered, and one asked for in the URL becomes its calendar year.
    await page.goto('/overview/01?from=2025-02-01&to=2025-03-31');
    await expect(page.getByRole('heading', { level: 1, name: 'Stockholms län: lägesbild 2025' })).toBeVisible();
  });

  test('the API gives suppressed counts as null with suppressed: true, and refuses periods other than years', async ({
    request,
  }) => {
    const ok = await request.get('/api/statistics?from=2009-01-01&to=2009-12-31&county=25');
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.suppression).toEqual({ applied: true, threshold: 5 });
    const cases = body.headline.cases.current;
    if (cases.suppressed) expect(cases.value).toBeNull();
    else expect(cases.value === 0 || cases.value >= 5).toBe(true);
    const quarter = await request.get('/api/statistics?from=2009-01-01&to=2009-03-31&county=25');
    expect(quarter.status()).toBe(400);
    expect((await quarter.json()).parameter).toBe('from');
    const htcds = await (await request.get('/api/export/statistics-htcds.json?from=2009-01-01&to=2009-12-31')).json();
    expect(htcds.records).toBeNull();
    expect(htcds.lagesbild_figures.protection.applied).toBe(true);
    const csv = await request.get('/api/export/statistics-eurostat.csv?from=2009-01-01&to=2009-12-31');
    expect(csv.headers()['content-type']).toContain('text/csv');
    // Eurostat crim_thb as SDMX-CSV, for the country only.
    expect((await csv.text()).split('\r\n')[0]).toBe(
      'freq,unit,leg_stat,sex,citizen,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
    );
    const byCounty = await request.get('/api/export/statistics-eurostat.csv?from=2009-01-01&to=2009-12-31&county=25');
    expect(byCounty.status()).toBe(400);
    expect((await byCounty.json()).parameter).toBe('county');
  });
});

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('sees the own county in full, other counties only in the national overview, and is refused their dashboards', async ({
    page,
    request,
  }) => {
    await page.goto('/overview');
    await expect(page.getByRole('link', { name: 'Lägesbild för Stockholms län' })).toBeVisible();
    await expect(page.getByRole('table', { name: /Länen med nyckeltal/ }).getByRole('link')).toHaveText([
      'Stockholms län',
    ]);
    await page.getByRole('link', { name: 'Lägesbild för Stockholms län' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Stockholms län: lägesbild/ })).toBeVisible();
    await expect(page.getByText(/Små tal skyddas/)).toHaveCount(0);
    await expect(page.getByLabel('Kvartal')).toBeVisible();
    await expectNoAxeViolations(page);

    const refused = await page.goto('/overview/14');
    expect(refused?.status()).toBe(403);
    expect((await request.get('/api/statistics?from=2025-01-01&to=2025-12-31&county=14')).status()).toBe(403);
    const own = await request.get('/api/statistics?from=2025-01-01&to=2025-03-31');
    expect(own.status()).toBe(200);
    expect((await own.json()).scope.code).toBe('01');
    const bad = await request.get('/api/statistics?from=2025-13-01&to=2025-12-31');
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_parameter', parameter: 'from' });
  });

  test('prints a situation report: A4, without navigation, with summary, map and tables', async ({ page }) => {
    await page.goto('/report?scope=01&year=2025');
    await expect(page.getByRole('heading', { level: 1, name: 'Stockholms län 2025' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Sammanfattning' })).toContainText(
      /\d[\d\s]* anmälningar, (\d+ % (fler|färre) än|lika många som) föregående period/,
    );
    await expect(page.getByRole('img', { name: /Karta över länen/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Skriv ut eller spara som PDF' })).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Stockholms län 2025' })).toBeVisible();
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

test.describe('admin', () => {
  test.use({ storageState: stateOf('admin') });

  test('sees no statistics at all: 403 on every page, the API and the exports', async ({ page, request }) => {
    for (const path of ['/overview', '/overview/01', '/overview/SE', '/report?scope=SE']) {
      const response = await page.goto(path);
      expect([path, response?.status()]).toEqual([path, 403]);
    }
    await expectNoAxeViolations(page);
    for (const path of [
      '/api/statistics?from=2025-01-01&to=2025-12-31',
      '/api/export/statistics-eurostat.csv?from=2025-01-01&to=2025-12-31',
      '/api/export/statistics-htcds.json?from=2025-01-01&to=2025-12-31',
    ]) {
      expect([path, (await request.get(path)).status()]).toEqual([path, 403]);
    }
  });
});
