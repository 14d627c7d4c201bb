import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findPersonalData, guardedText, optionalGuardedText, type PersonalDataKind } from './privacy-guard';
import {
  ALLOW_CORPUS,
  REFUSE_CORPUS,
  digitsOf,
  identity,
  inScript,
  isLuhnValid as isLuhnValidInCorpus,
  tenDigits,
} from './privacy-guard.corpus';

// An independent Luhn: the classic "double every second digit from the right" validity test,
// and the check digit is the one that makes the whole number valid.
function isLuhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, i) => {
    const doubled = Number(char) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(doubled / 10) + (doubled % 10);
  });
  return sum % 10 === 0;
}

function withCheckDigit(nineDigits: string): string {
  for (let c = 0; c <= 9; c++) if (isLuhnValid(`${nineDigits}${c}`)) return `${nineDigits}${c}`;
  throw new Error('unreachable');
}

/** A valid 10-digit number as YYMMDD-NNNC; `wrong` gives the same with a wrong check digit. */
function identityNumber(yymmdd: string, serial: string, { wrong = false } = {}): string {
  const full = withCheckDigit(`${yymmdd}${serial}`);
  const check = wrong ? (Number(full[9]) + 1) % 10 : Number(full[9]);
  return `${yymmdd}-${serial}${check}`;
}

const pnr1 = identityNumber('850709', '238'); // born 9 July 1985
const pnr2 = identityNumber('020229', '456'); // 29 February
const pnr3 = identityNumber('991231', '003');
const samordning1 = identityNumber('850769', '238'); // 9 + 60
const samordning2 = identityNumber('011291', '117'); // 31 + 60
const compact = (n: string) => n.replace('-', '');

describe('findPersonalData: personal identity numbers', () => {
  it('the generated numbers pass the independent Luhn test', () => {
    for (const n of [pnr1, pnr2, pnr3, samordning1, samordning2]) expect(isLuhnValid(compact(n))).toBe(true);
    expect(isLuhnValid('8112189876')).toBe(true);
    expect(isLuhnValid('1212121212')).toBe(true);
  });

  it.each<[string, string]>([
    ['Skatteverket test number, 12 digits with hyphen', 'Personen har personnummer 19121212-1212.'],
    ['Skatteverket test number, 12 digits compact', 'pnr 191212121212 enligt anmälan'],
    ['Skatteverket test number, 10 digits', 'Offret (811218-9876) kom från Rumänien.'],
    ['10 digits with plus for a person over 100', 'Född 121212+1212 enligt uppgift.'],
    ['10 digits with a space', 'Målsägande 811218 9876 hördes.'],
    ['10 digits compact', 'Uppgift: 8112189876'],
    ['12 digits with a space', '19811218 9876 står i anteckningen'],
    ['generated, hyphen', `Kvinnan ${pnr1} hade skyddat boende.`],
    ['generated, compact', `Kvinnan ${compact(pnr1)} hade skyddat boende.`],
    ['generated, 12 digits', `Mannen 19${pnr1} greps.`],
    ['generated, 29 February in a 10-digit form', `Nummer ${pnr2}.`],
    ['generated, 29 February 2000 (a leap year), 12 digits', `Nummer 20${identityNumber('000229', '456')}.`],
    ['generated, New Year’s Eve', `(${pnr3})`],
    ['en dash from autocorrect', '811218–9876'],
    ['non-breaking space', '811218\u00a09876'],
    ['full-width digits', '８１１２１８-９８７６'],
    ['zero-width space inside', '811218-98\u200b76'],
    ['followed by other text', 'pnr:811218-9876,kontaktad'],
  ])('finds a personnummer: %s', (_label, text) => {
    expect(findPersonalData(text)).toBe('personal_number');
  });

  it.each<[string, string]>([
    ['generated, hyphen', `Personen har samordningsnummer ${samordning1}.`],
    ['generated, compact', `snr ${compact(samordning2)}`],
    ['generated, 12 digits', `20${samordning2} enligt Migrationsverket`],
    ['day 60: birth day unknown', `Nummer ${identityNumber('850760', '238')}`],
  ])('finds a samordningsnummer: %s', (_label, text) => {
    expect(findPersonalData(text)).toBe('coordination_number');
  });

  it.each<[string, string]>([
    ['a wrong check digit', identityNumber('850709', '238', { wrong: true })],
    ['a wrong check digit, compact', compact(identityNumber('811218', '987', { wrong: true }))],
    ['a wrong check digit on a coordination number', identityNumber('850769', '238', { wrong: true })],
    ['an organisation number (month 21)', 'Föreningen, org.nr 202100-5489, fick bidrag.'],
    ['an organisation number with its 16 prefix', 'Organisationsnummer 16202100-5489'],
    ['month 13', withCheckDigit('851309238')],
    ['month 00', withCheckDigit('850009238')],
    ['day 00', withCheckDigit('850700238')],
    ['day 32', withCheckDigit('850732238')],
    ['31 April', withCheckDigit('850431238')],
    ['29 February in a year that is not a leap year (12 digits)', `19${withCheckDigit('850229238')}`],
    ['day 92 (coordination day beyond 31)', withCheckDigit('850792238')],
    ['an unknown century (12 digits)', `21${withCheckDigit('850709238')}`],
    ['part of a longer number', `1${withCheckDigit('850709238')}9`],
    ['after a decimal comma', `0,${withCheckDigit('850709238')}`],
  ])('ignores %s', (_label, text) => {
    expect(findPersonalData(text)).toBeNull();
  });

  it('reports a personnummer that is also phone-shaped as a personnummer', () => {
    const phoneShaped = withCheckDigit('070123456'); // 7 January 2007, and a 070 mobile
    expect(phoneShaped.startsWith('070')).toBe(true);
    expect(findPersonalData(`Ring ${phoneShaped}`)).toBe('personal_number');
    // The same shape with a wrong check digit is still refused, as a phone number.
    const wrong = `${phoneShaped.slice(0, 9)}${(Number(phoneShaped[9]) + 1) % 10}`;
    expect(findPersonalData(`Ring ${wrong}`)).toBe('phone');
  });

  it('reports the identity number before contact details in the same text', () => {
    expect(findPersonalData('Mejla a@b.se eller ring 070-123 45 67 om 811218-9876')).toBe('personal_number');
    expect(findPersonalData('Mejla a@b.se eller ring 070-123 45 67')).toBe('phone');
  });
});

