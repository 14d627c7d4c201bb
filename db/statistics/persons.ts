import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { OFFENCES, SEXES } from '@/lib/enums';
import type { Period } from '@/lib/periods';
import {
  offenceBit,
  PERSON_COLUMNS,
  PERSON_STATUSES,
  personMeasure,
  thbMeasure,
  TRAFFICKING_MASK,
  type PersonStatus,
  type ThbStatus,
} from './measures';
import { countyCondition, periodRows, query, type Counties, type RollupTables } from './rollups';

// Persons by legal status (decision 014), read from the person rollups: each perpetrator once per
// case, in the period of each step (suspected: of the report). They join a scope's sums as extra
// figures (ScopeSums.extra), so the suppressed views protect them in the same cube as the cases.

export type PersonRow = { y: number; county_code: string; status: PersonStatus; offence_mask: number } & Record<
  string,
  number | string
>;

const sums = sql.raw(PERSON_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(', '));
const maskCondition = (mask: number | null) => (mask ? sql` and offence_mask & ${mask} <> 0` : sql``);

const PERSON_ROLLUPS: RollupTables = {
  years: 'stat_person_years',
  months: 'stat_person_months',
  days: 'stat_person_days',
};

/** The person sums of a period per county, status and offence combination (whole years, months, then the days at the edges). */
export function loadPersonRows(db: Db, period: Period, counties: Counties, mask: number | null): Promise<PersonRow[]> {
  const filter = sql`${countyCondition('county_code', counties)}${maskCondition(mask)}`;
  const cols = sql.raw(['county_code', 'status', 'offence_mask', ...PERSON_COLUMNS].join(', '));
  return query<PersonRow>(
    db,
    sql`select 0 as y, county_code, status::text as status, offence_mask, ${sums} from (${periodRows(period, PERSON_ROLLUPS, cols, filter, 'year')}) r group by 2, 3, 4`,
  );
}

/** The same per calendar year of the step, for the suppressed cubes. */
export function loadPersonRowsByYear(db: Db, range: { from: string; to: string }): Promise<PersonRow[]> {
  return query<PersonRow>(
    db,
    sql`select extract(year from year)::int as y, county_code, status::text as status, offence_mask, ${sums}
        from stat_person_years where year between ${range.from}::date and ${range.to}::date group by 1, 2, 3, 4`,
  );
}

const comboMeasure = (status: PersonStatus, mask: number) => `aux_persons_${status}_combo_${mask}`;

/**
 * A row's figures by name: the persons of the status, by sex and by offence (a person whose step
 * names two offences counts under each), and, never published, per offence combination (the
 * relation that ties the offences to the total, as combo_<mask> does for the cases).
 */
export function personFiguresOf(row: PersonRow): [string, number][] {
  const status = row.status;
  const n = Number(row.persons);
  const mask = Number(row.offence_mask);
  return [
    [personMeasure(status), n],
    ...SEXES.map((s) => [personMeasure(status, `sex_${s}`), Number(row[`sex_${s}`] ?? 0)] as [string, number]),
    ...OFFENCES.filter((o) => mask & offenceBit(o)).map(
      (o) => [personMeasure(status, `offence_${o}`), n] as [string, number],
    ),
    [comboMeasure(status, mask), n],
  ];
}

/**
 * What a reader knows about the person figures of one scope (decision 006's relations): the sexes
 * add up to the status's total, so do the offence combinations, an offence is the combinations that
 * have it, and the suspected are the perpetrators of the cases reported (the same count, by sex too).
 */
export function personRelations(measures: Iterable<string>): { parts: string[]; whole: string }[] {
  const combos = new Map<PersonStatus, number[]>();
  for (const m of measures) {
    const match = /^aux_persons_([a-z_]+)_combo_(\d+)$/.exec(m);
    if (match)
      (
        combos.get(match[1] as PersonStatus) ?? combos.set(match[1] as PersonStatus, []).get(match[1] as PersonStatus)!
      ).push(Number(match[2]));
  }
  const out: { parts: string[]; whole: string }[] = [];
  for (const status of PERSON_STATUSES) {
    out.push({ parts: SEXES.map((s) => personMeasure(status, `sex_${s}`)), whole: personMeasure(status) });
    const masks = combos.get(status) ?? [];
    out.push({ parts: masks.map((m) => comboMeasure(status, m)), whole: personMeasure(status) });
    for (const o of OFFENCES)
      out.push({
        parts: masks.filter((m) => m & offenceBit(o)).map((m) => comboMeasure(status, m)),
        whole: personMeasure(status, `offence_${o}`),
      });
  }
  out.push({ parts: [personMeasure('suspected')], whole: 'perpetrators' });
  for (const s of SEXES) out.push({ parts: [personMeasure('suspected', `sex_${s}`)], whole: `p_sex_${s}` });
  return out;
}

export type ThbPersonRow = { y: number; county_code: string; status: ThbStatus; sex: string; n: number };

/**
 * crim_thb's perpetrators (issue 15) per calendar year of the step: persons suspected, prosecuted
 * and convicted of trafficking in human beings, each once per case and status, the step naming a
 * trafficking offence (the case's offences for the suspected). Convicted: at first instance, or on
 * appeal after an acquittal (a person convicted at both counts once, at the first). `range`: whole
 * calendar years.
 */
export function loadThbPersonRows(db: Db, range: { from: string; to: string }): Promise<ThbPersonRow[]> {
  const bySex = sql.raw(
    `unnest(array[${SEXES.map((x) => `'${x}'`).join(', ')}]) as sex, unnest(array[${SEXES.map((x) => `sex_${x}`).join(', ')}]) as n`,
  );
  return query<ThbPersonRow>(
    db,
    sql`select y, county_code, status, sex, sum(n)::int as n from (
          -- The yearly person rollups: the steps that name a trafficking offence.
          select extract(year from year)::int as y, county_code, status::text as status, ${bySex}
          from stat_person_years
          where year between ${range.from}::date and ${range.to}::date and status in ('suspected', 'prosecuted', 'convicted')
            and offence_mask & ${TRAFFICKING_MASK} <> 0
          union all
          -- Convictions on appeal after an acquittal (rare): the person's facts.
          select extract(year from f.occurred_on)::int, f.county_code, 'convicted', f.sex::text, 1
          from stat_person_facts f
          where f.status = 'convicted_on_appeal' and f.occurred_on between ${range.from}::date and ${range.to}::date
            and f.offence_mask & ${TRAFFICKING_MASK} <> 0
            and not exists (select 1 from stat_person_facts g where g.party_id = f.party_id and g.status = 'convicted' and g.offence_mask & ${TRAFFICKING_MASK} <> 0)
        ) x where n <> 0 group by 1, 2, 3, 4`,
  );
}

/** A row's figures by name, into a county's extra figures. */
export function thbFiguresOf(row: ThbPersonRow): [string, number][] {
  return [
    [thbMeasure(row.status), Number(row.n)],
    [thbMeasure(row.status, `sex_${row.sex}`), Number(row.n)],
  ];
}
