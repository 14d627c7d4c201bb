/**
 * The privacy guard's corpus (issue 11, decision 010): shapes the guard must refuse and text it
 * must let through. Test data only, generated here independently of the guard: its own Luhn, its
 * own groupings, digit scripts taken from Intl rather than from the guard's normalisation.
 */
export type RefusedKind = 'personal_number' | 'coordination_number' | 'phone' | 'email';
export interface AllowCase {
  label: string;
  text: string;
}
export interface RefuseCase extends AllowCase {
  kind: RefusedKind;
}

// ─── Check digits and scripts ─────────────────────────────────────────────────────────────────

/** The classic Luhn validity test: double every second digit from the right. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, i) => {
    const doubled = Number(char) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(doubled / 10) + (doubled % 10);
  });
  return sum % 10 === 0;
}

function checkDigitFor(nineDigits: string): string {
  for (let c = 0; c <= 9; c++) if (isLuhnValid(`${nineDigits}${c}`)) return String(c);
  throw new Error('unreachable');
}

/** The ten digits of an Intl numbering system ('arab', 'deva', …), 0 to 9. */
export function digitsOf(numberingSystem: string): string[] {
  const format = new Intl.NumberFormat('en', { numberingSystem, useGrouping: false });
  return [...'0123456789'].map((d) => format.format(Number(d)));
}

/** The text with its ASCII digits written in another numbering system. */
export function inScript(text: string, numberingSystem: string): string {
  const digits = digitsOf(numberingSystem);
  return text.replace(/[0-9]/g, (d) => digits[Number(d)] ?? d);
}

// ─── Personal identity and coordination numbers ───────────────────────────────────────────────

/** Century, year, month, day, and serial with its check digit. */
/** Century, year, month, day, and serial with its check digit. */
type IdentityParts = Record<'cc' | 'yy' | 'mm' | 'dd' | 'nnnc', string>;

/** A valid number from its birth date (YYYYMMDD, day + 60 for coordination) and serial. */
export function identity(yyyymmdd: string, serial: string): IdentityParts {
  const [cc, yy, mm, dd] = [0, 2, 4, 6].map((i) => yyyymmdd.slice(i, i + 2)) as [string, string, string, string];
  return { cc, yy, mm, dd, nnnc: `${serial}${checkDigitFor(`${yy}${mm}${dd}${serial}`)}` };
}

/** The ten digits of a number, YYMMDDNNNC. */
export const tenDigits = (p: IdentityParts) => `${p.yy}${p.mm}${p.dd}${p.nnnc}`;

type Shape = [label: string, write: (p: IdentityParts) => string];

const between = (label: string, sep: string): Shape => [label, (p) => `${p.yy}${p.mm}${p.dd}${sep}${p.nnnc}`];
const betweenLong = (label: string, sep: string): Shape => [
  label,
  (p) => `${p.cc}${p.yy}${p.mm}${p.dd}${sep}${p.nnnc}`,
];
const allParts = (label: string, sep: string, last = sep): Shape => [
  label,
  (p) => `${p.yy}${sep}${p.mm}${sep}${p.dd}${last}${p.nnnc}`,
];
const allPartsLong = (label: string, sep: string, last = sep): Shape => [
  label,
  (p) => `${p.cc}${p.yy}${sep}${p.mm}${sep}${p.dd}${last}${p.nnnc}`,
];

const TEN_DIGIT_SHAPES: Shape[] = [
  between('10 digits compact', ''),
  between('10 digits, hyphen', '-'),
  between('10 digits, plus (over 100)', '+'),
  between('10 digits, space', ' '),
  between('10 digits, dot', '.'),
  between('10 digits, slash', '/'),
  between('10 digits, spaced hyphen', ' - '),
  between('10 digits, spaced slash', ' / '),
  between('10 digits, en dash', '\u2013'),
  between('10 digits, spaced en dash', ' \u2013 '),
  between('10 digits, em dash', '\u2014'),
  between('10 digits, minus sign', '\u2212'),
  between('10 digits, non-breaking hyphen', '\u2011'),
  between('10 digits, no-break space', '\u00a0'),
  between('10 digits, narrow no-break space', '\u202f'),
  between('10 digits, thin space', '\u2009'),
  allParts('10 digits, hyphens between all parts', '-'),
  allParts('10 digits, spaces between all parts', ' '),
  allParts('10 digits, dots between all parts', '.'),
  allParts('10 digits, slashes in the date, hyphen before the serial', '/', '-'),
];