describe('findPersonalData: phone numbers', () => {
  it.each<string>([
    '070-123 45 67',
    '0701234567',
    '070 123 45 67',
    '070-1234567',
    '070-123-45-67',
    '073 - 123 45 67',
    '08-123 456 78',
    '08-12345678',
    '08 123 456 78',
    '08/123 456 78',
    '(08) 123 456 78',
    '031-12 34 56',
    '031-123456',
    '0470-123 45',
    '0046 70 123 45 67',
    '0046701234567',
    '+46 70 123 45 67',
    '+46701234567',
    '+46 (0)70 123 45 67',
    '+46 070-123 45 67',
    '+46 8 123 456 78',
    '+44 20 7946 0958',
    '+1 (555) 123-4567',
    '+49 (0)30 1234567',
    '+33 1 23 45 67 89',
    '+33 1.23.45.67.89',
    '+359 88 123 4567',
    '+7 495 123-45-67',
    '+40 721 234 567',
    '00 40 721 234 567',
    '０７０-１２３ ４５ ６７',
  ])('finds %s', (phone) => {
    expect(findPersonalData(phone)).toBe('phone');
  });

  it.each<string>([
    'Kvinnan hade numret 070-123 45 67 i sin telefon.',
    'Ring kontaktpersonen på 08-123 456 78, helst före lunch.',
    'Telefon:0701234567',
    'Hennes mobil (+40 721 234 567) hade rumänskt abonnemang.',
    'Under 2025 070-123 45 67 ringde hon två gånger.',
    'Numret 070-123 45 67 2 gånger per dag.',
    'Den 05-11-2026 070-123 45 67 kontaktades.',
    'Kl. 14:30 ringde 031-12 34 56.',
  ])('finds a phone number in a sentence: %s', (text) => {
    expect(findPersonalData(text)).toBe('phone');
  });
});

