import { expect, expectNoAxeViolations, expectSaved, stateOf, test } from './fixtures';

/** A title no other run uses; letters only, since a run of digits could look like a phone number to the privacy guard. */
function uniqueTitle(prefix: string): string {
  const letters = Array.from({ length: 8 }, () => 'abcdefghijkmnopqrstuvwxyz'[Math.floor(Math.random() * 25)]).join('');
  return `${prefix} ${letters}`;
}

test.describe('county staff', () => {
  test.use({ storageState: stateOf('staffAB') });

  test('registers a training with participants per audience, sees the total while typing, and finds it in the list', async ({
    page,
  }) => {
    test.slow();
    const title = uniqueTitle('Att identifiera människohandel');
    await page.goto('/trainings');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Registrera utbildning' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Registrera utbildning' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Arrangör').selectOption({ label: 'Länsstyrelsen' });
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Form', { exact: true }).selectOption({ label: 'Fysiskt' });
    await page.getByLabel('Antal timmar').fill('6,5');
    await page.getByRole('checkbox', { name: 'Att identifiera människohandel' }).check();
    await page.getByRole('checkbox', { name: 'Metoder och samverkan' }).check();

    const total = page.getByText(/^Totalt: .* deltagare$/);
    await expect(total).toHaveText('Totalt: 0 deltagare');
    const rows = [
      ['Socialtjänst', '24'],
      ['Polis', '12'],
      ['Hälso- och sjukvård', '7'],
    ] as const;
    for (const [i, [audience, count]] of rows.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Lägg till målgrupp' }).click();
      const row = page.getByRole('group', { name: `Målgrupp ${i + 1}` });
      await row.getByLabel('Målgrupp', { exact: true }).selectOption({ label: audience });
      await row.getByLabel('Antal deltagare').fill(count);
    }
    await expect(total).toHaveText('Totalt: 43 deltagare');
    await page.getByRole('button', { name: 'Ta bort Målgrupp 3' }).click();
    await expect(total).toHaveText('Totalt: 36 deltagare');
    await page.getByLabel('Genomsnittligt betyg i utvärderingen (frivilligt)').fill('4,4');

    await page.getByRole('button', { name: 'Registrera utbildningen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectNoAxeViolations(page);
    const participants = page.getByRole('region', { name: 'Deltagare' });
    await expect(participants.getByRole('rowheader')).toHaveText(['Polis', 'Socialtjänst', 'Totalt']);
    await expect(participants.getByRole('row').last()).toContainText('36');
    await expect(page.getByText('4,4 av 5')).toBeVisible();
    const url = await expectSaved(page, `Utbildningen ”${title}” är registrerad.`);

    // Edit: hours and one more audience.
    await page.getByRole('link', { name: 'Redigera' }).click();
    await expectNoAxeViolations(page);
    await expect(page.getByLabel('Antal timmar')).toHaveValue('6,5');
    await page.getByRole('button', { name: 'Lägg till målgrupp' }).click();
    const third = page.getByRole('group', { name: 'Målgrupp 3' });
    await third.getByLabel('Målgrupp', { exact: true }).selectOption({ label: 'Ambassad- och konsulatspersonal' });
    await third.getByLabel('Antal deltagare').fill('4');
    await expect(page.getByText('Totalt: 40 deltagare')).toBeVisible();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('region', { name: 'Deltagare' }).getByRole('row').last()).toContainText('40');
    await expect(
      page
        .getByRole('region', { name: 'Ändringshistorik' })
        .getByRole('row')
        .filter({ hasText: 'Ändrade utbildningen' }),
    ).toContainText('Deltagare');

    // The list filters by audience and theme and sums the participants of what matches.
    await page.goto('/trainings?audience=embassy_staff&theme=methods_cooperation');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await page.goto('/trainings?audience=courts&theme=methods_cooperation');
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText(/utbildning(ar)? med .* deltagare|Inga utbildningar/);
  });

  test('the form works by keyboard alone: adding an audience and typing its count updates the total', async ({
    page,
  }) => {
    await page.goto('/trainings/new');
    await page.getByLabel('Titel').focus();
    await page.keyboard.type('Tangentbordskursen');
    const first = page.getByRole('group', { name: 'Målgrupp 1' });
    await first.getByLabel('Antal deltagare').focus();
    await page.keyboard.type('15');
    await page.keyboard.press('Tab'); // the row's remove button
    await expect(page.getByRole('button', { name: 'Ta bort Målgrupp 1' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Lägg till målgrupp' })).toBeFocused();
    await page.keyboard.press('Enter');
    const second = page.getByRole('group', { name: 'Målgrupp 2' });
    await expect(second).toBeVisible();
    await second.getByLabel('Antal deltagare').focus();
    await page.keyboard.type('5');
    await expect(page.getByText('Totalt: 20 deltagare')).toBeVisible();
    // A required field left empty is announced, and the form keeps the rest.
    await page.getByRole('button', { name: 'Registrera utbildningen' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Form', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Titel')).toHaveValue('Tangentbordskursen');
  });

  test('a personal identity number in the description is refused', async ({ page }) => {
    await page.goto('/trainings/new');
    await page.getByLabel('Beskrivning (frivilligt)').fill('Anmälan via 19121212-1212');
    await page.getByRole('button', { name: 'Registrera utbildningen' }).click();
    await expect(page.getByText('Texten ser ut att innehålla ett personnummer', { exact: false })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('another county', () => {
  test.use({ storageState: stateOf('coordinatorO') });

  test('cannot open a Stockholm training (404) or export it', async ({ page, browser }) => {
    const national = await browser.newPage({ storageState: stateOf('national') });
    await national.goto('/trainings?county=01');
    const href = await national.getByRole('table').getByRole('link').first().getAttribute('href');
    await national.close();
    expect(href).toMatch(/^\/trainings\/[0-9a-f-]{36}$/);
    expect((await page.goto(href!))?.status()).toBe(404);
    expect((await page.goto(`${href}/edit`))?.status()).toBe(404);
    const csv = (await (await page.request.get('/api/export/trainings.csv?county=01')).body()).toString('utf8');
    for (const line of csv.trim().split('\r\n').slice(1)) expect(line.split(';')[1]).toBe('14');
  });
});

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('deletes and restores a training, and exports the list', async ({ page }) => {
    // A demo training of long ago: the other tests register and edit today's.
    await page.goto('/trainings?from=2015-01-01&to=2015-12-31');
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page).toHaveURL(/\/trainings\/[0-9a-f-]{36}$/);
    const title = (await page.getByRole('heading', { level: 1 }).textContent())!;
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Ta bort utbildningen' }).click();
    await expect(page.getByText('Utbildningen är borttagen')).toBeVisible();
    await page.getByRole('button', { name: 'Återställ utbildningen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Utbildningen är borttagen')).toHaveCount(0);

    const csv = await page.request.get('/api/export/trainings.csv?from=2008-01-01&to=2010-12-31');
    const text = (await csv.body()).toString('utf8');
    expect(text).toContain('Deltagare: Ambassad- och konsulatspersonal');
    expect(text).toContain('Deltagare totalt');
    const xlsx = await page.request.get('/api/export/trainings.xlsx');
    expect([...(await xlsx.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

for (const role of ['analyst', 'admin'] as const) {
  test.describe(`${role}`, () => {
    test.use({ storageState: stateOf(role) });
    test('cannot open the training register or its export', async ({ page }) => {
      expect((await page.goto('/trainings'))?.status()).toBe(403);
      expect((await page.goto('/trainings/new'))?.status()).toBe(403);
      expect((await page.request.get('/api/export/trainings.csv')).status()).toBe(403);
    });
  });
}
