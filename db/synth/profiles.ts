// The shape of the register's data, for the demo and for synthetic volume: how many cases of each
// kind per year, where, who the parties are and how far cases get. Figures are invented to look
// like the Swedish picture (Brå 2011:18 for 2008–2010, the police's yearly reports after that),
// scaled down so that the demo seeds in seconds. Pure data, no I/O.
import type {
  AgeBand,
  Arena,
  CaseStatus,
  OriginRegion,
  PerpetratorRole,
  ReportingBody,
  ResidencePermit,
  Sex,
  SupportMeasure,
  YesNoUnknown,
} from '@/lib/enums';
import { weighted, type Weighted } from './random';

/** The demo's "today": nothing is reported or happens after it. */
export const DEMO_TODAY = '2026-11-27';
export const FIRST_DEMO_DAY = '2008-01-01';
export const DEMO_SEED = 20111215; // the day Brå presented its follow-up

/** What a generated case is about; decides its offences and the profile of everything else. */
export const CASE_KINDS = [
  'sex_purchase',
  'procuring',
  'trafficking_sexual',
  'trafficking_other',
  'exploitation',
  'sex_purchase_child',
  'other',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

const FIRST_RATE_YEAR = 2008;

/**
 * Reported cases per year in the demo, nationally, from 2008. `trafficking_sexual` covers human
 * trafficking for sexual purposes and gross procuring with a foreign plaintiff (Brå's group; the
 * demo's 2008–2010 cases of that kind are Brå's exact figures instead, see generateBraCases).
 * Sex purchase rose sharply in 2010 (Brå); exploitation exists from 1 July 2018.
 * The last year is used for every later year.
 */
export const YEARLY_CASES: Record<CaseKind, readonly number[]> = {
  //                  2008 09   10   11   12  13   14  15  16  17  18   19  20  21  22   23   24   25   26
  sex_purchase: /*   */ [25, 35, 160, 100, 90, 95, 100, 85, 80, 85, 95, 105, 75, 80, 90, 100, 105, 110, 105],
  procuring: /*      */ [14, 15, 18, 18, 17, 16, 17, 18, 16, 17, 18, 19, 15, 17, 18, 19, 20, 21, 20],
  trafficking_sexual: [30, 35, 38, 14, 12, 13, 15, 14, 16, 15, 14, 13, 10, 12, 13, 14, 15, 14, 14],
  trafficking_other: [1, 1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 7, 8, 9, 10, 11, 12, 12],
  exploitation: /*   */ [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 7, 6, 8, 9, 10, 11, 12, 12],
  sex_purchase_child: [2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 7, 8, 9, 10, 10, 11, 11],
  other: /*          */ [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3],
};

/** The first day a kind can be reported (the offence did not exist before). */
export const KIND_STARTS: Partial<Record<CaseKind, string>> = { exploitation: '2018-07-01' };

export function yearlyRate(kind: CaseKind, year: number): number {
  const rates = YEARLY_CASES[kind];
  const i = Math.min(Math.max(year - FIRST_RATE_YEAR, 0), rates.length - 1);
  return rates[i]!;
}

// ── Counties ─────────────────────────────────────────────────────────────────────────────────

/** Cases follow population, with far more in the three metropolitan counties (Brå). */
const METRO: Record<string, number> = { '01': 2.6, '14': 1.7, '12': 1.7 };
const METRO_SEX_PURCHASE: Record<string, number> = { '01': 3.2, '14': 1.9, '12': 1.9 };
const RURAL = 0.55;
const RURAL_SEX_PURCHASE = 0.45;

export type CountyInfo = { code: string; population: number; policeRegion: string };

export function countyTables(counties: readonly CountyInfo[]): {
  general: Weighted<string>;
  sexPurchase: Weighted<string>;
} {
  const sorted = [...counties].sort((a, b) => a.code.localeCompare(b.code));
  return {
    general: weighted(sorted.map((c) => [c.code, c.population * (METRO[c.code] ?? RURAL)] as const)),
    sexPurchase: weighted(
      sorted.map((c) => [c.code, c.population * (METRO_SEX_PURCHASE[c.code] ?? RURAL_SEX_PURCHASE)] as const),
    ),
  };
}

/** The police's unit code in a report number (e.g. 1400-K123456-19), by police region. Invented. */
export const POLICE_UNITS: Record<string, string> = {
  Stockholm: '0200',
  Öst: '0500',
  Syd: '1200',
  Väst: '1400',
  Bergslagen: '1800',
  Mitt: '2200',
  Nord: '2400',
};

// ── Countries ────────────────────────────────────────────────────────────────────────────────

/** ISO 3166-1 alpha-2 codes per origin region, weighted; a party's citizenship is one of these. */
export const COUNTRIES_BY_REGION: Partial<Record<OriginRegion, Weighted<string>>> = {
  sweden: weighted([['SE', 1]]),
  nordic: weighted([
    ['NO', 35],
    ['DK', 25],
    ['FI', 35],
    ['IS', 5],
  ]),
  eu_east: weighted([
    ['RO', 30],
    ['BG', 15],
    ['LT', 12],
    ['PL', 12],
    ['EE', 10],
    ['LV', 8],
    ['HU', 8],
    ['SK', 5],
  ]),
  eu_west: weighted([
    ['DE', 30],
    ['NL', 15],
    ['FR', 15],
    ['ES', 15],
    ['IT', 15],
    ['PT', 10],
  ]),
  europe_east_non_eu: weighted([
    ['RU', 30],
    ['UA', 25],
    ['MD', 15],
    ['BY', 10],
    ['AL', 10],
    ['RS', 10],
  ]),
  west_africa: weighted([
    ['NG', 75],
    ['GH', 10],
    ['SL', 5],
    ['GM', 5],
    ['LR', 5],
  ]),
  africa_other: weighted([
    ['KE', 25],
    ['UG', 25],
    ['ET', 20],
    ['ER', 15],
    ['SO', 15],
  ]),
  middle_east: weighted([
    ['IQ', 35],
    ['SY', 35],
    ['IR', 20],
    ['LB', 10],
  ]),
  asia: weighted([
    ['TH', 55],
    ['CN', 15],
    ['VN', 15],
    ['PH', 10],
    ['MN', 5],
  ]),
  latin_america: weighted([
    ['BR', 45],
    ['DO', 25],
    ['CO', 20],
    ['PE', 10],
  ]),
};

/** Citizens of these regions need no residence permit in Sweden (EU/EEA). */
export const FREE_MOVEMENT: ReadonlySet<OriginRegion> = new Set(['sweden', 'nordic', 'eu_east', 'eu_west']);

// ── Parties ──────────────────────────────────────────────────────────────────────────────────

type Table<T> = readonly (readonly [T, number])[];

export const VICTIM_ORIGIN_TRAFFICKING = weighted<OriginRegion>([
  ['eu_east', 55],
  ['west_africa', 25],
  ['europe_east_non_eu', 12],
  ['asia', 3],
  ['latin_america', 2],
  ['africa_other', 2],
  ['middle_east', 1],
]);
export const VICTIM_AGE_TRAFFICKING = weighted<AgeBand>([
  ['15_17', 9],
  ['18_20', 36],
  ['21_25', 38],
  ['26_35', 14],
  ['36_50', 2],
  ['unknown', 1],
]);
export const PERPETRATOR_AGE = weighted<AgeBand>([
  ['21_25', 6],
  ['26_35', 48],
  ['36_50', 38],
  ['51_plus', 7],
  ['unknown', 1],
]);
export const PERPETRATOR_OTHER_ORIGIN = weighted<OriginRegion>([
  ['eu_west', 25],
  ['middle_east', 25],
  ['nordic', 15],
  ['africa_other', 15],
  ['eu_east', 10],
  ['unknown', 10],
]);
export const FIRST_PERPETRATOR_ROLE = weighted<PerpetratorRole>([
  ['exploiter', 60],
  ['recruiter', 20],
  ['harbourer', 10],
  ['transporter', 5],
  ['unknown', 5],
]);
export const OTHER_PERPETRATOR_ROLE = weighted<PerpetratorRole>([
  ['recruiter', 35],
  ['transporter', 30],
  ['harbourer', 20],
  ['exploiter', 10],
  ['other', 5],
]);
export const PLAINTIFF_TRAFFICKING = weighted<YesNoUnknown>([
  ['yes', 78],
  ['unknown', 14],
  ['no', 8],
]);
export const PERMIT_NON_EU = weighted<ResidencePermit>([
  ['applied', 35],
  ['granted', 30],
  ['refused', 15],
  ['not_relevant', 20],
]);

export const BUYER_SEX = weighted<Sex>([
  ['man', 97],
  ['woman', 2],
  ['unknown', 1],
]);
export const BUYER_AGE = weighted<AgeBand>([
  ['21_25', 7],
  ['26_35', 28],
  ['36_50', 42],
  ['51_plus', 22],
  ['unknown', 1],
]);
export const BUYER_ORIGIN = weighted<OriginRegion>([
  ['sweden', 82],
  ['middle_east', 4],
  ['eu_west', 4],
  ['nordic', 3],
  ['eu_east', 3],
  ['asia', 2],
  ['africa_other', 1],
  ['latin_america', 1],
]);
export const SELLER_SEX = weighted<Sex>([
  ['woman', 88],
  ['man', 9],
  ['other', 3],
]);
export const SELLER_AGE = weighted<AgeBand>([
  ['18_20', 10],
  ['21_25', 30],
  ['26_35', 37],
  ['36_50', 18],
  ['51_plus', 4],
  ['unknown', 1],
]);
export const SELLER_ORIGIN = weighted<OriginRegion>([
  ['eu_east', 34],
  ['sweden', 20],
  ['europe_east_non_eu', 10],
  ['latin_america', 10],
  ['asia', 10],
  ['west_africa', 8],
  ['africa_other', 3],
  ['eu_west', 3],
  ['other', 2],
]);
export const SELLER_PLAINTIFF = weighted<YesNoUnknown>([
  ['no', 80],
  ['unknown', 20],
]);
export const SELLER_PERMIT_NON_EU = weighted<ResidencePermit>([
  ['not_relevant', 70],
  ['applied', 15],
  ['refused', 10],
  ['granted', 5],
]);
export const SELLER_SUPPORT: Table<readonly SupportMeasure[]> = [
  [['none'], 35],
  [['unknown'], 35],
  [['counselling'], 18],
  [['health_care'], 7],
  [['counselling', 'health_care'], 5],
];

export const CHILD_SEX = weighted<Sex>([
  ['woman', 75],
  ['man', 22],
  ['other', 3],
]);
export const CHILD_ORIGIN = weighted<OriginRegion>([
  ['sweden', 75],
  ['middle_east', 6],
  ['africa_other', 5],
  ['eu_east', 5],
  ['nordic', 3],
  ['asia', 3],
  ['latin_america', 3],
]);

export const PROCURING_VICTIM_AGE = weighted<AgeBand>([
  ['15_17', 2],
  ['18_20', 20],
  ['21_25', 40],
  ['26_35', 30],
  ['36_50', 8],
]);
export const PROCURING_VICTIM_ORIGIN = weighted<OriginRegion>([
  ['eu_east', 35],
  ['sweden', 30],
  ['europe_east_non_eu', 10],
  ['west_africa', 10],
  ['latin_america', 5],
  ['asia', 5],
  ['other', 5],
]);
export const PROCURING_PERPETRATOR_ORIGIN = weighted<OriginRegion>([
  ['sweden', 40],
  ['eu_east', 25],
  ['middle_east', 10],
  ['europe_east_non_eu', 8],
  ['west_africa', 7],
  ['eu_west', 5],
  ['unknown', 5],
]);
export const PROCURING_ROLE = weighted<PerpetratorRole>([
  ['exploiter', 60],
  ['harbourer', 25],
  ['recruiter', 10],
  ['other', 5],
]);

export const LABOUR_VICTIM_AGE = weighted<AgeBand>([
  ['15_17', 5],
  ['18_20', 12],
  ['21_25', 25],
  ['26_35', 33],
  ['36_50', 20],
  ['51_plus', 5],
]);
export const LABOUR_VICTIM_ORIGIN = weighted<OriginRegion>([
  ['eu_east', 45],
  ['asia', 18],
  ['africa_other', 10],
  ['middle_east', 10],
  ['europe_east_non_eu', 10],
  ['west_africa', 5],
  ['latin_america', 2],
]);
export const LABOUR_ROLE = weighted<PerpetratorRole>([
  ['exploiter', 50],
  ['recruiter', 25],
  ['transporter', 15],
  ['harbourer', 5],
  ['other', 5],
]);

/** Support for a victim of trafficking or procuring: some measures, or 'none' / 'unknown' alone. */
export const SUPPORT_POOL = weighted<SupportMeasure>([
  ['legal_counsel', 30],
  ['sheltered_housing', 25],
  ['counselling', 25],
  ['health_care', 15],
  ['return_programme', 12],
  ['financial_support', 8],
]);

// ── The case ─────────────────────────────────────────────────────────────────────────────────

export const REPORTING_TRAFFICKING = weighted<ReportingBody>([
  ['police', 85],
  ['social_services', 4],
  ['prosecutor', 3],
  ['migration_agency', 3],
  ['ngo', 3],
  ['health_care', 1],
  ['county_board', 1],
]);
export const REPORTING_SEX_PURCHASE = weighted<ReportingBody>([
  ['police', 95],
  ['social_services', 2],
  ['other', 2],
  ['ngo', 1],
]);
export const REPORTING_CHILD = weighted<ReportingBody>([
  ['police', 55],
  ['social_services', 20],
  ['school_youth', 15],
  ['ngo', 5],
  ['health_care', 5],
]);
export const REPORTING_PROCURING = weighted<ReportingBody>([
  ['police', 85],
  ['social_services', 6],
  ['ngo', 3],
  ['prosecutor', 3],
  ['other', 3],
]);
export const REPORTING_LABOUR = weighted<ReportingBody>([
  ['police', 55],
  ['migration_agency', 15],
  ['ngo', 10],
  ['social_services', 10],
  ['other', 8],
  ['customs', 2],
]);
export const REPORTING_EXPLOITATION = weighted<ReportingBody>([
  ['police', 45],
  ['other', 30],
  ['migration_agency', 15],
  ['ngo', 10],
]);
export const REPORTING_OTHER = weighted<ReportingBody>([
  ['police', 60],
  ['social_services', 15],
  ['county_board', 10],
  ['ngo', 10],
  ['health_care', 5],
]);

export const ARENA_TRAFFICKING = weighted<Arena>([
  ['apartment', 40],
  ['hotel', 25],
  ['online', 15],
  ['massage_club', 8],
  ['street', 7],
  ['other', 3],
  ['unknown', 2],
]);
export const ARENA_PROCURING = weighted<Arena>([
  ['apartment', 40],
  ['online', 20],
  ['hotel', 15],
  ['massage_club', 12],
  ['street', 8],
  ['other', 5],
]);
export const ARENA_CHILD = weighted<Arena>([
  ['online', 55],
  ['apartment', 20],
  ['hotel', 12],
  ['other', 8],
  ['unknown', 5],
]);
export const ARENA_LABOUR = weighted<Arena>([
  ['other', 55],
  ['unknown', 20],
  ['apartment', 15],
  ['street', 10],
]);

/** Sex purchase moved from the street to the internet over the period (2008 → 2026). */
export function sexPurchaseArenas(year: number): Weighted<Arena> {
  const t = Math.min(Math.max((year - 2008) / 18, 0), 1);
  return weighted<Arena>([
    ['street', 30 - 25 * t],
    ['apartment', 25 - 5 * t],
    ['hotel', 25 - 5 * t],
    ['online', 10 + 45 * t],
    ['massage_club', 6 - 3 * t],
    ['other', 2],
    ['unknown', 2],
  ]);
}

/** How far cases get: share investigated, of those prosecuted, of those convicted; then closed. */
export type Outcome = { investigate: number; prosecute: number; convict: number; close: number };
export const OUTCOMES: Record<CaseKind, Outcome> = {
  sex_purchase: { investigate: 0.97, prosecute: 0.32, convict: 0.8, close: 0.3 },
  procuring: { investigate: 0.95, prosecute: 0.25, convict: 0.65, close: 0.35 },
  trafficking_sexual: { investigate: 0.96, prosecute: 0.25, convict: 0.6, close: 0.35 },
  trafficking_other: { investigate: 0.93, prosecute: 0.18, convict: 0.55, close: 0.35 },
  exploitation: { investigate: 0.93, prosecute: 0.2, convict: 0.55, close: 0.35 },
  sex_purchase_child: { investigate: 0.95, prosecute: 0.35, convict: 0.75, close: 0.3 },
  other: { investigate: 0.85, prosecute: 0.15, convict: 0.6, close: 0.4 },
};

/** Days from one step to the next: [min, max]. */
export const STEP_DAYS: Partial<Record<`${CaseStatus}>${CaseStatus}`, readonly [number, number]>> = {
  'reported>investigation': [0, 30],
  'reported>closed': [5, 120],
  'investigation>discontinued': [20, 420],
  'investigation>prosecuted': [60, 540],
  'investigation>closed': [20, 300],
  'prosecuted>convicted': [20, 200],
  'prosecuted>acquitted': [20, 200],
  'prosecuted>closed': [20, 200],
  'discontinued>closed': [10, 300],
  'convicted>closed': [10, 300],
  'acquitted>closed': [10, 300],
};

// ── Notes: short, generic, never a name, number or contact detail ────────────────────────────

export const NOTES_GENERAL = [
  'Tips via socialtjänstens uppsökande arbete.',
  'Annonsering på nätet, flera orter.',
  'Ärendet samordnas med polisen i en annan region.',
  'Uppgifter från en frivilligorganisation.',
  'Tolk behövs vid samtal och förhör.',
] as const;
export const NOTES_TRAFFICKING = [
  'Målsäganden har placerats i skyddat boende.',
  'Kontakt med ambassaden inför återvändande.',
  'Misstanke om resor mellan flera länder.',
  'Målsäganden önskar återvända till hemlandet.',
  'Anmälan efter kontakt med sjukvården.',
  'Lägenhet som använts för försäljning under flera veckor.',
  'Målsäganden har fått målsägandebiträde.',
  'Tidsbegränsat uppehållstillstånd sökt under förundersökningen.',
] as const;
export const NOTES_SEX_PURCHASE = [
  'Köpare påträffad vid spaning.',
  'Annons på eskortsida.',
  'Spaningsinsats mot hotell i centrala staden.',
  'Kontakt förmedlad via annonssida.',
  'Säljaren erbjuden samtalsstöd.',
] as const;
export const NOTES_CHILD = [
  'Kontakt via socialt medium.',
  'Anmälan från skolkurator.',
  'Barnahus involverat i utredningen.',
  'Socialtjänsten har inlett utredning.',
] as const;
export const NOTES_LABOUR = [
  'Arbete inom bärplockning.',
  'Misstanke om tiggeri under tvång.',
  'Arbete inom restaurangbranschen.',
  'Arbetsmiljöverket deltog vid kontrollen.',
  'Arbete inom byggbranschen utan avtal.',
  'Bostad anordnad av arbetsgivaren.',
] as const;

export const EVENT_NOTES: Partial<Record<CaseStatus, readonly string[]>> = {
  investigation: ['Förundersökning inledd.', 'Förundersökningen leds av åklagare.'],
  discontinued: ['Brott kan inte styrkas.', 'Förundersökningen nedlagd.', 'Gärningsperson okänd.'],
  prosecuted: ['Åtal väckt.', 'Åtal väckt i tingsrätten.'],
  convicted: ['Fällande dom i tingsrätten.', 'Fällande dom, överklagad.'],
  acquitted: ['Frikännande dom i tingsrätten.', 'Frikänd i hovrätten.'],
  closed: ['Ärendet avslutat.', 'Ärendet avslutat efter uppföljning.'],
};
