import 'server-only';
import { sql } from 'drizzle-orm';
import { SEXES } from '../../lib/enums';
import { rowsOf } from '../rows';
import type { Db, Tx } from '../types';
import { ROLLUP_COLUMNS } from './measures';

// The yardstick of decisions 005, 014 and 016: every rollup row equals a GROUP BY over the
// register's own rows, computed here without the triggers' SQL. Used by the tests after random
// writes and by `npm run bench:writers` after concurrent writers. Outside a transaction nothing
// may be pending. A full scan of the register: seconds at a million cases.

const MASK = (caseId: string) =>
  `coalesce((select bit_or(1 << (array_position(enum_range(null::offence), o.offence) - 1)) from case_offences o where o.case_id = ${caseId}), 0)`;

const PERIODS = [
  { suffix: 'days', column: 'day', of: (d: string) => d },
  { suffix: 'months', column: 'month', of: (d: string) => `date_trunc('month', ${d})::date` },
  { suffix: 'years', column: 'year', of: (d: string) => `date_trunc('year', ${d})::date` },
] as const;

/** The case rollup columns compared: the counts, the parties, the funnel and two categories. */
const CASE_COLUMNS = [
  'cases',
  'victims',
  'perpetrators',
  'reached_investigation',
  'reached_prosecuted',
  'reached_convicted',
  'crime_yes',
  'body_police',
] as const;
if (!CASE_COLUMNS.every((c) => ROLLUP_COLUMNS.includes(c))) throw new Error('rollup-check: unknown rollup column');

const reached = (step: string) =>
  `count(*) filter (where exists (select 1 from case_status_events e where e.case_id = c.id and e.status = '${step}'))::int`;

function caseDifferenceSql(table: string, column: string, period: string): string {
  return `with raw as (
    select c.county_code, ${period} as d, ${MASK('c.id')} as mask,
      count(*)::int as cases,
      coalesce(sum((select count(*) from case_parties p where p.case_id = c.id and p.role = 'victim')), 0)::int as victims,
      coalesce(sum((select count(*) from case_parties p where p.case_id = c.id and p.role = 'perpetrator')), 0)::int as perpetrators,
      ${reached('investigation')} as reached_investigation,
      ${reached('prosecuted')} as reached_prosecuted,
      ${reached('convicted')} as reached_convicted,
      count(*) filter (where c.crime_established = 'yes')::int as crime_yes,
      count(*) filter (where c.reporting_body = 'police')::int as body_police
    from cases c where c.deleted_at is null group by 1, 2, 3
  ),
  rolled as (select county_code, ${column} as d, offence_mask::int as mask, ${CASE_COLUMNS.join(', ')} from ${table})
  select count(*)::int as n from ((select * from raw except select * from rolled) union all (select * from rolled except select * from raw)) x`;
}

function personDifferenceSql(table: string, column: string, of: (d: string) => string): string {
  const sexes = SEXES.map((x) => `sex_${x}`).join(', ');
  return `with person as (
    select c.county_code, ${of('c.reported_on')} as d, 'suspected' as status, ${MASK('c.id')} as mask, p.sex
    from case_parties p join cases c on c.id = p.case_id
    where c.deleted_at is null and p.role = 'perpetrator'
    union all
    select c.county_code, ${of('s.occurred_on')}, s.step::text,
      coalesce((select bit_or(1 << (array_position(enum_range(null::offence), so.offence) - 1)) from perpetrator_step_offences so where so.step_id = s.id), ${MASK('c.id')}),
      p.sex
    from perpetrator_steps s join case_parties p on p.id = s.party_id join cases c on c.id = s.case_id
    where c.deleted_at is null
  ),
  raw as (
    select county_code, d, status, mask, count(*)::int as persons,
      ${SEXES.map((x) => `count(*) filter (where sex = '${x}')::int as sex_${x}`).join(', ')}
    from person group by 1, 2, 3, 4
  ),
  rolled as (select county_code, ${column} as d, status::text, offence_mask::int as mask, persons, ${sexes} from ${table})
  select count(*)::int as n from ((select * from raw except select * from rolled) union all (select * from rolled except select * from raw)) x`;
}

