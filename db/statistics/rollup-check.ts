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
  const [pending] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from stat_person_pending`));
  out.stat_person_pending = pending!.n;
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
