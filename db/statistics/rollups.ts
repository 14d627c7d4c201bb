import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { splitByMonths, splitByYears, type Granularity, type Period } from '@/lib/periods';
import { emptyScopeSums, type ScopeSums } from './cube';
import { ROLLUP_COLUMNS, type RollupSums } from './measures';
import { preparedRowsOf } from '@/db/rows';

// What the figures are made of, read live (decision 005): the case rollups (stat_case_days,
// stat_case_months, stat_case_years, stat_case_facts), trainings and coordination, per county.

/** The counties read: all, or a list (empty: none). */
export type Counties = readonly string[] | 'all';
export type CountySums = Map<string, ScopeSums>;

/** The statistics' reads: prepared statements the connection keeps (their texts take values as parameters). */
export function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return preparedRowsOf<T>(db, statement);
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export function countyCondition(column: string, counties: Counties): SQL {
  if (counties === 'all') return sql``;
  if (counties.length === 0) return sql` and false`;
  return sql` and ${sql.raw(column)} in (${list(counties)})`;
}

function maskCondition(mask: number | null): SQL {
  return mask ? sql` and offence_mask & ${mask} <> 0` : sql``;
}

/** A date column within any of some ranges of days (each [first, last]). */
export function within(column: string, ranges: readonly [string, string][]): SQL {
  return sql.join(
    ranges.map(([a, b]) => sql`${sql.raw(column)} between ${a}::date and ${b}::date`),
    sql` or `,
  );
}

/** The tables of one rollup at its three grains, each keyed by county, period start and offence combination. */
export type RollupTables = { years: string; months: string; days: string };

/**
 * The rows of a period from a rollup: whole years from the yearly table (unless the rows are
 * bucketed finer than years), whole months around them from the monthly one, the days at either
 * end from the daily one. Each row: `columns`, then its period start as d.
 */
export function periodRows(
  period: { from: string; to: string },
  tables: RollupTables,
  columns: SQL,
  filter: SQL,
  finest: 'year' | 'month',
): SQL {
  const split = finest === 'year' ? splitByYears(period) : monthsOnly(period);
  const parts: SQL[] = [];
  if (split.years)
    parts.push(
      sql`select ${columns}, year as d from ${sql.raw(tables.years)} where (${within('year', [split.years])})${filter}`,
    );
  if (split.months.length > 0)
    parts.push(
      sql`select ${columns}, month as d from ${sql.raw(tables.months)} where (${within('month', split.months)})${filter}`,
    );
  if (split.days.length > 0)
    parts.push(
      sql`select ${columns}, day as d from ${sql.raw(tables.days)} where (${within('day', split.days)})${filter}`,
    );
  return sql.join(parts, sql` union all `);
}

function monthsOnly(period: { from: string; to: string }): ReturnType<typeof splitByYears> {
  const { months, days } = splitByMonths(period);
  return { years: null, months: months ? [months] : [], days };
}

const CASE_ROLLUPS: RollupTables = { years: 'stat_case_years', months: 'stat_case_months', days: 'stat_case_days' };

/** The case rollup rows of a period (county_code, offence_mask, the columns, d). */
function rollupSource(
  period: { from: string; to: string },
  counties: Counties,
  mask: number | null,
  columns: readonly string[],
  finest: 'year' | 'month' = 'year',
): SQL {
  return periodRows(
    period,
    CASE_ROLLUPS,
    sql.raw(['county_code', 'offence_mask', ...columns].join(', ')),
    sql`${countyCondition('county_code', counties)}${maskCondition(mask)}`,
    finest,
  );
}

const sumColumns = (columns: readonly string[]) => sql.raw(columns.map((c) => `sum(${c})::int as ${c}`).join(', '));

type CaseRow = Record<string, number | string>;
/** The sums of a year (0 for a period read as one) and county, or null when the year is not wanted. */
type Sink = (year: number, county: string) => ScopeSums | null;