/** The median histogram of the cases (decision 018): days to each funnel step from the step before, from the status events. */
const CASE_STEPS_SQL = `with e as (
    select c.county_code, date_trunc('year', c.reported_on)::date as year, c.reported_on,
      (select x.occurred_on from case_status_events x where x.case_id = c.id and x.status = 'investigation') as inv,
      (select x.occurred_on from case_status_events x where x.case_id = c.id and x.status = 'prosecuted') as pro,
      (select x.occurred_on from case_status_events x where x.case_id = c.id and x.status = 'convicted') as con
    from cases c where c.deleted_at is null
  ),
  raw as (
    select county_code, year, step, days, count(*)::int as n
    from e cross join lateral (values ('investigation', inv - reported_on), ('prosecuted', pro - coalesce(inv, reported_on)),
      ('convicted', con - coalesce(pro, inv, reported_on))) as s(step, days)
    where days is not null group by 1, 2, 3, 4
  ),
  rolled as (select county_code, year, step::text, days, cases from stat_case_step_years)
  select count(*)::int as n from ((select * from raw except select * from rolled) union all (select * from rolled except select * from raw)) x`;

/** The persons' (decision 018): days of each step from the person's step before (the report for a first step). */
const PERSON_STEPS_SQL = `with raw as (
    select c.county_code, date_trunc('year', s.occurred_on)::date as year, s.step::text as status,
      s.occurred_on - case
        when s.step in ('convicted', 'acquitted') then coalesce(
          (select min(x.occurred_on) from perpetrator_steps x where x.party_id = s.party_id and x.step = 'prosecuted'), c.reported_on)
        when s.step in ('convicted_on_appeal', 'acquitted_on_appeal') then coalesce(
          (select min(x.occurred_on) from perpetrator_steps x where x.party_id = s.party_id and x.step in ('convicted', 'acquitted')),
          (select min(x.occurred_on) from perpetrator_steps x where x.party_id = s.party_id and x.step = 'prosecuted'), c.reported_on)
        else c.reported_on end as days,
      1 as n
    from perpetrator_steps s join cases c on c.id = s.case_id where c.deleted_at is null
  ),
  grouped as (select county_code, year, status, days, sum(n)::int as n from raw group by 1, 2, 3, 4),
  rolled as (select county_code, year, status::text, days, persons from stat_person_step_years)
  select count(*)::int as n from ((select * from grouped except select * from rolled) union all (select * from rolled except select * from grouped)) x`;

async function countOf(db: Db | Tx, statement: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(statement)));
  return row!.n;
}

export type RollupDifferences = Record<string, number>;

/** Rows of each rollup table that differ from a GROUP BY over the rows (0 everywhere when right). */
export async function caseRollupDifferences(db: Db | Tx): Promise<RollupDifferences> {
  const out: RollupDifferences = {};
  for (const p of PERIODS) {
    const table = `stat_case_${p.suffix}`;
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql.raw(caseDifferenceSql(table, p.column, p.of('c.reported_on')))),
    );
    out[table] = row!.n;
  }
  out.stat_case_step_years = await countOf(db, CASE_STEPS_SQL);
  return out;
}

/** The same for the person rollups (decision 014), and the rows still pending (0 outside a transaction). */
export async function personRollupDifferences(db: Db | Tx): Promise<RollupDifferences> {
  const out: RollupDifferences = {};
  for (const p of PERIODS) {
    const table = `stat_person_${p.suffix}`;
    const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(personDifferenceSql(table, p.column, p.of))));
    out[table] = row!.n;
  }
  out.stat_person_step_years = await countOf(db, PERSON_STEPS_SQL);
  out.stat_person_pending = await countOf(db, 'select count(*)::int as n from stat_person_pending');
  return out;
}

/** Both, and the cases still waiting for the commit-time refresh: all 0 when the figures are right. */
export async function rollupDifferences(db: Db | Tx): Promise<RollupDifferences> {
  const [pending] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from stat_case_pending`));
  return {
    ...(await caseRollupDifferences(db)),
    ...(await personRollupDifferences(db)),
    stat_case_pending: pending!.n,
  };
}