const TWELVE_DIGIT_SHAPES: Shape[] = [
  betweenLong('12 digits compact', ''),
  betweenLong('12 digits, hyphen', '-'),
  betweenLong('12 digits, space', ' '),
  betweenLong('12 digits, dot', '.'),
  betweenLong('12 digits, slash', '/'),
  betweenLong('12 digits, spaced hyphen', ' - '),
  betweenLong('12 digits, en dash', '\u2013'),
  allPartsLong('12 digits, ISO date, hyphen', '-'),
  allPartsLong('12 digits, ISO date, space', '-', ' '),
  allPartsLong('12 digits, ISO date, slash', '-', '/'),
  allPartsLong('12 digits, spaces between all parts', ' '),
  allPartsLong('12 digits, dots between all parts', '.'),
  allPartsLong('12 digits, slashes between all parts', '/'),
  allPartsLong('12 digits, dotted date, hyphen', '.', '-'),
];

const ALL_SHAPES = [...TEN_DIGIT_SHAPES, ...TWELVE_DIGIT_SHAPES];

const IDENTITY_CONTEXTS: ((x: string) => string)[] = [
  (x) => x,
  (x) => `Kvinnan med personnummer ${x} hördes i dag.`,
  (x) => `(${x})`,
  (x) => `Uppgift: ${x}, enligt polisen.`,
  (x) => `Mannen ${x}. Han greps senare.`,
  (x) => `pnr:${x}`,
  (x) => `Anmälan gällde ${x} och två andra.`,
];

const PERSONAL = [
  identity('19850101', '123'), // 850101-1236, the issue's example
  identity('19901231', '457'),
  identity('20000229', '238'), // a leap day
  identity('19620228', '905'),
  identity('20140715', '010'), // a child
  identity('19781109', '882'),
];

const COORDINATION = [
  identity('19850161', '123'), // day 1 + 60
  identity('19921190', '246'), // day 30 + 60
  identity('20040289', '771'), // 29 February 2004 + 60
  identity('19700660', '318'), // day 60: birth day unknown
];

function identityCases(numbers: IdentityParts[], kind: RefusedKind, name: string): RefuseCase[] {
  const cases: RefuseCase[] = [];
  numbers.forEach((p, n) => {
    ALL_SHAPES.forEach(([label, write], s) => {
      // The first number in every shape; the others in every third shape, turn about.
      if (n > 0 && (s + n) % 3 !== 0) return;
      const context = IDENTITY_CONTEXTS[(s + n) % IDENTITY_CONTEXTS.length] ?? ((x: string) => x);
      cases.push({ label: `${name} ${n + 1}, ${label}`, text: context(write(p)), kind });
    });
  });
  return cases;
}

const SCRIPTS = ['arab', 'arabext', 'fullwide', 'deva', 'beng', 'thai', 'mathbold'];

function identityInScripts(): RefuseCase[] {
  const [first, second] = PERSONAL as [IdentityParts, IdentityParts];
  const [coordination] = COORDINATION as [IdentityParts];
  return SCRIPTS.flatMap((system): RefuseCase[] => [
    {
      label: `personal number in ${system} digits, hyphen`,
      text: `Personnummer ${inScript(`${first.yy}${first.mm}${first.dd}-${first.nnnc}`, system)} hördes.`,
      kind: 'personal_number',
    },
    {
      label: `personal number in ${system} digits, 12 digits with a dot`,
      text: inScript(`${second.cc}${second.yy}${second.mm}${second.dd}.${second.nnnc}`, system),
      kind: 'personal_number',
    },
    {
      label: `coordination number in ${system} digits, space`,
      text: inScript(`${coordination.yy}${coordination.mm}${coordination.dd} ${coordination.nnnc}`, system),
      kind: 'coordination_number',
    },
  ]);
}

function identityWithInvisibles(): RefuseCase[] {
  const p = PERSONAL[0] as IdentityParts;
  const ten = tenDigits(p);
  return [
    ['zero-width space', '\u200b'],
    ['soft hyphen', '\u00ad'],
    ['word joiner', '\u2060'],
    ['byte-order mark', '\ufeff'],
    ['zero-width non-joiner', '\u200c'],
  ].map(([label, char]) => ({
    label: `personal number with a ${label} inside`,
    text: `pnr ${ten.slice(0, 6)}-${ten.slice(6, 8)}${char}${ten.slice(8)}`,
    kind: 'personal_number',
  }));
}

