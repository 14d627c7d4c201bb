import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, expectSaved, stateOf, test } from './fixtures';

// Each perpetrator's path (issue 12, decision 012): prosecution of two at once, a conviction of
// one, and the case's step following the persons.

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

async function perpetrator(page: Page, legend: string, role: string) {
  const party = page.getByRole('group', { name: legend });
  for (const [label, value] of Object.entries({
    Kön: 'Man',
    Åldersgrupp: '26–35 år',
    Ursprungsregion: 'Sverige',
    Roll: role,
  }))
    await party.getByLabel(label, { exact: true }).selectOption({ label: value });
}

/** A case with two offences and two perpetrators (an exploiter and a buyer); its detail page. */
async function registerCase(page: Page): Promise<string> {
  await page.goto('/cases/new');
  await page.getByLabel('Anmälningsdatum').fill(today());
  await page.getByLabel('Anmälare').selectOption({ label: 'Polisen' });
  await page.getByRole('checkbox', { name: 'Människohandel för sexuella ändamål' }).check();
  await page.getByRole('checkbox', { name: 'Köp av sexuell tjänst', exact: true }).check();
  await page.getByLabel('Arena').selectOption({ label: 'Lägenhet eller privat bostad' });
  await page.getByLabel('Brott konstaterat').selectOption({ label: 'Ja' });
  await page.getByLabel('Tvångsgrad').selectOption({ label: 'Grad 2: hot och/eller vilseledning utan våld' });
  await page.getByRole('button', { name: 'Lägg till gärningsperson' }).click();
  await page.getByRole('button', { name: 'Lägg till gärningsperson' }).click();
  await perpetrator(page, 'Gärningsperson 1', 'Kontrollerar eller exploaterar');
  await perpetrator(page, 'Gärningsperson 2', 'Köpare');
  await page.getByRole('button', { name: 'Registrera ärendet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Ärende AB-\d{4}-\d{4,}$/ })).toBeVisible();
  return expectSaved(page, /^Ärendet AB-\d{4}-\d{4,} är registrerat\.$/);
}

const paths = (page: Page) => page.getByRole('region', { name: 'Vägen genom rättsväsendet, person för person' });

async function recordStep(
  page: Page,
  persons: number[],
  step: string,
  offences: string[],
  sanction?: [string, string?],
) {
  for (const n of persons) await page.getByRole('checkbox', { name: new RegExp(`^Gärningsperson ${n}:`) }).check();
  await page.getByLabel('Steg i rättsväsendet').selectOption({ label: step });
  await page.getByLabel('Datum för steget').fill(today());
  const form = page.getByRole('form', { name: 'Registrera ett steg för en eller flera gärningspersoner' });
  for (const o of offences) await form.getByRole('checkbox', { name: o, exact: true }).check();
  if (sanction) {
    await form.getByLabel('Påföljd').selectOption({ label: sanction[0] });
    if (sanction[1]) await form.getByLabel('Fängelsestraffets längd').selectOption({ label: sanction[1] });
  }
  await form.getByRole('button', { name: 'Registrera för valda personer' }).click();
}

test.describe('each perpetrator’s path', () => {
  test.use({ storageState: stateOf('staffAB') });

  test('records the prosecution of two perpetrators at once and the conviction of one; the case’s step follows', async ({
    page,
  }) => {
    await registerCase(page);
    await expect(paths(page)).toContainText('Ärendet: Anmält');
    await expectNoAxeViolations(page);

    // A prosecution must name the offences: refused at the field, nothing recorded.
    await recordStep(page, [1, 2], 'Åtal väckt', []);
    await expect(page.getByText('Välj vilket eller vilka av ärendets brott steget gäller.')).toBeVisible();
    await expectNoAxeViolations(page);

    await recordStep(page, [1, 2], 'Åtal väckt', ['Människohandel för sexuella ändamål', 'Köp av sexuell tjänst']);
    await expect(
      page.getByRole('status').filter({ hasText: 'Registrerat: Åtal väckt för 2 gärningspersoner.' }),
    ).toContainText('Ärendets steg är nu Åtal väckt.');
    await expect(paths(page)).toContainText('Ärendet: Åtal väckt');
    for (const n of [1, 2])
      await expect(paths(page).getByRole('region', { name: new RegExp(`^Gärningsperson ${n}`) })).toContainText(
        'Åtal väckt',
      );

    await recordStep(
      page,
      [1],
      'Fällande dom i tingsrätten',
      ['Människohandel för sexuella ändamål'],
      ['Fängelse', '2–4 år'],
    );
    await expect(
      page.getByRole('status').filter({ hasText: 'Registrerat: Fällande dom i tingsrätten för en gärningsperson.' }),
    ).toContainText('Ärendets steg är nu Fällande dom.');
    const first = paths(page).getByRole('region', { name: /^Gärningsperson 1/ });
    await expect(first).toContainText('Påföljd: Fängelse (2–4 år)');
    await expect(first).toContainText('Brott: Människohandel för sexuella ändamål');
    const second = paths(page).getByRole('region', { name: /^Gärningsperson 2/ });
    await expect(second.getByRole('listitem').filter({ hasText: 'Fällande dom' })).toHaveCount(0);
    await expect(paths(page)).toContainText('Ärendet: Fällande dom');
    // The case's timeline shows the derived steps; the history one row per person's step.
    await expect(
      page.getByRole('region', { name: 'Status' }).getByRole('listitem').filter({ hasText: 'Fällande dom' }),
    ).toContainText('Härlett från gärningspersonernas steg');
    const history = page.getByRole('region', { name: 'Ändringshistorik' });
    await expect(
      history.getByRole('row').filter({ hasText: 'Registrerade ett steg för en gärningsperson' }),
    ).toHaveCount(3);
    await expectNoAxeViolations(page);

    // The edit keeps each person (and so their steps); phone width is accessible too.
    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(paths(page).getByRole('region', { name: /^Gärningsperson 1/ })).toContainText('Fängelse (2–4 år)');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page);
  });
});