function addCaseRows(sink: Sink, rows: readonly CaseRow[]): void {
  for (const row of rows) {
    const target = sink(Number(row.y ?? 0), String(row.county_code));
    if (!target) continue;
    const sums: RollupSums = {};
    for (const c of ROLLUP_COLUMNS) sums[c] = Number(row[c] ?? 0);
    target.byMask.set(Number(row.offence_mask), sums);
  }
}

/**
 * Everything additive per county for a period: case rollups per offence combination, trainings,
 * meetings and action items. `counties` limits the counties read; `columns` the rollup columns
 * (the others read as 0: a page that shows four figures need not parse a hundred).
 */
export async function loadCountySums(
  db: Db,
  period: Period,
  counties: Counties,
  mask: number | null,
  today: string,
  columns: readonly string[] = ROLLUP_COLUMNS,
): Promise<CountySums> {
  const source = rollupSource(period, counties, mask, columns);
  const [caseRows, extras] = await Promise.all([
    query<CaseRow>(db, sql`select county_code, offence_mask, ${sumColumns(columns)} from (${source}) r group by 1, 2`),
    loadExtras(db, period, counties, today, false),
  ]);
  const out: CountySums = new Map();
  const sink: Sink = (_, code) => {
    let s = out.get(code);
    if (!s) out.set(code, (s = emptyScopeSums()));
    return s;
  };
  addCaseRows(sink, caseRows);
  addExtras(sink, extras, [0]);
  return out;
}

/**
 * The same per calendar year, for several years in one set of queries (the suppressed views
 * need a whole cube per year of their trend).
 */