describe('findPersonalData: e-mail addresses', () => {
  it.each<string>([
    'kalle@example.se',
    'Kontakt via anna.svensson+sexköp@länsstyrelsen.se enligt tipset.',
    'Mejl: X_Y-Z@sub.domain.co.uk.',
    'ÅSA@EXEMPEL.SE',
    'kalle＠example.se',
    'user@localhost',
  ])('finds %s', (text) => {
    expect(findPersonalData(text)).toBe('email');
  });

  it.each<string>([
    'Möte @ länsstyrelsen kl. 10',
    '@kalle skrev i forumet',
    'name at example dot com',
    'a@b',
    'pris 5@10 kr',
  ])('ignores %s', (text) => {
    expect(findPersonalData(text)).toBeNull();
  });
});

describe('findPersonalData: what is not personal data', () => {
  it.each<[string, string]>([
    ['empty text', ''],
    ['ISO date', 'Mötet hölls 2026-11-27.'],
    ['day-first date with slashes', 'Beslut 27/11/2026'],
    ['ISO date with time', 'Start 2026-11-27 14:30'],
    ['day-first date with dots', 'Den 27.11.2026 träffades gruppen.'],
    ['day-first date with leading zero and hyphens', 'Händelsen 05-11-2026 anmäldes.'],
    ['day-first date with leading zero and slashes', 'Händelsen 05/11/2026 anmäldes.'],
    ['day-first date with leading zero and dots and a time', '05.11.2026 08.30'],
    ['date in words', 'Från 1 januari 2026 gäller nya rutiner.'],
    ['date range', '05.11.2026–07.11.2026'],
    ['case reference', 'Se ärende AB-2026-0007.'],
    ['old case reference', 'Jämför O-2010-0103 och AB-2026-0007.'],
    ['police report number with K', 'Polisanmälan 5000-K123456-26 är upprättad.'],
    ['police report number without station', 'Anmälan K123456-26'],
    ['police report number with leading-zero station', 'Anmälan 0123-K12345-24'],
    ['police report number', 'Anmälan 1400-K98765-10'],
    ['year range with en dash', 'Under 2008–2010 ökade antalet.'],
    ['year range with hyphen', 'Under 2008-2010 ökade antalet.'],
    ['large amount', 'Regeringen avsatte 215 000 000 kr.'],
    ['amount with a thousand-million group', 'Totalt 1 050 000 000 kr'],
    ['amount whose group reads like a mobile prefix', 'Totalt 2 070 500 000 kr'],
    ['amount with a non-breaking space', '215\u00a0000\u00a0000 kr'],
    ['signed amount', 'Budgeten ökade med +15 000 000 kr.'],
    ['large amount with 00 group', '21 004 500 000 000 kr'],
    ['participants', '15 000 deltagare'],
    ['decimal millions', '1,5 miljoner kronor'],
    ['percentage', 'En ökning med 12,5 % jämfört med 2024.'],
    ['time range', 'Möte 14:30–16:00'],
    ['time range with dots and leading zero', 'Öppet 08.30-16.30 vardagar'],
    ['time range with zeros', 'kl. 08.00-16.00'],
    ['law reference', 'Brott enligt 4 kap. 1 a § brottsbalken.'],
    ['law reference with paragraph', 'Se 6 kap. 12 § BrB och SFS 2018:618.'],
    ['ISO country codes', 'Ursprung: RO, BG, NG, SE.'],
    ['count', '53 fall rapporterades 2025.'],
    ['age bands', 'Åldrar 0-17, 18-25 och 26-35 år.'],
    ['postal code', 'Adressområde 123 45 i Stockholm.'],
    ['postal code in Kiruna', 'Postnummer 981 38 Kiruna'],
    ['telephone words without a number', 'Hon hade ingen telefon och ingen e-post.'],
    ['emergency number', 'Ring 112 vid fara.'],
  ])('%s', (_label, text) => {
    expect(findPersonalData(text)).toBeNull();
  });

  it('refuses a public authority’s number too: the guard sees the shape, not whose it is', () => {
    expect(findPersonalData('Hänvisade till Polisen på 114 14 eller 0771-14 14 00.')).toBe('phone');
  });

  it.each<[string, string]>([
    ['letters', 'a'.repeat(50_000)],
    ['single digits', '1 '.repeat(25_000)],
    ['dotted words', 'a.'.repeat(25_000)],
    ['two-digit groups with a leading zero', `${'01 '.repeat(16_000)}`],
    ['plus signs and digits', '+1 '.repeat(16_000)],
    ['at signs', 'a@'.repeat(25_000)],
  ])('stays fast on 50 000 characters of %s', (_label, text) => {
    const started = performance.now();
    findPersonalData(text);
    // Catastrophic backtracking takes minutes here; linear scanning takes milliseconds. The wide
    // bound only separates the two, so a loaded machine does not fail it.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('guardedText', () => {
  const schema = guardedText(50);

  it('trims the text', () => {
    expect(schema.parse('  Ett möte hölls.  ')).toBe('Ett möte hölls.');
  });

  it('counts the length after trimming', () => {
    expect(schema.safeParse(`   ${'a'.repeat(50)}   `).success).toBe(true);
  });

  it('refuses text longer than max with validation.tooLong', () => {
    const result = schema.safeParse('a'.repeat(51));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['validation.tooLong']);
  });

  it.each<[PersonalDataKind, string]>([
    ['personal_number', 'Kvinnan 811218-9876 hördes.'],
    ['coordination_number', `Mannen ${samordning1}`],
    ['phone', 'Ring 070-123 45 67'],
    ['email', 'Mejla kalle@example.se'],
  ])('refuses %s with validation.personalData.%s', (kind, text) => {
    const result = schema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', message: `validation.personalData.${kind}`, path: [] }),
    ]);
  });

  it('puts the issue on the field inside an object schema', () => {
    const result = z.object({ notes: guardedText(500) }).safeParse({ notes: 'Ring 070-123 45 67' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['notes'], message: 'validation.personalData.phone' });
  });

  it('reports both problems when a text is too long and holds a number', () => {
    const result = guardedText(10).safeParse('Ring 070-123 45 67');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'validation.tooLong',
      'validation.personalData.phone',
    ]);
  });

  it('accepts an empty string and still allows .min(1) for required fields', () => {
    expect(schema.parse('   ')).toBe('');
    const required = guardedText(50).min(1, 'validation.required');
    expect(required.safeParse('  ').error?.issues[0]?.message).toBe('validation.required');
  });

  it('refuses anything that is not a string', () => {
    expect(schema.safeParse(null).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
    expect(schema.safeParse(42).success).toBe(false);
  });
});