// ─── Phone numbers ────────────────────────────────────────────────────────────────────────────

const SWEDISH_PHONES = [
  // Mobile 070-123 45 67 in every common grouping.
  '070-123 45 67',
  '070 123 45 67',
  '0701234567',
  '070-1234567',
  '070-123 4567',
  '070 123 4567',
  '070 12 34 567',
  '070-12 34 567',
  '0701-23 45 67',
  '070-123-45-67',
  '070.123.45.67',
  '070.1234567',
  '070/123 45 67',
  '070 / 123 45 67',
  '070 - 123 45 67',
  '(070) 123 45 67',
  '070\u2013123 45 67',
  '070\u2011123 45 67',
  '070\u00a0123\u00a045\u00a067',
  '070\u202f123\u202f45\u202f67',
  // Other mobiles.
  '072-345 67 89',
  '073 987 65 43',
  '076.555.12.34',
  '079-123 45 67',
  // Landlines.
  '08-123 456 78',
  '08-12 34 56',
  '08 123 45 67',
  '08-123 45 67',
  '(08) 123 45 67',
  '08.123.456.78',
  '08/123 45 67',
  '031-12 34 56',
  '031-123 45 67',
  '031.12.34.56',
  '040-12 34 56',
  '046-123 45 67',
  '0470-123 45',
  '0470-12 34 56',
  '0980-123 45',
  '0771-14 14 00',
  '020-123 456',
  '010-123 45 67',
  '011-12 34 56',
  '0910-123 45',
  // +46 and 0046.
  '+46 70 123 45 67',
  '+46 (0)70-123 45 67',
  '+46701234567',
  '+46-70-123 45 67',
  '+46.70.123.45.67',
  '+46 70-123 45 67',
  '+46 8 123 456 78',
  '+46 (0)8 123 456 78',
  '+46 31 12 34 56',
  '+46 470 123 45',
  '+ 46 70 123 45 67',
  '0046 70 123 45 67',
  '0046701234567',
  '0046 (0)70 123 45 67',
  '0046-8-123 456 78',
  '00 46 70 123 45 67',
];

const INTERNATIONAL_PHONES = [
  '+44 20 7946 0958',
  '+44 (0)20 7946 0958',
  '0044 20 7946 0958',
  '+44 7911 123456',
  '+447911123456',
  '+44.20.7946.0958',
  '+1 555 123 4567',
  '+1-555-123-4567',
  '+1 (555) 123-4567',
  '+1.555.123.4567',
  '001 555 123 4567',
  '+49 30 12345678',
  '+49 (0)30 1234567',
  '+49 151 23456789',
  '+33 1 23 45 67 89',
  '+33 (0)1 23 45 67 89',
  '+33.1.23.45.67.89',
  '+359 88 123 4567',
  '+40 721 234 567',
  '0040 721 234 567',
  '+7 495 123-45-67',
  '+234 803 123 4567',
  '+358 40 123 4567',
  '+47 912 34 567',
  '+45 12 34 56 78',
  '+48 123 456 789',
  '+380 44 123 4567',
  '+90 212 123 45 67',
  '+66 2 123 4567',
  '+63 917 123 4567',
  '+86 138 0013 8000',
  '+371 2123 4567',
  '+370 612 34567',
  '+372 5123 4567',
  '+36 1 234 5678',
  '+420 601 123 456',
  '+381 11 123 4567',
  '+355 69 123 4567',
  '+373 69 123 456',
  '+964 770 123 4567',
  '+98 912 345 6789',
  '+251 91 123 4567',
  '+254 712 345678',
  '+84 91 234 56 78',
  '+55 11 91234-5678',
  '+971 50 123 4567',
  '+212 6 12 34 56 78',
  '+20 10 1234 5678',
];

const PHONE_CONTEXTS: ((x: string) => string)[] = [
  (x) => x,
  (x) => `Ring ${x} efter kl. 17.`,
  (x) => `Hennes nummer var ${x}.`,
  (x) => `Tel: ${x}`,
  (x) => `(${x})`,
  (x) => `Numret ${x} hittades i telefonen.`,
];

function phoneCases(): RefuseCase[] {
  const phones = [...SWEDISH_PHONES, ...INTERNATIONAL_PHONES];
  const written = phones.map((phone, i) => ({
    label: `phone ${phone}`,
    text: (PHONE_CONTEXTS[i % PHONE_CONTEXTS.length] ?? ((x: string) => x))(phone),
    kind: 'phone' as const,
  }));
  const scripts = ['arab', 'arabext', 'fullwide', 'deva'].map((system) => ({
    label: `phone in ${system} digits`,
    text: `Ring ${inScript('070-123 45 67', system)}`,
    kind: 'phone' as const,
  }));
  return [...written, ...scripts];
}

