import type { Page } from '@playwright/test';
import { E2E, expect, expectNoAxeViolations, expectSaved, formAlert, signInAndWait, stateOf, test } from './fixtures';

/** A date relative to today in Sweden, as YYYY-MM-DD. */
function day(offset = 0): string {
  const date = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(date);
}

/** A name no other run uses; letters only, since a run of digits could look like a phone number to the privacy guard. */
function uniqueName(prefix: string): string {
  const letters = Array.from({ length: 8 }, () => 'abcdefghijkmnopqrstuvwxyz'[Math.floor(Math.random() * 25)]).join('');
  return `${prefix} ${letters}`;
}

const MEMBERS = [
  { type: 'Polisen', name: 'Polisen, lokalpolisområde Norrmalm', fn: 'Kontaktpolis människohandel' },
  { type: 'Socialtjänsten', name: 'Stockholms stad, socialtjänsten', fn: 'Enhetschef' },
  { type: 'Ideell organisation', name: 'Föreningen Stödet', fn: '' },
];

/** Create a group through the form and return its page's URL. */
async function createGroup(page: Page, name: string): Promise<string> {
  await page.goto('/coordination');
  await page.getByRole('link', { name: 'Ny grupp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny samverkansgrupp' })).toBeVisible();
  await page.getByLabel('Gruppens namn').fill(name);
  await page.getByLabel('Typ av grupp').selectOption({ label: 'Samverkan över länsgränser' });
  await page.getByLabel('Aktiv från').fill('2024-01-01');
  await page.getByRole('checkbox', { name: 'Gotlands län' }).check();
  for (const [i, m] of MEMBERS.entries()) {
    await page.getByRole('button', { name: 'Lägg till organisation' }).click();
    const member = page.getByRole('group', { name: `Organisation ${i + 1}` });
    await member.getByLabel('Typ av organisation').selectOption({ label: m.type });
    await member.getByLabel('Organisationens namn').fill(m.name);
    if (m.fn) await member.getByLabel('Kontaktpersonens funktion (frivilligt)').fill(m.fn);
  }
  await page.getByRole('button', { name: 'Skapa gruppen' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return expectSaved(page, `Gruppen ${name} är skapad.`);
}

test.describe('county coordinator', () => {
  test.use({ storageState: stateOf('coordinatorAB') });

  test('creates a group with members, holds a meeting with attendance and two action items, sees both open at the next meeting and closes one there', async ({
    page,
  }) => {
    test.slow();
    const name = uniqueName('Testgruppen');
    await page.goto('/coordination');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Ny grupp' }).click();
    await expectNoAxeViolations(page);
    const groupUrl = await createGroup(page, name);
    await expectNoAxeViolations(page);
    await expect(page.getByRole('region', { name: 'Medlemsorganisationer (3)' }).getByRole('row')).toHaveCount(4);
    await expect(page.getByText('Gotlands län')).toBeVisible();

    // The first meeting: attendance, other guests, two action items (one already past its due date).
    await page.getByRole('link', { name: 'Registrera möte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Nytt möte: ${name}` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Datum', { exact: true }).fill(day(-30));
    await page.getByLabel('Starttid').fill('09:00');
    await page.getByLabel('Sluttid').fill('11:30');
    await page.getByLabel('Mötesform').selectOption({ label: 'Fysiskt' });
    await page.getByLabel('Plats (frivilligt)').fill('Länsstyrelsen, sal Mälaren');
    await page.getByRole('checkbox', { name: MEMBERS[0]!.name }).check();
    await page.getByRole('checkbox', { name: MEMBERS[1]!.name }).check();
    await page.getByLabel('Antal övriga gäster').fill('2');
    await page.getByLabel('Dagordning (frivilligt)').fill('1. Läget i länet\n2. Utbildningsplan');
    await page.getByLabel('Protokoll (frivilligt)').fill('Polisen redogjorde för läget. Inga nya ärenden.');
    const items = [
      { what: 'Sammanställ kommunernas rutiner', who: MEMBERS[1]!.name, due: day(-7) },
      { what: 'Boka lokal till utbildningsdagen', who: MEMBERS[0]!.name, due: day(30) },
    ];
    for (const [i, item] of items.entries()) {
      await page.getByRole('button', { name: 'Lägg till åtgärdspunkt' }).click();
      const fieldset = page.getByRole('group', { name: `Åtgärdspunkt ${i + 1}` });
      await fieldset.getByLabel('Vad ska göras').fill(item.what);
      await fieldset.getByLabel('Ansvarig organisation').selectOption({ label: item.who });
      await fieldset.getByLabel('Klart senast').fill(item.due);
    }
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Möte / })).toBeVisible();
    await expectNoAxeViolations(page);
    const raised = page.getByRole('region', { name: 'Nya åtgärdspunkter (2)' });
    await expect(raised.getByRole('rowheader')).toHaveText(items.map((i) => i.what));
    await expect(raised.getByRole('row').filter({ hasText: items[0]!.what })).toContainText('Försenad');
    await expect(page.getByRole('region', { name: 'Närvarande organisationer' }).getByRole('listitem')).toHaveCount(2);

    // The next meeting shows both as open, to be followed up; one is closed there.
    await page.goto(groupUrl);
    await page.getByRole('link', { name: 'Registrera möte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Nytt möte: ${name}` })).toBeVisible();
    const followUp = page.getByRole('group', { name: 'Uppföljning av åtgärdspunkter' });
    const first = followUp.getByRole('group', { name: items[0]!.what });
    const second = followUp.getByRole('group', { name: items[1]!.what });
    await expect(first).toContainText('Försenad');
    await expect(first.getByLabel('Status')).toHaveValue('open');
    await expect(second.getByLabel('Status')).toHaveValue('open');
    await expectNoAxeViolations(page);
    await second.getByLabel('Status').selectOption({ label: 'Klar' });
    await page.getByLabel('Datum', { exact: true }).fill(day(-1));
    await page.getByLabel('Mötesform').selectOption({ label: 'Digitalt' });
    await page.getByRole('checkbox', { name: MEMBERS[2]!.name }).check();
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expect(page.getByRole('region', { name: 'Avslutade vid mötet (1)' }).getByRole('rowheader')).toHaveText([
      items[1]!.what,
    ]);

    await page.goto(groupUrl);
    const pending = page.getByRole('region', { name: 'Att följa upp (1)' });
    await expect(pending.getByRole('rowheader')).toHaveText([items[0]!.what]);
    await expect(pending).toContainText('Försenad');
    await expect(
      page.getByRole('region', { name: 'Ändringshistorik' }).getByRole('row').filter({ hasText: 'Skapade gruppen' }),
    ).toContainText('Sara Samordnare');

    // The action item list, filtered to the group.
    await page.goto('/coordination/action-items');
    await expectNoAxeViolations(page);
    await page.getByLabel('Grupp').selectOption({ label: name });
    await page.getByLabel('Status').selectOption({ label: 'Alla' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('status')).toHaveText('2 åtgärdspunkter');
    await page.getByLabel('Status').selectOption({ label: 'Försenade' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([items[0]!.what]);
  });

  test('edits a group and a meeting, and a stale edit is refused with what changed', async ({ page, browser }) => {
    test.slow();
    const name = uniqueName('Redigeringsgruppen');
    const groupUrl = await createGroup(page, name);
    await page.getByRole('link', { name: 'Redigera gruppen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Redigera ${name}` })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Beskrivning (frivilligt)').fill('Gruppen samordnar arbetet mot människohandel i länet.');
    await page.getByRole('button', { name: `Ta bort ${MEMBERS[2]!.name}` }).click();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect(page).toHaveURL(groupUrl);
    await expect(page.getByRole('region', { name: 'Medlemsorganisationer (2)' })).toBeVisible();

    await page.getByRole('link', { name: 'Registrera möte' }).click();
    await page.getByLabel('Mötesform').selectOption({ label: 'Hybrid' });
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Möte / })).toBeVisible();
    const meetingUrl = await expectSaved(page, /^Mötet .* är registrerat\.$/);

    const other = await browser.newPage({ storageState: stateOf('staffAB') });
    await page.goto(`${meetingUrl}/edit`);
    await other.goto(`${meetingUrl}/edit`);
    await expectNoAxeViolations(page);
    await other.getByLabel('Beslut (frivilligt)').fill('Gruppen beslutade att ta fram en rutin.');
    await other.getByRole('button', { name: 'Spara' }).click();
    await expect(other).toHaveURL(meetingUrl);
    await other.close();

    await page.getByLabel('Plats (frivilligt)').fill('Länsstyrelsen');
    await page.getByRole('button', { name: 'Spara' }).click();
    const alert = formAlert(page).filter({ hasText: 'Någon annan har ändrat uppgifterna' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Beslut (frivilligt)');
    await expect(alert).toContainText('Hugo Handläggare');
    await expect(page.getByLabel('Plats (frivilligt)')).toHaveValue('Länsstyrelsen');
  });

  test('minutes that name a phone number are refused and the form keeps what was typed', async ({ page }) => {
    const groupUrl = await createGroup(page, uniqueName('Skyddsgruppen'));
    await page.goto(groupUrl);
    await page.getByRole('link', { name: 'Registrera möte' }).click();
    await page.getByLabel('Mötesform').selectOption({ label: 'Fysiskt' });
    const minutes = 'Kvinnan kan nås på 070-123 45 67.';
    await page.getByLabel('Protokoll (frivilligt)').fill(minutes);
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expect(page.getByText('Texten ser ut att innehålla ett telefonnummer', { exact: false })).toBeVisible();
    await expect(page.getByLabel('Protokoll (frivilligt)')).toHaveValue(minutes);
    await expect(page.getByLabel('Protokoll (frivilligt)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Mötesform')).toHaveValue('in_person');
    await expectNoAxeViolations(page);
  });

  test('deletes and restores a meeting', async ({ page }) => {
    await createGroup(page, uniqueName('Raderingsgruppen'));
    await page.getByRole('link', { name: 'Registrera möte' }).click();
    await page.getByLabel('Mötesform').selectOption({ label: 'Digitalt' });
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Möte / })).toBeVisible();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Ta bort mötet' }).click();
    await expect(page.getByText('Mötet är borttaget')).toBeVisible();
    await page.getByRole('button', { name: 'Återställ mötet' }).click();
    await expect(page.getByText('Mötet är borttaget')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Redigera mötet' })).toBeVisible();
  });

  test('the start page shows the county’s upcoming meetings and its overdue action items', async ({ page }) => {
    await page.goto('/');
    const overview = page.getByRole('region', { name: 'Samverkan' });
    await expect(overview.getByRole('list', { name: 'Kommande möten' }).getByRole('listitem').first()).toBeVisible();
    await expect(overview.getByRole('table')).toContainText('Försenad');
    await overview.getByRole('link', { name: 'Alla försenade punkter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Åtgärdspunkter' })).toBeVisible();
    await expect(page.getByLabel('Status')).toHaveValue('overdue');
  });

  test('the meeting list filters by period and exports CSV and XLSX; the group calendar is an iCalendar file', async ({
    page,
  }) => {
    test.slow();
    await page.goto('/coordination/meetings');
    await expectNoAxeViolations(page);
    await page.getByLabel('Från').fill('2026-01-01');
    await page.getByLabel('Till').fill('2026-12-31');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('status')).toHaveText(/^\d+ möten$/);

    const csv = await page.request.get('/api/export/meetings.csv?from=2026-01-01&to=2026-12-31');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('Grupp;Hemlän (kod);Start;Slut;Mötesform');
    const items = await page.request.get('/api/export/action-items.csv?status=overdue');
    expect(items.status()).toBe(200);
    expect((await items.body()).toString('utf8')).toContain('Åtgärd;Ansvarig organisation');
    const xlsx = await page.request.get('/api/export/meetings.xlsx');
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect([...(await xlsx.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]);

    await page.goto('/coordination?kind=county');
    await page.getByRole('table').getByRole('link').first().click();
    const calendarHref = await page
      .getByRole('link', { name: 'Hämta mötena som kalenderfil (.ics)' })
      .getAttribute('href');
    const ics = await page.request.get(calendarHref!);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const text = (await ics.body()).toString('utf8');
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toMatch(
      /BEGIN:VEVENT\r\nUID:[0-9a-f-]{36}@lagesbild\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART:\d{8}T\d{6}Z\r\nDTEND:\d{8}T\d{6}Z/,
    );
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

test.describe('another county', () => {
  test.use({ storageState: stateOf('coordinatorO') });

  test("cannot open Stockholm's group, its meetings or its calendar (404), nor find them in lists", async ({
    page,
    browser,
  }) => {
    const national = await browser.newPage({ storageState: stateOf('national') });
    await national.goto('/coordination?county=01&kind=county');
    const groupHref = await national.getByRole('table').getByRole('link').first().getAttribute('href');
    await national.goto(groupHref!);
    const groupName = (await national.getByRole('heading', { level: 1 }).textContent())!;
    const meetingHref = await national
      .getByRole('region', { name: 'Möten' })
      .getByRole('link', { name: /\d/ })
      .first()
      .getAttribute('href');
    await national.close();
    expect(groupHref).toMatch(/^\/coordination\/groups\/[0-9a-f-]{36}$/);
    expect(meetingHref).toMatch(/^\/coordination\/meetings\/[0-9a-f-]{36}$/);

    for (const path of [
      groupHref!,
      `${groupHref}/edit`,
      meetingHref!,
      `${meetingHref}/edit`,
      `/coordination/meetings/new?group=${groupHref!.split('/').pop()}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await expectNoAxeViolations(page);
    expect(
      (await page.request.get(`/api/coordination/groups/${groupHref!.split('/').pop()}/calendar.ics`)).status(),
    ).toBe(404);

    await page.goto('/coordination');
    await expect(page.getByRole('link', { name: groupName })).toHaveCount(0);
    const exported = await page.request.get(`/api/export/meetings.csv?county=01`);
    expect((await exported.body()).toString('utf8')).not.toContain(groupName);
  });
});

test.describe('national coordinator', () => {
  test.use({ storageState: stateOf('national') });

  test('sees the groups of every county and filters them by county and kind', async ({ page }) => {
    await page.goto('/coordination?kind=international');
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([/CBSS/]);
    await page.goto('/coordination?county=09&kind=county');
    await expect(page.getByRole('status')).toHaveText('Inga grupper');
    await page.goto('/coordination?county=09');
    await expect(page.getByRole('table').getByRole('rowheader').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the meeting picker offers every group and leads to its form', async ({ page }) => {
    await page.goto('/coordination/meetings/new');
    await expectNoAxeViolations(page);
    await page.getByLabel('Vilken grupp har mötet?').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Nytt möte: / })).toBeVisible();
  });
});

for (const role of ['analyst', 'admin'] as const) {
  test.describe(`${role}`, () => {
    test.use({ storageState: stateOf(role) });
    test('cannot open the coordination register or its exports', async ({ page }) => {
      for (const path of [
        '/coordination',
        '/coordination/meetings',
        '/coordination/action-items',
        '/coordination/groups/new',
        '/coordination/meetings/new',
      ]) {
        expect((await page.goto(path))?.status(), path).toBe(403);
      }
      expect((await page.request.get('/api/export/meetings.csv')).status()).toBe(403);
      expect((await page.request.get('/api/export/action-items.xlsx')).status()).toBe(403);
    });
  });
}

test.describe('a county with one group', () => {
  test('"Registrera möte" opens that group\'s form at once, without a choice of one', async ({ page }) => {
    await signInAndWait(page, E2E.oneGroup.email);
    await page.goto('/coordination/meetings/new');
    await expect(page.getByRole('heading', { level: 1, name: /^Nytt möte: .*Södermanlands län/ })).toBeVisible();
    await expect(page.getByLabel('Vilken grupp har mötet?')).toHaveCount(0);
  });
});

test.describe('county staff', () => {
  test.use({ storageState: stateOf('staffAB') });
  test('may record meetings but not create or manage groups', async ({ page }) => {
    await page.goto('/coordination');
    await expect(page.getByRole('link', { name: 'Ny grupp' })).toHaveCount(0);
    expect((await page.goto('/coordination/groups/new'))?.status()).toBe(403);
    await page.goto('/coordination?kind=county');
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page.getByRole('link', { name: 'Registrera möte' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Redigera gruppen' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ta bort gruppen' })).toHaveCount(0);
  });
});