describe('optionalGuardedText', () => {
  const schema = optionalGuardedText(50);

  it.each<[string, unknown]>([
    ['empty string', ''],
    ['blanks', '   \n\t '],
    ['null', null],
    ['undefined', undefined],
  ])('turns %s into null', (_label, input) => {
    expect(schema.parse(input)).toBeNull();
  });

  it('keeps text, trimmed', () => {
    expect(schema.parse('  Uppföljning i januari. ')).toBe('Uppföljning i januari.');
  });

  it('gives null for a missing key in an object', () => {
    expect(z.object({ notes: schema }).parse({})).toEqual({ notes: null });
  });

  it('refuses personal data and too long text with the same messages', () => {
    expect(schema.safeParse('Mejla kalle@example.se').error?.issues[0]?.message).toBe('validation.personalData.email');
    expect(schema.safeParse('a'.repeat(51)).error?.issues[0]?.message).toBe('validation.tooLong');
  });

  it('accepts string | null | undefined and gives string | null', () => {
    const input: z.input<typeof schema>[] = ['text', null, undefined];
    const output: z.output<typeof schema>[] = ['text', null];
    expect(input).toHaveLength(3);
    expect(output).toHaveLength(2);
    // @ts-expect-error the output is never undefined
    const notUndefined: z.output<typeof schema> = undefined;
    expect(notUndefined).toBeUndefined();
  });
});

// ─── The corpus (issue 11, decision 010) ─────────────────────────────────────────────────────

