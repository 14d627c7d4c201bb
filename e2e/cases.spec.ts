import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectSaved, formAlert, stateOf, test } from './fixtures';

/** Today in Sweden as YYYY-MM-DD (the form refuses dates in the future). */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** A police report number no other test run uses, so duplicate warnings stay out of the way. */
function uniquePoliceNumber(): string {
  return `5000-K${String(Date.now()).slice(-6)}${Math.floor(Math.random() * 10)}-26`;
}

async function fillParty(page: Page, legend: string, values: Record<string, string>, support?: string[]) {
  const party = page.getByRole('group', { name: legend });
  for (const [label, value] of Object.entries(values))
    await party.getByLabel(label, { exact: true }).selectOption({ label: value });
  for (const s of support ?? []) await party.getByRole('checkbox', { name: s }).check();
}

/** Register a case through the form and return its detail page URL and reference. */
async function registerCase(
  page: Page,
  notes = 'Tips via socialtjänstens uppsökande arbete.',
): Promise<{ url: string; reference: string }> {
  await page.goto('/cases/new');
  await page.getByLabel('Anmälningsdatum').fill(today());
  await page.getByLabel('Anmälare').selectOption({ label: 'Polisen' });
  await page.getByLabel('Polisens diarienummer (frivilligt)').fill(uniquePoliceNumber());
  await page.getByRole('checkbox', { name: 'Människohandel för sexuella ändamål' }).check();
  await page.getByLabel('Arena').selectOption({ label: 'Lägenhet eller privat bostad' });
  await page.getByLabel('Brott konstaterat').selectOption({ label: 'Ja' });
  await page.getByLabel('Tvångsgrad').selectOption({ label: 'Grad 2: hot och/eller vilseledning utan våld' });
  await page.getByRole('checkbox', { name: 'Skuldslaveri' }).check();

  await page.getByRole('button', { name: 'Lägg till brottsoffer' }).click();
  await page.getByRole('button', { name: 'Lägg till brottsoffer' }).click();
  await page.getByRole('button', { name: 'Lägg till gärningsperson' }).click();
  const victim = {
    Kön: 'Kvinna',
    Åldersgrupp: '18–20 år',
    Ursprungsregion: 'EU, Östeuropa',
    Målsägandestatus: 'Ja',
    'Betänketid eller tillfälligt uppehållstillstånd': 'Ansökt',
  };
  await fillParty(page, 'Brottsoffer 1', victim, ['Skyddat boende', 'Målsägandebiträde']);
  await fillParty(page, 'Brottsoffer 2', { ...victim, Åldersgrupp: '21–25 år' }, ['Samtalsstöd eller terapi']);
  await fillParty(page, 'Gärningsperson 1', {
    Kön: 'Man',
    Åldersgrupp: '36–50 år',
    Ursprungsregion: 'EU, Östeuropa',
    Roll: 'Kontrollerar eller exploaterar',
  });
  await page
    .getByRole('group', { name: 'Brottsoffer 1' })
    .getByLabel('Medborgarskap (landskod, frivilligt)')
    .fill('ro');
  await page.getByLabel('Anteckningar (frivilligt)').fill(notes);

  await page.getByRole('button', { name: 'Registrera ärendet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Ärende AB-\d{4}-\d{4,}$/ })).toBeVisible();
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  const reference = heading!.replace('Ärende ', '');
  return { url: await expectSaved(page, `Ärendet ${reference} är registrerat.`), reference };
}

test.describe('county staff', () => {
  test.use({ storageState: stateOf('staffAB') });

  test('registers a case with two victims and a perpetrator, finds it, edits it, follows it to conviction and sees the history', async ({
    page,
  }) => {
    // Registration, edit, three steps and four accessibility checks.
    test.setTimeout(60_000);
    const { url, reference } = await registerCase(page);
    await expectNoAxeViolations(page);
    await expect(page.getByRole('region', { name: 'Brottsoffer' }).getByRole('row')).toHaveCount(3);
    await expect(page.getByRole('region', { name: 'Gärningspersoner' }).getByRole('row')).toHaveCount(2);
    await expect(page.getByText('RO', { exact: true })).toBeVisible();

    // Found in the list by its reference.
    await page.goto('/cases');
    await expectNoAxeViolations(page);
    await page.getByLabel('Sök på referens eller polisens diarienummer').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('status')).toHaveText('1 ärende');
    await page.getByRole('link', { name: reference }).click();
    await expect(page).toHaveURL(url);

    // Edit.
    await page.getByRole('link', { name: 'Redigera' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Redigera ${reference}` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('checkbox', { name: 'Grovt koppleri' }).check();
    await page.getByLabel('Arena').selectOption({ label: 'Hotell' });
    await page.getByRole('button', { name: 'Spara' }).click();
    expect(await expectSaved(page, `Ändringarna i ärendet ${reference} är sparade.`)).toBe(url);
    await expect(page.getByText('Människohandel för sexuella ändamål, Grovt koppleri')).toBeVisible();

    // The investigation is the case's; prosecution and conviction are the perpetrator's (decision 012).
    await page.getByLabel('Nytt steg').selectOption({ label: 'Förundersökning inledd' });
    await page.getByLabel('Datum', { exact: true }).fill(today());
    await page.getByRole('button', { name: 'Registrera steget' }).click();
    await expect(
      page.getByRole('region', { name: 'Status' }).getByRole('listitem').filter({ hasText: 'Förundersökning inledd' }),
    ).toBeVisible();
    await expect(page.getByLabel('Nytt steg').locator('option')).toHaveText(['Avslutat']);
    for (const [step, sanction] of [
      ['Åtal väckt', null],
      ['Fällande dom i tingsrätten', 'Böter'],
    ] as const) {
      await page.getByRole('checkbox', { name: /^Gärningsperson 1:/ }).check();
      await page.getByLabel('Steg i rättsväsendet').selectOption({ label: step });
      await page.getByLabel('Datum för steget').fill(today());
      await page.getByRole('checkbox', { name: 'Människohandel för sexuella ändamål' }).last().check();
      if (sanction) await page.getByLabel('Påföljd').selectOption({ label: sanction });
      await page.getByRole('button', { name: 'Registrera för valda personer' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Registrerat: ${step}` })).toBeVisible();
    }
    await expect(
      page.getByRole('region', { name: 'Status' }).getByRole('listitem').filter({ hasText: 'Fällande dom' }),
    ).toBeVisible();

    // The history lists every change, with the changed fields.
    const history = page.getByRole('region', { name: 'Ändringshistorik' });
    await expect(history.getByRole('row').filter({ hasText: 'Registrerade ett statussteg' })).toHaveCount(1);
    await expect(
      history.getByRole('row').filter({ hasText: 'Registrerade ett steg för en gärningsperson' }),
    ).toHaveCount(2);
    await expect(history.getByRole('row').filter({ hasText: 'Ändrade ärendet' })).toContainText('Brott');
    await expect(history.getByRole('row').filter({ hasText: 'Registrerade ärendet' })).toContainText(
      'Hugo Handläggare',
    );
    await expectNoAxeViolations(page);

    // Staff may not delete.
    await expect(page.getByRole('button', { name: 'Ta bort ärendet' })).toHaveCount(0);
  });

  test('an impossible step is not offered and a date before the previous step is refused', async ({ page }) => {
    await registerCase(page);
    await expect(page.getByLabel('Nytt steg').locator('option')).toHaveText(['Förundersökning inledd', 'Avslutat']);
    await page.getByLabel('Nytt steg').selectOption({ label: 'Förundersökning inledd' });
    await page.getByLabel('Datum', { exact: true }).fill('2001-01-01');
    await page.getByRole('button', { name: 'Registrera steget' }).click();
    await expect(page.getByText('Datumet kan inte vara tidigare än föregående steg.').first()).toBeVisible();
  });

  test('a refused registration lists every error at the top, in one round, each a link to its field', async ({
    page,
  }) => {
    await page.goto('/cases/new');
    await page.getByLabel('Anmälningsdatum').fill('');
    await page.getByRole('button', { name: 'Lägg till brottsoffer' }).click();
    // After adding, the new block's first field has the focus.
    await expect(page.getByRole('group', { name: 'Brottsoffer 1' }).getByLabel('Kön', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Registrera ärendet' }).click();
    const summary = formAlert(page).filter({ hasText: 'innan du sparar' });
    await expect(summary).toBeInViewport();
    await expect(summary.locator('xpath=..')).toBeFocused();
    for (const label of ['Anmälningsdatum', 'Anmälare', 'Arena', 'Brott konstaterat', 'Tvångsgrad'])
      await expect(summary.getByRole('link', { name: label, exact: true })).toBeVisible();
    await summary.getByRole('link', { name: 'Arena', exact: true }).click();
    await expect(page.getByLabel('Arena')).toBeFocused();
    await expectNoAxeViolations(page);
  });

  test('a personal identity number in the notes is refused and the form keeps everything', async ({ page }) => {
    await page.goto('/cases/new');
    await page.getByLabel('Anmälare').selectOption({ label: 'Socialtjänsten' });
    await page.getByRole('checkbox', { name: 'Köp av sexuell tjänst' }).check();
    await page.getByLabel('Arena').selectOption({ label: 'Internet' });
    await page.getByLabel('Brott konstaterat').selectOption({ label: 'Osäkert' });
    await page.getByLabel('Tvångsgrad').selectOption({ label: 'Okänd' });
    await page.getByRole('button', { name: 'Lägg till brottsoffer' }).click();
    await page
      .getByRole('group', { name: 'Brottsoffer 1' })
      .getByLabel('Kön', { exact: true })
      .selectOption({ label: 'Kvinna' });
    const notes = 'Kvinnan uppgav personnummer 19121212-1212 vid kontakten.';
    await page.getByLabel('Anteckningar (frivilligt)').fill(notes);
    await page.getByRole('button', { name: 'Registrera ärendet' }).click();

    await expect(page.getByText('Texten ser ut att innehålla ett personnummer', { exact: false })).toBeVisible();
    await expect(page).toHaveURL(/\/cases\/new$/);
    await expect(page.getByLabel('Anteckningar (frivilligt)')).toHaveValue(notes);
    await expect(page.getByLabel('Anteckningar (frivilligt)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Anmälare')).toHaveValue('social_services');
    await expect(page.getByRole('checkbox', { name: 'Köp av sexuell tjänst' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Brottsoffer 1' }).getByLabel('Kön', { exact: true })).toHaveValue(
      'woman',
    );
    await expectNoAxeViolations(page);
  });

  test('a stale edit is refused with what changed, and nothing is overwritten', async ({ page, browser }) => {
    const { url } = await registerCase(page);
    const other = await browser.newPage({ storageState: stateOf('coordinatorAB') });
    await page.goto(`${url}/edit`);
    await other.goto(`${url}/edit`);

    await other.getByLabel('Arena').selectOption({ label: 'Gatan' });
    await other.getByRole('button', { name: 'Spara' }).click();
    await expect(other).toHaveURL(url);

    await page.getByLabel('Anmälare').selectOption({ label: 'Tullverket' });
    await page.getByRole('button', { name: 'Spara' }).click();
    const alert = formAlert(page).filter({ hasText: 'Någon annan har ändrat ärendet' });
    await expect(alert).toBeVisible();
    // Where the person looks: the notice, far above the button, is scrolled to and has the focus.
    await expect(alert).toBeFocused();
    await expect(alert).toBeInViewport();
    await expect(alert).toContainText('Arena: nu ”Gatan”');
    await expect(alert).toContainText('Sara Samordnare');
    await expect(page.getByLabel('Anmälare')).toHaveValue('customs');

    await page.goto(url);
    await expect(page.getByText('Gatan')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Uppgifter' })).toContainText('Polisen');
    await other.close();
  });

  test('a stale step refreshes to the case as it is now and offers the steps now possible', async ({
    page,
    browser,
  }) => {
    const { url } = await registerCase(page);
    const other = await browser.newPage({ storageState: stateOf('coordinatorAB') });
    await other.goto(url);
    await page.goto(url);
    await other.getByLabel('Nytt steg').selectOption({ label: 'Förundersökning inledd' });
    await other.getByRole('button', { name: 'Registrera steget' }).click();
    await expect(other.getByLabel('Nytt steg').locator('option')).toHaveText(['Avslutat']);

    await page.getByLabel('Nytt steg').selectOption({ label: 'Förundersökning inledd' });
    await page.getByLabel('Anteckning (frivilligt)').fill('Samma steg, en gång till');
    await page.getByRole('button', { name: 'Registrera steget' }).click();
    await expect(formAlert(page).filter({ hasText: 'de steg som nu är möjliga' })).toBeVisible();
    // Not a dead end: the form now offers what may follow the step the other person recorded.
    await expect(page.getByLabel('Nytt steg').locator('option')).toHaveText(['Avslutat']);
    await expect(page.getByLabel('Anteckning (frivilligt)')).toHaveValue('Samma steg, en gång till');
    await other.close();
  });

  test('a police report number already registered warns: with a link in the own county, without details elsewhere', async ({
    page,
    browser,
  }) => {
    await registerCase(page);
    const ownNumber = await page
      .getByRole('region', { name: 'Uppgifter' })
      .getByText(/^5000-K/)
      .textContent();

    const national = await browser.newPage({ storageState: stateOf('national') });
    const csv = await (await national.request.get('/api/export/cases.csv?county=14')).text();
    await national.close();
    const otherNumber = csv
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(';')[4])
      .find((n) => n && n.length > 0);
    expect(otherNumber).toBeTruthy();

    await page.goto('/cases/new');
    const field = page.getByLabel('Polisens diarienummer (frivilligt)');
    await field.fill(ownNumber!);
    await field.blur();
    const warning = page.getByRole('status').filter({ hasText: 'finns redan i länet' });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('link', { name: /^AB-/ })).toBeVisible();

    await field.fill(otherNumber!);
    await field.blur();
    const elsewhere = page.getByRole('status').filter({ hasText: 'registrerat i ett annat län' });
    await expect(elsewhere).toBeVisible();
    await expect(elsewhere.getByRole('link')).toHaveCount(0);
    await expect(elsewhere).not.toContainText('O-');
  });

  test("another county's case gives 404", async ({ page, browser }) => {
    const national = await browser.newPage({ storageState: stateOf('national') });
    await national.goto('/cases?county=14');
    const href = await national.getByRole('table').getByRole('link').first().getAttribute('href');
    await national.close();
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect((await page.goto(href!))?.status()).toBe(404);
    expect((await page.goto(`${href}/edit`))?.status()).toBe(404);
    expect((await page.goto('/cases/not-a-uuid'))?.status()).toBe(404);
    const exported = await page.request.get('/api/export/cases.csv?county=14');
    expect(await exported.text()).not.toContain('O-20');
  });
});

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('deletes and restores a case', async ({ page }) => {
    const { reference } = await registerCase(page);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Ta bort ärendet' }).click();
    await expect(page.getByText('Ärendet är borttaget')).toBeVisible();
    await page.goto(`/cases?q=${reference}`);
    await expect(page.getByRole('status')).toHaveText('Inga ärenden');
    await page.goto(`/cases?q=${reference}&includeDeleted=1`);
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('button', { name: 'Återställ ärendet' }).click();
    await expect(page.getByText('Ärendet är borttaget')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Redigera' })).toBeVisible();
  });

  test('exports the filtered list as CSV with a BOM and Swedish headings, and as XLSX', async ({ page }) => {
    const csv = await page.request.get('/api/export/cases.csv?offence=sex_purchase');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8');
    expect(text).toContain('Referens;Länskod;Anmälningsdatum');
    for (const line of text.trim().split('\r\n').slice(1)) {
      expect(line).toMatch(/^AB-/);
      expect(line).toContain('Köp av sexuell tjänst');
    }
    const xlsx = await page.request.get('/api/export/cases.xlsx');
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect([...(await xlsx.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip container
  });
});

for (const role of ['analyst', 'admin'] as const) {
  test.describe(`${role}`, () => {
    test.use({ storageState: stateOf(role) });
    test('cannot open the case register, a case or the export', async ({ page }) => {
      expect((await page.goto('/cases'))?.status()).toBe(403);
      expect((await page.goto('/cases/new'))?.status()).toBe(403);
      expect((await page.request.get('/api/export/cases.csv')).status()).toBe(403);
    });
  });
}