// ─── E-mail addresses ─────────────────────────────────────────────────────────────────────────

const EMAILS = [
  'kalle@example.se',
  'anna.svensson@lansstyrelsen.se',
  'first.last+tag@sub.example.co.uk',
  'KALLE@EXAMPLE.SE',
  'åsa.öberg@exempel.se',
  'x_y@example.com',
  'kalle.123@example.org',
  "o'brien@example.ie",
  'k@example.se',
  'kalle\uff20example.se',
  'kalle\ufe6bexample.se',
  'mailto:kalle@example.se',
  '<kalle@example.se>',
  'kalle@example.se.',
  // Spaces round the @.
  'name @ example.se',
  'name@ example.se',
  'name @example.se',
  // No top-level domain.
  'name@example',
  'kalle@gmail',
  'user@intranet',
  'anna.svensson@lansstyrelsen',
  'kalle@mail.example.s',
  // "at" written out.
  'name (at) example.se',
  'name(at)example.se',
  'name [at] example.se',
  'name[at]example.se',
  'name {at} example.se',
  'name (AT) example.se',
  'name at example.se',
  'NAME AT EXAMPLE.SE',
  'name(at)example(dot)se',
  'name [at] example [dot] se',
  'name (at) example (punkt) se',
  'name snabel-a example.se',
  'name(snabel-a)example.se',
];

const EMAIL_CONTEXTS: ((x: string) => string)[] = [
  (x) => x,
  (x) => `Skriv till ${x} senast fredag.`,
  (x) => `E-post: ${x}`,
  (x) => `Tipset kom från ${x}, enligt handläggaren.`,
];

function emailCases(): RefuseCase[] {
  return EMAILS.map((email, i) => ({
    label: `e-mail ${email}`,
    text: (EMAIL_CONTEXTS[i % EMAIL_CONTEXTS.length] ?? ((x: string) => x))(email),
    kind: 'email',
  }));
}

export const REFUSE_CORPUS: RefuseCase[] = [
  ...identityCases(PERSONAL, 'personal_number', 'personal number'),
  ...identityCases(COORDINATION, 'coordination_number', 'coordination number'),
  ...identityInScripts(),
  ...identityWithInvisibles(),
  ...phoneCases(),
  ...emailCases(),
];

// ─── What the register legitimately holds ─────────────────────────────────────────────────────

const DATES = ['2026-11-27', '2024-01-05', '2019-06-30', '2025-02-28', '2023-10-01', '2026-03-08', '1999-12-31'];
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september'];
const MONTHS_REST = ['oktober', 'november', 'december'];
const MONTH_NAMES = [...MONTHS, ...MONTHS_REST];

type DateShape = [label: string, write: (y: string, m: string, d: string) => string];
const unpad = (s: string) => String(Number(s));

const DATE_SHAPES: DateShape[] = [
  ['ISO date', (y, m, d) => `${y}-${m}-${d}`],
  ['date with slashes, year first', (y, m, d) => `${y}/${m}/${d}`],
  ['date with dots, year first', (y, m, d) => `${y}.${m}.${d}`],
  ['compact date', (y, m, d) => `${y}${m}${d}`],
  ['day-first date with slashes', (y, m, d) => `${d}/${m}/${y}`],
  ['day-first date with dots', (y, m, d) => `${d}.${m}.${y}`],
  ['day-first date with hyphens', (y, m, d) => `${d}-${m}-${y}`],
  ['day-first date without leading zeros', (y, m, d) => `${unpad(d)}/${unpad(m)}/${y}`],
  ['Swedish short date with year', (y, m, d) => `${unpad(d)}/${unpad(m)}-${y}`],
  ['Swedish short date', (_y, m, d) => `den ${unpad(d)}/${unpad(m)}`],
  ['date in words', (y, m, d) => `${unpad(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`],
  ['ISO date and time', (y, m, d) => `${y}-${m}-${d} 14:30`],
  ['ISO date-time', (y, m, d) => `${y}-${m}-${d}T08:15:00`],
  ['US date', (y, m, d) => `${m}/${d}/${y}`],
  ['day-first date and time with dots', (y, m, d) => `${d}.${m}.${y} 08.30`],
  ['ISO date range', (y, m, d) => `${y}-${m}-${d}\u2013${y}-12-31`],
  ['ISO date range with spaced hyphen', (y, m, d) => `${y}-01-01 - ${y}-${m}-${d}`],
  ['day-first date range', (y, m, d) => `${d}.${m}.${y}\u2013${d}.12.${y}`],
  ['year and month', (y, m) => `${y}-${m}`],
];