describe('the corpus itself', () => {
  it('holds at least 200 shapes to refuse and 200 to allow', () => {
    expect(REFUSE_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(ALLOW_CORPUS.length).toBeGreaterThanOrEqual(200);
  });

  it('covers every kind', () => {
    const kinds = new Set(REFUSE_CORPUS.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['coordination_number', 'email', 'personal_number', 'phone']);
  });

  it('writes identity numbers with valid check digits', () => {
    const p = identity('19850101', '123');
    expect(tenDigits(p)).toBe('8501011236');
    expect(isLuhnValidInCorpus(tenDigits(identity('19921190', '246')))).toBe(true);
  });
});

describe('findPersonalData: the refuse corpus', () => {
  it.each(REFUSE_CORPUS.map((c) => [c.label, c.text, c.kind] as const))('refuses %s: %j', (_label, text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
  });
});

describe('findPersonalData: the allow corpus', () => {
  it.each(ALLOW_CORPUS.map((c) => [c.label, c.text] as const))('allows %s: %j', (_label, text) => {
    expect(findPersonalData(text)).toBeNull();
  });
});

// Every numbering system Intl knows whose digits are single decimal digits (\p{Nd}).
const DECIMAL_SYSTEMS = Intl.supportedValuesOf('numberingSystem').filter((system) =>
  digitsOf(system).every((digit) => /^\p{Nd}$/u.test(digit)),
);

describe('findPersonalData: digits of every script', () => {
  it('knows dozens of numbering systems', () => {
    expect(DECIMAL_SYSTEMS.length).toBeGreaterThan(40);
  });

  it.each(DECIMAL_SYSTEMS)('reads a personal number in %s digits', (system) => {
    expect(findPersonalData(`pnr ${inScript('850101-1236', system)}`)).toBe('personal_number');
  });

  it.each(DECIMAL_SYSTEMS)('reads a phone number in %s digits', (system) => {
    expect(findPersonalData(`Ring ${inScript('070-123 45 67', system)}`)).toBe('phone');
  });
});

describe('findPersonalData: stays linear on what normalisation adds', () => {
  it.each<[string, string]>([
    ['hyphen-joined digits', '1-'.repeat(25_000)],
    ['dot-joined digits', '1.'.repeat(25_000)],
    ['spaced hyphens between digits', '1 - '.repeat(12_500)],
    ['runs of spaces between digits', '1   '.repeat(12_500)],
    ['Arabic-Indic digit groups', '\u0660\u0661 '.repeat(16_000)],
    ['ISO dates', '2026-11-27 '.repeat(4_500)],
    ['words and "at"', 'a at '.repeat(10_000)],
    ['"(at)" forms', 'a(at)'.repeat(10_000)],
    ['"at" before dotted words', 'a at b.'.repeat(7_000)],
    ['"(dot)" forms', 'a@b (dot) '.repeat(5_000)],
    ['a long dotted domain', `a at ${'b.'.repeat(24_000)}`],
    ['spaces round "at"', `a${' '.repeat(20_000)}at${' '.repeat(20_000)}b`],
    ['open parentheses and zeros', '(0'.repeat(25_000)],
  ])('stays fast on 50 000 characters of %s', (_label, text) => {
    const started = performance.now();
    findPersonalData(text);
    // The same bound as above: it separates catastrophic backtracking from linear scanning.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

// Pinned so decision 010 stays true: the guard sees shapes, so some text is refused that holds
// no personal data, and some personal data written in unusual ways passes.
describe('findPersonalData: where the line is drawn (decision 010)', () => {
  it.each<[string, string, PersonalDataKind]>([
    ['any 10 digits with a valid date and check digit, e.g. an OCR number', 'OCR 8112189876', 'personal_number'],
    ['a date and a bare four-digit count whose last digit fits', '1981-12-18 9876 deltagare', 'personal_number'],
    ['a website after the English word "at"', 'Read more at polisen.se', 'email'],
    ['a written @ between two words', 'Möte@kontoret', 'email'],
    ['opening hours without separators', 'Öppet 0830-1630', 'phone'],
    ['a row of two-digit figures that ends like a Stockholm number', 'Tabell: 12 15 08 23 45 67', 'phone'],
  ])('refuses %s', (_label, text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
  });

  it.each<[string, string]>([
    ['a number regrouped inside its serial', '850101-12 36'],
    ['a number split over two lines', '850101\n1236'],
    ['a phone glued to a word', 'mobil070-1234567'],
    ['a Swedish number without its trunk 0', '70-123 45 67'],
    ['an address with "at" and "dot" as words', 'kalle at gmail dot com'],
    ['a number written in words', 'åtta fem noll ett noll ett'],
  ])('lets through %s', (_label, text) => {
    expect(findPersonalData(text)).toBeNull();
  });
});
