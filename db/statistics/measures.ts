// The figures the rollups keep, made from the category lists in lib/enums.ts: the Drizzle schema
// (db/schema/statistics.ts), the trigger SQL (rollup-sql.ts) and the figures (cube.ts, rollups.ts)
// all read these lists, so a new category value is one migration away from being counted.
// Pure constants: no server code.
import {
  AGE_BANDS,
  COERCION_DEGREES,
  CRIME_ESTABLISHED,
  JUSTICE_STEPS,
  OFFENCES,
  ORIGIN_REGIONS,
  REPORTING_BODIES,
  SEXES,
  type Offence,
} from '../../lib/enums';

/** Citizenship as Eurostat groups it: the reporting country, another EU member state, outside the EU. */
export const CITIZENSHIP_GROUPS = ['swedish', 'other_eu', 'non_eu', 'unknown'] as const;
export type CitizenshipGroup = (typeof CITIZENSHIP_GROUPS)[number];

export const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** EU member states (EU-27 since 1 February 2020), ISO 3166-1 alpha-2, Sweden excluded. */
export const OTHER_EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SI',
  'SK',
] as const;

/** Origin regions that settle the citizenship group when no citizenship is recorded. */
export const CITIZENSHIP_BY_ORIGIN: Partial<Record<(typeof ORIGIN_REGIONS)[number], CitizenshipGroup>> = {
  sweden: 'swedish',
  eu_east: 'other_eu',
  eu_west: 'other_eu',
  europe_east_non_eu: 'non_eu',
  west_africa: 'non_eu',
  africa_other: 'non_eu',
  middle_east: 'non_eu',
  asia: 'non_eu',
  latin_america: 'non_eu',
  // nordic (Norway and Iceland are outside the EU), other and unknown: unknown.
};

export const CHILD_AGE_BANDS = ['0_14', '15_17'] as const;

/** The age bands in each Eurostat age group. */
export const AGE_BANDS_BY_GROUP: Record<AgeGroup, readonly (typeof AGE_BANDS)[number][]> = {
  child: CHILD_AGE_BANDS,
  adult: AGE_BANDS.filter((b) => b !== 'unknown' && !(CHILD_AGE_BANDS as readonly string[]).includes(b)),
  unknown: ['unknown'],
};

/** Bit i of an offence mask is OFFENCES[i] (the enum's order in PostgreSQL too). */
export function offenceBit(offence: Offence): number {
  return 1 << OFFENCES.indexOf(offence);
}

export function offencesOfMask(mask: number): Offence[] {
  return OFFENCES.filter((o) => (mask & offenceBit(o)) !== 0);
}

export function maskOf(offences: readonly Offence[]): number {
  return offences.reduce((m, o) => m | offenceBit(o), 0);
}

// ── Rollup columns ───────────────────────────────────────────────────────────────────────────
// One integer column per figure, summed over (county, day or month, offence mask).

const col = (prefix: string, values: readonly string[]) => values.map((v) => `${prefix}_${v}`);

export const CASE_DIMENSIONS = {
  crime: { column: 'crime_established', prefix: 'crime', values: CRIME_ESTABLISHED },
  coercion: { column: 'coercion_degree', prefix: 'coercion', values: COERCION_DEGREES },
  body: { column: 'reporting_body', prefix: 'body', values: REPORTING_BODIES },
} as const;

export const PARTY_DIMENSIONS = {
  sex: { column: 'sex', values: SEXES },
  age: { column: 'age_band', values: AGE_BANDS },
  origin: { column: 'origin_region', values: ORIGIN_REGIONS },
} as const;

export const FUNNEL_STEPS = ['investigation', 'prosecuted', 'convicted'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** Party columns stored per case in stat_case_facts (v_ victims, p_ perpetrators). */
export const PARTY_COLUMNS: readonly string[] = [
  ...Object.entries(PARTY_DIMENSIONS).flatMap(([dim, d]) => col(`v_${dim}`, d.values)),
  ...CITIZENSHIP_GROUPS.flatMap((c) => col(`v_cit_${c}`, AGE_GROUPS)),
  ...Object.entries(PARTY_DIMENSIONS).flatMap(([dim, d]) => col(`p_${dim}`, d.values)),
];

/** Every rollup column after the key, in table order. */
export const ROLLUP_COLUMNS: readonly string[] = [
  'cases',
  ...Object.values(CASE_DIMENSIONS).flatMap((d) => col(d.prefix, d.values)),
  ...col('reached', FUNNEL_STEPS),
  'victims',
  'perpetrators',
  ...PARTY_COLUMNS,
  ...col('p_prosecuted_sex', SEXES),
  ...col('p_convicted_sex', SEXES),
];

export type RollupSums = Record<string, number>;

// ── Persons by legal status (decision 014) ──────────────────────────────────────────────────
// Each perpetrator counted in the year of each step of their own path: suspected in the year of
// the report, every other status in the year of the step (lib/enums.ts JUSTICE_STEPS).

export const PERSON_STATUSES = ['suspected', ...JUSTICE_STEPS] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** The columns of the person rollups after the key: all persons, then by sex. */
export const PERSON_COLUMNS: readonly string[] = ['persons', ...col('sex', SEXES)];

/** The name of a person figure in a scope's sums (ScopeSums.extra): `persons_<status>[_sex_<sex> | _offence_<offence>]`. */
export function personMeasure(status: PersonStatus, part?: `sex_${string}` | `offence_${string}`): string {
  return part ? `persons_${status}_${part}` : `persons_${status}`;
}

// ── Eurostat crim_thb (issue 15) ────────────────────────────────────────────────────────────
// Only persons connected to trafficking in human beings (BrB 4 kap. 1 a §): the victims of cases
// with a trafficking offence (in the year of the report), and the perpetrators suspected,
// prosecuted and convicted of it (in the year of each step, the step naming the offence).

export const TRAFFICKING_OFFENCES = ['trafficking_sexual', 'trafficking_other'] as const satisfies readonly Offence[];
export const TRAFFICKING_MASK = maskOf(TRAFFICKING_OFFENCES);

/** The legal statuses crim_thb counts perpetrators in. */
export const THB_STATUSES = ['suspected', 'prosecuted', 'convicted'] as const;
export type ThbStatus = (typeof THB_STATUSES)[number];

/** A crim_thb figure: `thb_victims[_sex_<sex> | _cit_<group> | _age_<group>]`, `thb_persons_<status>[_sex_<sex>]`. */
export function thbMeasure(
  who: 'victims' | ThbStatus,
  part?: `sex_${string}` | `cit_${string}` | `age_${string}`,
): string {
  const base = who === 'victims' ? 'thb_victims' : `thb_persons_${who}`;
  return part ? `${base}_${part}` : base;
}