const DATE_CONTEXTS: ((x: string) => string)[] = [
  (x) => `Mötet hölls ${x}.`,
  (x) => x,
  (x) => `Beslut ${x} om fortsatt stöd.`,
  (x) => `Händelsen (${x}) anmäldes.`,
];

function dateCases(): AllowCase[] {
  return DATES.flatMap((date, n) => {
    const [y, m, d] = date.split('-') as [string, string, string];
    return DATE_SHAPES.map(([label, write], s): AllowCase => {
      const context = DATE_CONTEXTS[(n + s) % DATE_CONTEXTS.length] ?? ((x: string) => x);
      return { label: `${label} ${date}`, text: context(write(y, m, d)) };
    });
  });
}

const OTHER_ALLOWED: [label: string, text: string][] = [
  // Years, ranges and periods.
  ['a year', 'Under 2024 ökade antalet.'],
  ['a decade', 'Sedan 1990-talet'],
  ['year range with en dash', 'Perioden 2019\u20132024'],
  ['year range with hyphen', 'Perioden 2019-2024'],
  ['year range with spaced en dash', 'Perioden 2019 \u2013 2024'],
  ['split year', 'Verksamhetsåret 2025/26'],
  ['years in a list', 'Åren 2019, 2020 och 2021'],
  ['years with spaces', 'Jämför 2019 2020 2021 2022'],
  ['quarter', 'Q1 2026'],
  ['week', 'Vecka 47 2026'],
  ['week range', 'Vecka 12\u201314'],
  // Amounts.
  ['participants', '15 000 personer'],
  ['kronor', '1 500 kr'],
  ['large amount', '215 000 000 kr'],
  ['a thousand million', '1 050 000 000 kr'],
  ['a group that reads like a mobile prefix', '2 070 500 000 kr'],
  ['eight-digit amount', '12 345 678 kronor'],
  ['eleven-digit amount', '45 000 000 000 kr'],
  ['decimal millions', '3,2 miljoner kronor'],
  ['decimal mnkr', '0,5 mnkr'],
  ['SEK first', 'SEK 1 500 000'],
  ['dots as thousands', '1.500.000 kr'],
  ['euro', '25 000 euro'],
  ['signed amount', 'Ökning med +15 000 000 kr'],
  ['negative amount with a minus sign', 'Minskning med \u22123 000 kr'],
  ['negative amount with a hyphen', 'Saldo -3 000 kr'],
  ['amount range', '10 000\u201315 000 kr'],
  ['count range', '1 000-2 000 personer'],
  ['no-break spaces in an amount', '9\u00a0999\u00a0999 kr'],
  // Percentages.
  ['percentage with decimal comma', '12,5 %'],
  ['percentage with decimal point', '12.5%'],
  ['percent in words', '45 procent'],
  ['small percentage', '0,5 %'],
  ['whole', '100 %'],
  ['percentage range', '3\u20135 %'],
  ['negative percentage', '\u22122,1 %'],
  ['percentage points', '+4,5 procentenheter'],
  // Case references.
  ['case reference', 'Ärende AB-2026-0079'],
  ['old case reference', 'O-2010-0103'],
  ['case reference with five digits', 'AB-2019-12345'],
  ['two case references', 'Jämför AB-2025-0001 och AB-2026-0079.'],
  // County board diary numbers.
  ['diary number', 'Dnr 403-1234-2024'],
  ['diary number with five-digit serial', 'Dnr 251-12345-2023'],
  ['diary number with three-digit serial', '403-123-2025'],
  ['diary number 201', 'Diarienummer 201-1234-2026'],
  ['diary number 851', '851-2345-2022'],
  ['diary number 701', '701-12345-2021'],
  // Court case numbers.
  ['court case', 'B 1234-24'],
  ['court case with five digits', 'Mål nr B 12345-23'],
  ['civil case', 'T 5678-22'],
  ['court of appeal case', 'Ö 1234-24'],
  ['migration court case', 'UM 1234-24'],
  ['two court cases', 'B 1234-24 och B 5678-24'],
  ['court case with three digits', 'B 123-24'],
  // Law references.
  ['SFS number', '2009:400'],
  ['SFS with prefix', 'SFS 2018:618'],
  ['SFS in parentheses', 'Brottsbalken (1962:700)'],
  ['law with SFS number', 'Lag (2009:400) om offentlighet och sekretess'],
  ['SFS with four-digit serial', 'SFS 2022:1234'],
  ['government bill', 'Prop. 2023/24:123'],
  ['official report', 'SOU 2022:15'],
  ['EU directive', 'Direktiv 2011/36/EU'],
  ['chapter and section', '4 kap. 1 a § brottsbalken'],
  ['section with BrB', '6 kap. 12 § BrB'],
  // Police report numbers.
  ['police report number', '5000-K123456-25'],
  ['police report number without station', 'K123456-25'],
  ['police report number with leading-zero station', '0123-K12345-24'],
  ['police report number with seven-digit serial', '5000-K1234567-25'],
  ['police report number in a sentence', 'Polisanmälan 1400-K98765-10 är upprättad.'],
  ['two police report numbers', '5000-K123456-25 och 5000-K654321-25'],
  // Postal codes.
  ['postal code', '123 45'],
  ['postal code in Kiruna', '981 38 Kiruna'],
  ['postal code in Gothenburg', '411 05 Göteborg'],
  ['postal code with country prefix', 'SE-123 45 Stockholm'],
  ['compact postal code', '75320 Uppsala'],
  ['box address', 'Box 22067, 104 22 Stockholm'],
  // Times.
  ['time with colon', 'kl. 14:30'],
  ['time with dot', 'kl. 14.30'],
  ['office hours with dots', 'kl. 08.00-16.00'],
  ['office hours with colons', '08:00\u201317:00'],
  ['time with seconds', '14:30:15'],
  ['hours', 'kl 8-17'],
  ['opening hours', 'Öppet 08.30-16.30 vardagar'],
  ['morning time', '09.15'],
  // Counts.
  ['cases', '53 fall rapporterades 2025.'],
  ['women and men', '12 kvinnor och 3 män'],
  ['total', 'Totalt 124 ärenden'],
  ['none', '0 fall'],
  ['fraction', '3 av 12'],
  ['age band', '18-25 år'],
  ['age bands', 'Åldrar 0-17, 18-25 och 26-35 år.'],
  ['children', '0\u201317 år'],
  ['people range', '5\u201310 personer'],
  ['a thousand participants', '1 200 deltagare'],
  ['counts in a list', 'Antal per län: 4, 7, 12, 19'],
  // Short public numbers and other identifiers.
  ['emergency number', 'Ring 112 vid fara.'],
  ['health line', 'Ring 1177 Vårdguiden'],
  ['police short number', 'Polisen nås på 114 14.'],
  ['organisation number', 'Org.nr 802012-3456'],
  ['organisation number of a company', '556677-8899'],
  ['bankgiro', 'Bankgiro 5050-1055'],
  ['version', 'Version 1.2.3'],
  ['coordinates', '59.3293, 18.0686'],
  ['website', 'Mer information på polisen.se'],
  ['web address', 'www.lansstyrelsen.se'],
  // Prose with "at" and "@".
  ['English "at"', 'The meeting at the county board was held at 10.00.'],
  ['"at" before a proper name', 'We met at Länsstyrelsen.'],
  ['"at" in a question', 'What happened at Arlanda?'],
  ['"at" before a year', 'Look at the figures for 2024.'],
  ['"at least"', 'at least 15 000 people'],
  ['"at" before a percentage', 'Attendance at 85 %'],
  ['"at" before a time', 'She arrived at 14:30.'],
  ['"at" before a station', 'Staff at Malmö C station'],
  ['"at" before an embassy', 'He works at the embassy in Bucharest.'],
  ['"at" in words', 'Kattegatt, attention, Atlanta, that, what'],
  ['"at risk"', 'Two women at risk of exploitation'],
  ['"at" before a name', 'Kalle at the office'],
  ['@ as "at" in a heading', 'Möte @ länsstyrelsen kl. 10'],
  ['a handle', '@kalle skrev i forumet'],
  ['a price', 'pris 5@10 kr'],
];

export const ALLOW_CORPUS: AllowCase[] = [
  ...dateCases(),
  ...OTHER_ALLOWED.map(([label, text]): AllowCase => ({ label, text })),
];
