import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { splitByMonths, type Period } from '@/lib/periods';
import { FUNNEL_STEPS, PERSON_STATUSES, type FunnelStep, type PersonStatus } from './measures';
import { countyCondition, query, type Counties } from './rollups';

// The medians of the dashboards and the releases (decision 018): the days to each funnel step of
// the cases reported in a period, and the days of each perpetrator's status from their step before
// in the period of the step. Whole months are read from the median histograms (how many took how
// many days), the days at either end of the period from the facts; the median is then taken from
// the cumulative counts, in the database, for every period asked in one query.

export type Medians = Record<FunnelStep, number | null>;
export type PersonMedians = Record<PersonStatus, number | null>;
export type BothMedians = { steps: Medians; persons: PersonMedians };

const within = (column: string, ranges: readonly [string, string][]) =>
  ranges.length === 0
    ? sql`false`
    : sql.join(
        ranges.map(([a, b]) => sql`${sql.raw(column)} between ${a}::date and ${b}::date`),
        sql` or `,
      );

const CASE_STEP_DAYS = sql.raw(
  `cross join lateral (values ${FUNNEL_STEPS.map((s) => `('${s}', f.${s}_days)`).join(', ')}) as s(step, days)`,
);

/**
 * Every status but 'suspected' (which has no days), as a list: the indexes lead with the status
 * after the month or day, and an equality per status is a range scan each.
 */
const LATER_STATUSES = sql.join(
  PERSON_STATUSES.filter((s) => s !== 'suspected').map((s) => sql`${s}::person_status`),
  sql`, `,
);

/**
 * The (k, days, n) rows of one period: k 'case:<step>' or 'person:<status>'. A filter by offence
 * reads the facts alone (the histograms hold no offence combination).
 */
function histogramRows(label: number, period: Period, counties: Counties, mask: number | null): SQL {
  const split = mask ? { months: null, days: [[period.from, period.to] as [string, string]] } : splitByMonths(period);
  const masked = mask ? sql` and f.offence_mask & ${mask} <> 0` : sql``;
  const cc = countyCondition('f.county_code', counties);
  const p = sql.raw(String(label));
  const parts: SQL[] = [
    sql`select ${p} as p, 'case:' || s.step as k, s.days, 1 as n from stat_case_facts f ${CASE_STEP_DAYS}
        where (${within('f.reported_on', split.days)})${cc}${masked} and s.days is not null`,
    sql`select ${p}, 'person:' || f.status::text, f.days, 1 from stat_person_facts f
        where f.status in (${LATER_STATUSES}) and (${within('f.occurred_on', split.days)})${cc}${masked}`,
  ];
  if (split.months) {
    const [a, b] = split.months;
    parts.push(
      sql`select ${p}, 'case:' || f.step::text, f.days, f.cases from stat_case_step_months f
          where f.month between ${a}::date and ${b}::date${cc}`,
      sql`select ${p}, 'person:' || f.status::text, f.days, f.persons from stat_person_step_months f
          where f.month between ${a}::date and ${b}::date and f.status in (${LATER_STATUSES})${cc}`,
    );
  }
  return sql.join(parts, sql` union all `);
}

/**
 * The medians of each period, over the counties (and the cases with any of the offences of
 * `mask`): the mean of the middle two values of an even count, as percentile_cont(0.5) has it.
 */
export async function loadMedians<P extends readonly Period[]>(
  db: Db,
  periods: P,
  counties: Counties,
  mask: number | null,
): Promise<{ [K in keyof P]: BothMedians }> {
  const rows = await query<{ p: number; k: string; median: number | string | null }>(
    db,
    sql`with h as (
          select p, k, days, sum(n)::int as n from (${sql.join(
            periods.map((period, i) => histogramRows(i, period, counties, mask)),
            sql` union all `,
          )}) x group by 1, 2, 3
        ), c as (
          select p, k, days, sum(n) over (partition by p, k order by days) as cum, sum(n) over (partition by p, k) as total from h
        )
        select p, k, (min(days) filter (where cum > (total - 1) / 2) + min(days) filter (where cum > total / 2)) / 2.0 as median
        from c group by p, k`,
  );
  const out = periods.map((): BothMedians => ({
    steps: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, null])) as Medians,
    persons: Object.fromEntries(PERSON_STATUSES.map((s) => [s, null])) as PersonMedians,
  }));
  for (const r of rows) {
    const target = out[Number(r.p)]!;
    const [kind, key] = r.k.split(':') as ['case' | 'person', string];
    const value = r.median === null ? null : Number(r.median);
    if (kind === 'case') target.steps[key as FunnelStep] = value;
    else target.persons[key as PersonStatus] = value;
  }
  return out as { [K in keyof P]: BothMedians };
}