export async function loadCountySumsByYear(
  db: Db,
  years: readonly number[],
  today: string,
): Promise<Map<number, CountySums>> {
  const range = { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
  const yearOfRow = sql`extract(year from year)::int`;
  const [caseRows, extras] = await Promise.all([
    query<CaseRow>(
      db,
      sql`select ${yearOfRow} as y, county_code, offence_mask, ${sumColumns(ROLLUP_COLUMNS)} from stat_case_years where year between ${range.from}::date and ${range.to}::date group by 1, 2, 3`,
    ),
    loadExtras(db, range, 'all', today, true),
  ]);
  const out = new Map<number, CountySums>(years.map((y) => [y, new Map()]));
  const sink: Sink = (year, code) => {
    const byCounty = out.get(year);
    if (!byCounty) return null;
    let s = byCounty.get(code);
    if (!s) byCounty.set(code, (s = emptyScopeSums()));
    return s;
  };
  addCaseRows(sink, caseRows);
  addExtras(sink, extras, years);
  return out;
}

/** A figure not about cases, per county: y its calendar year (0 for a period read as one; null: every year). */
type ExtraRow = { y: number | null; county_code: string; k: string; n: number };

/**
 * Trainings and coordination per county (additive), per calendar year when `yearly` (else y is 0),
 * in one query. Action items are as of today, whatever the period.
 */
function loadExtras(
  db: Db,
  range: { from: string; to: string },
  counties: Counties,
  today: string,
  yearly: boolean,
): Promise<ExtraRow[]> {
  const { from, to } = range;
  const tc = countyCondition('t.county_code', counties);
  const gc = countyCondition('g.county_code', counties);
  const trainingYear = yearly ? sql`extract(year from t.starts_on)::int` : sql.raw('0');
  const meetingYear = yearly
    ? sql`extract(year from (m.starts_at at time zone 'Europe/Stockholm'))::int`
    : sql.raw('0');
  const inTrainings = sql`t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date${tc}`;
  // Meetings on the period's days in Sweden, as a range of starts_at (meetings_starts_idx).
  const inMeetings = sql`m.deleted_at is null and g.deleted_at is null and m.starts_at >= (${from}::date::timestamp at time zone 'Europe/Stockholm') and m.starts_at < ((${to}::date + 1)::timestamp at time zone 'Europe/Stockholm')${gc}`;
  return query<ExtraRow>(
    db,
    sql`select ${trainingYear} as y, t.county_code, 'trainings' as k, count(*)::int as n from trainings t where ${inTrainings} group by 1, 2
        union all
        select ${trainingYear}, t.county_code, 'participants_' || tp.audience::text, sum(tp.participants)::int
          from trainings t join training_participants tp on tp.training_id = t.id where ${inTrainings} group by 1, 2, 3
        union all
        select ${trainingYear}, t.county_code, 'theme_' || th.theme::text, sum(tp.participants)::int
          from trainings t cross join lateral unnest(t.themes) as th(theme) join training_participants tp on tp.training_id = t.id
          where ${inTrainings} group by 1, 2, 3
        union all
        select ${meetingYear}, g.county_code, 'meetings', count(*)::int from meetings m join coordination_groups g on g.id = m.group_id
          where ${inMeetings} group by 1, 2
        union all
        select ${meetingYear}, g.county_code, 'organisations', count(distinct a.member_id)::int
          from meeting_attendance a join meetings m on m.id = a.meeting_id join coordination_groups g on g.id = m.group_id
          where ${inMeetings} group by 1, 2
        union all
        select null, g.county_code, x.k, x.n from (
          select g.county_code, count(*)::int as open, count(*) filter (where i.due_on < ${today}::date)::int as overdue
          from action_items i join meetings m on m.id = i.raised_meeting_id and m.deleted_at is null join coordination_groups g on g.id = i.group_id and g.deleted_at is null
          where i.status in ('open', 'in_progress')${gc} group by 1
        ) g cross join lateral (values ('action_open', g.open), ('action_overdue', g.overdue)) as x(k, n)`,
  );
}

/** The extras into each wanted year's sums (a training's participants also into their total); the open action items (as of today) into every year. */
function addExtras(sink: Sink, extras: readonly ExtraRow[], years: readonly number[]): void {
  const add = (y: number, code: string, key: string, n: number) => {
    const target = sink(y, code);
    if (target) target.extra[key] = (target.extra[key] ?? 0) + Number(n);
  };
  for (const r of extras)
    for (const y of r.y === null ? years : [Number(r.y)]) {
      add(y, r.county_code, r.k, r.n);
      if (r.k.startsWith('participants_')) add(y, r.county_code, 'participants', r.n);
    }
}

/** Counties with a county coordination group active at some point of the period. */
export async function loadActiveGroups(db: Db, period: Period): Promise<Set<string>> {
  const rows = await query<{ county_code: string }>(
    db,
    sql`select distinct g.county_code from coordination_groups g
        where g.deleted_at is null and g.kind = 'county' and g.active_from <= ${period.to}::date and (g.active_to is null or g.active_to >= ${period.from}::date)`,
  );
  return new Set(rows.map((r) => r.county_code));
}

/** Cases per step of the trend (full viewers). */
export async function loadTrend(
  db: Db,
  period: Period,
  counties: Counties,
  mask: number | null,
  granularity: Granularity,
): Promise<Map<string, number>> {
  const rows = await query<{ bucket: string | Date; n: number }>(
    db,
    sql`select to_char(date_trunc(${granularity}, d::timestamp), 'YYYY-MM-DD') as bucket, sum(cases)::int as n
        from (${rollupSource(period, counties, mask, ['cases'], granularity === 'year' ? 'year' : 'month')}) r group by 1 order by 1`,
  );
  return new Map(rows.map((r) => [String(r.bucket), Number(r.n)]));
}

/** The years a period can be chosen from: the first year with cases (or ten years back) to next year. */
export async function statisticsYears(today: string): Promise<number[]> {
  const db = await getDb();
  const [row] = await query<{ first: string | null }>(
    db,
    sql`select to_char(min(month), 'YYYY') as first from stat_case_months`,
  );
  const thisYear = Number(today.slice(0, 4));
  const first = Math.min(Number(row?.first ?? thisYear - 10), thisYear - 10);
  return Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i);
}
