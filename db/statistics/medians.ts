import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { addDays, splitByYears, type Period } from '@/lib/periods';
import { FUNNEL_STEPS, PERSON_STATUSES, type FunnelStep, type PersonStatus } from './measures';
import { countyCondition, query, within, type Counties } from './rollups';

// The medians of the dashboards and the releases (decision 018): the days to each funnel step of
// the cases reported in a period, and the days of each perpetrator's status from their step before
// in the period of the step. Whole calendar years are read from the median histograms (how many
// took how many days), the days around them from the facts; the median is then taken from the
// cumulative counts, in the database: one query per period and kind, all at once.

export type Medians = Record<FunnelStep, number | null>;
export type PersonMedians = Record<PersonStatus, number | null>;
export type BothMedians = { steps: Medians; persons: PersonMedians };

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

type Kind = 'case' | 'person';

/** The days outside the whole calendar years of a period (all of it when filtered by offence): read from the facts. */
function splitOf(period: Period, mask: number | null): { years: [string, string] | null; edges: [string, string][] } {
  const years = mask ? null : splitByYears(period).years;
  if (!years) return { years: null, edges: [[period.from, period.to]] };
  const [first, last] = years;
  const end = `${last.slice(0, 4)}-12-31`;
  const edges: [string, string][] = [];
  if (period.from < first) edges.push([period.from, addDays(first, -1)]);
  if (end < period.to) edges.push([addDays(end, 1), period.to]);
  return { years, edges };
}

/**
 * The (k, days, n) rows of a period: k the case step or the person's status (enums: grouped and
 * sorted as integers). A filter by offence reads the facts alone (the histograms hold no offence
 * combination).
 */
function histogramRows(kind: Kind, period: Period, counties: Counties, mask: number | null): SQL {
  const { years, edges } = splitOf(period, mask);
  const masked = mask ? sql` and f.offence_mask & ${mask} <> 0` : sql``;
  const cc = countyCondition('f.county_code', counties);
  const parts: SQL[] = [];
  if (edges.length > 0)
    parts.push(
      kind === 'case'
        ? sql`select s.step::case_status as k, s.days as days, 1 as n from stat_case_facts f ${CASE_STEP_DAYS}
              where (${within('f.reported_on', edges)})${cc}${masked} and s.days is not null`
        : sql`select f.status as k, f.days as days, 1 as n from stat_person_facts f
              where f.status in (${LATER_STATUSES}) and (${within('f.occurred_on', edges)})${cc}${masked}`,
    );
  if (years)
    parts.push(
      kind === 'case'
        ? sql`select f.step as k, f.days as days, f.cases as n from stat_case_step_years f
              where f.year between ${years[0]}::date and ${years[1]}::date${cc}`
        : sql`select f.status as k, f.days as days, f.persons as n from stat_person_step_years f
              where f.year between ${years[0]}::date and ${years[1]}::date and f.status in (${LATER_STATUSES})${cc}`,
    );
  return sql.join(parts, sql` union all `);
}

/** The medians of one kind and period: the mean of the middle two values of an even count, as percentile_cont(0.5) has it. */
async function mediansOf(
  db: Db,
  kind: Kind,
  period: Period,
  counties: Counties,
  mask: number | null,
): Promise<Map<string, number | null>> {
  const rows = await query<{ k: string; median: number | string | null }>(
    db,
    sql`with h as (
          select k, days, sum(n)::int as n from (${histogramRows(kind, period, counties, mask)}) x group by 1, 2
        ), c as (
          select k, days, sum(n) over (partition by k order by days) as cum, sum(n) over (partition by k) as total from h
        )
        select k::text as k, (min(days) filter (where cum > (total - 1) / 2) + min(days) filter (where cum > total / 2)) / 2.0 as median
        from c group by k`,
  );
  return new Map(rows.map((r) => [r.k, r.median === null ? null : Number(r.median)]));
}

/**
 * The medians of each period, over the counties (and the cases with any of the offences of
 * `mask`): one query per period and kind, all at once.
 */
export async function loadMedians<P extends readonly Period[]>(
  db: Db,
  periods: P,
  counties: Counties,
  mask: number | null,
): Promise<{ [K in keyof P]: BothMedians }> {
  const both = await Promise.all(
    periods.map((period) =>
      Promise.all([mediansOf(db, 'case', period, counties, mask), mediansOf(db, 'person', period, counties, mask)]),
    ),
  );
  const out = both.map(([steps, persons]): BothMedians => ({
    steps: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, steps.get(s) ?? null])) as Medians,
    persons: Object.fromEntries(PERSON_STATUSES.map((s) => [s, persons.get(s) ?? null])) as PersonMedians,
  }));
  return out as { [K in keyof P]: BothMedians };
}
