// Eurostat crim_thb (trafficking in human beings) in Eurostat's own dimension names and codes, as
// SDMX-CSV; docs/statistics-mapping.md is the crosswalk, docs/eurostat-crim_thb-research.md what
// was and was not found in Eurostat's documentation. Pure.
import { SEXES, type Sex } from '@/lib/enums';
import type { Count, Lookup } from '@/lib/statistics/figures';
import {
  AGE_GROUPS,
  CITIZENSHIP_GROUPS,
  THB_STATUSES,
  thbMeasure,
  type AgeGroup,
  type CitizenshipGroup,
} from './measures';

/** Where a code was taken from (the brief's digest of Eurostat's crim_thb metadata, or Eurostat's code lists of other datasets). */
const SOURCES = {
  brief:
    "../shared/reference/comparable-statistics.md: codes as Eurostat publishes them in its crime datasets (from Eurostat's crim_thb reference metadata, https://ec.europa.eu/eurostat/cache/metadata/en/crim_thb_esms.htm, metadata of 24 January 2024)",
  citizen:
    "Eurostat's citizen code list (NAT 'Reporting country', EU27_2020_FOR 'EU27 countries (from 2020) except reporting country', NEU27_2020_FOR 'Non-EU27 countries (from 2020) nor reporting country', UNK, TOTAL), as in migr_pop1ctz and lfsa_argan; docs/eurostat-crim_thb-research.md",
  age: "Eurostat's age code list: Y_GE18 and TOTAL as in ilc_peps06n and migr_pop1ctz; Y_LT18 and UNK follow the list's pattern (Y_LT5, Y_GE85 …) and were not seen in a crim_thb file: docs/eurostat-crim_thb-research.md, open question 4",
} as const;

/** The code lists used, with their source; looked up on 2026-12-04 (docs/eurostat-crim_thb-research.md). */
export const EUROSTAT_CODE_LISTS = {
  retrieved: '2026-12-04',
  freq: { codes: { A: 'Annual' }, source: SOURCES.brief },
  unit: { codes: { NR: 'Number' }, source: SOURCES.brief },
  leg_stat: {
    codes: {
      PER_VICT: 'Victims',
      PER_SUSP: 'Suspected persons',
      PER_PRSC: 'Prosecuted persons',
      PER_CNV: 'Convicted persons',
    },
    source: SOURCES.brief,
  },
  sex: { codes: { F: 'Females', M: 'Males', UNK: 'Unknown', T: 'Total' }, source: SOURCES.brief },
  citizen: {
    codes: {
      NAT: 'Reporting country',
      EU27_2020_FOR: 'EU27 countries (from 2020) except reporting country',
      NEU27_2020_FOR: 'Non-EU27 countries (from 2020) nor reporting country',
      UNK: 'Unknown',
      TOTAL: 'Total',
    },
    source: SOURCES.citizen,
  },
  age: {
    codes: { Y_LT18: 'Less than 18 years', Y_GE18: '18 years or over', UNK: 'Unknown', TOTAL: 'Total' },
    source: SOURCES.age,
  },
  geo: { codes: { SE: 'Sweden' }, source: SOURCES.brief },
  OBS_FLAG: { codes: { c: 'confidential' }, source: SOURCES.brief },
} as const;

type CodeOf<D extends keyof typeof EUROSTAT_CODE_LISTS> = (typeof EUROSTAT_CODE_LISTS)[D] extends { codes: infer C }
  ? keyof C & string
  : never;

/** The register's sex 'other' has no code of its own: such a person is in the total only. */
const SEX: Partial<Record<Sex, CodeOf<'sex'>>> = { woman: 'F', man: 'M', unknown: 'UNK' };
const CITIZEN: Record<CitizenshipGroup, CodeOf<'citizen'>> = {
  swedish: 'NAT',
  other_eu: 'EU27_2020_FOR',
  non_eu: 'NEU27_2020_FOR',
  unknown: 'UNK',
};
const AGE: Record<AgeGroup, CodeOf<'age'>> = { child: 'Y_LT18', adult: 'Y_GE18', unknown: 'UNK' };
const LEG_STAT = {
  victims: 'PER_VICT',
  suspected: 'PER_SUSP',
  prosecuted: 'PER_PRSC',
  convicted: 'PER_CNV',
} as const satisfies Record<'victims' | (typeof THB_STATUSES)[number], CodeOf<'leg_stat'>>;

export type EurostatObservation = {
  leg_stat: CodeOf<'leg_stat'>;
  sex: CodeOf<'sex'>;
  citizen: CodeOf<'citizen'>;
  age: CodeOf<'age'>;
  year: number;
  count: Count;
};

/**
 * One year's observations: every legal status by sex; the victims also by citizenship and by
 * age (each with the other dimensions at TOTAL; the victims' total once).
 */
export function eurostatObservations(year: number, get: Lookup): EurostatObservation[] {
  const obs = (
    leg_stat: CodeOf<'leg_stat'>,
    measure: string,
    dims: Partial<Pick<EurostatObservation, 'sex' | 'citizen' | 'age'>> = {},
  ): EurostatObservation => ({
    leg_stat,
    sex: 'T',
    citizen: 'TOTAL',
    age: 'TOTAL',
    ...dims,
    year,
    count: get(measure),
  });
  const bySex = (who: 'victims' | (typeof THB_STATUSES)[number]) => [
    ...SEXES.flatMap((s) => (SEX[s] ? [obs(LEG_STAT[who], thbMeasure(who, `sex_${s}`), { sex: SEX[s] })] : [])),
    obs(LEG_STAT[who], thbMeasure(who)),
  ];
  return [
    ...bySex('victims'),
    ...CITIZENSHIP_GROUPS.map((c) => obs('PER_VICT', thbMeasure('victims', `cit_${c}`), { citizen: CITIZEN[c] })),
    ...AGE_GROUPS.map((a) => obs('PER_VICT', thbMeasure('victims', `age_${a}`), { age: AGE[a] })),
    ...THB_STATUSES.flatMap(bySex),
  ];
}

/** The SDMX-CSV columns: the dimensions in Eurostat's names, then the time, the value and its flag. */
export const SDMX_COLUMNS = [
  'freq',
  'unit',
  'leg_stat',
  'sex',
  'citizen',
  'age',
  'geo',
  'TIME_PERIOD',
  'OBS_VALUE',
  'OBS_FLAG',
] as const;

/**
 * SDMX-CSV as Eurostat's downloads have it: comma-separated, a header of the column names, one
 * observation a line; a confidential value (hidden, or shown only as an interval) is empty with
 * the flag c. No quoting is needed: no code contains a comma.
 */
export function sdmxCsv(observations: readonly EurostatObservation[]): string {
  const lines = observations.map((o) => {
    const value = o.count.suppressed || o.count.value === null ? '' : String(o.count.value);
    return ['A', 'NR', o.leg_stat, o.sex, o.citizen, o.age, 'SE', String(o.year), value, value === '' ? 'c' : ''].join(
      ',',
    );
  });
  return `${[SDMX_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
