import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { writeAudit } from '../audit';
import {
  AGE_BANDS,
  COERCION_DEGREES,
  CRIME_ESTABLISHED,
  OFFENCES,
  ORIGIN_REGIONS,
  REPORTING_BODIES,
  SEXES,
  TRAINING_AUDIENCES,
  TRAINING_THEMES,
  type Offence,
} from '../../lib/enums';
import { AppError } from '../../lib/errors';
import { getDb, type Db } from '../index';
import { countyScope, homeCounties, type Actor } from '../../lib/policy';
import { counties as countiesTable, type County } from '../schema';
import {
  buildCube,
  countOf,
  emptyScopeSums,
  addScopeSums,
  measuresOf,
  NATION,
  regionKey,
  scopesOf,
  type Count,
  type Cube,
  type ScopeSums,
} from '../statistics/cube';
import { htcds } from '../statistics/htcds';
import {
  AGE_GROUPS,
  CITIZENSHIP_GROUPS,
  EXPLOITATION_FORMS,
  FUNNEL_STEPS,
  ROLLUP_COLUMNS,
  maskOf,
  offencesOfMask,
  type FunnelStep,
  type RollupSums,
} from '../statistics/measures';
import {
  buckets,
  defaultGranularity,
  previousPeriod,
  splitByMonths,
  yearOf,
  type Granularity,
  type Period,
} from '../../lib/periods';
import { suppressionThreshold } from '../statistics/suppression';

// Figures for the overviews, computed live from the rollups (decision 005) and suppressed for
// viewers outside the county (decision 006). Every function takes the actor and decides first
// what they may see: 'full' figures (their own county, or everything for the national
// coordinator) or 'suppressed' ones (other counties, the analyst) — the admin sees none.

export type { Count };
export type Access = 'full' | 'suppressed';
/** A share, rate, change or median: hidden whenever a count it is built on is hidden. */
export type Ratio = { value: number | null; suppressed: boolean };
export type Figure = { current: Count; previous: Count; change: Ratio };
export type RatioFigure = { current: Ratio; previous: Ratio };
export type CategoryRow = { key: string } & Figure;

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns an array, PGlite an object with rows.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

// ── Who sees what ────────────────────────────────────────────────────────────────────────────

export type StatisticsTarget = { view: 'overview' } | { view: 'dashboard'; county: string | null };

/**
 * 'full' or 'suppressed' figures for the target, or forbidden. County roles see their own county
 * in full and other counties only through the national overview, suppressed; the national
 * coordinator sees everything in full; the analyst everything suppressed; the admin nothing.
 */
export function statisticsAccess(actor: Actor, target: StatisticsTarget): Access {
  const full = countyScope(actor, 'statistics.read');
  const suppressed = countyScope(actor, 'statistics.read_suppressed');
  const national = homeCounties(actor) === 'all';
  if (target.view === 'overview') {
    if (full === 'all') return 'full';
    if (suppressed === 'all' || suppressed.length > 0) return 'suppressed';
  } else if (target.county === null) {
    if (full === 'all') return 'full';
    if (national && suppressed === 'all') return 'suppressed';
  } else {
    if (full === 'all' || full.includes(target.county)) return 'full';
    if (national && (suppressed === 'all' || suppressed.includes(target.county))) return 'suppressed';
  }
  throw new AppError('forbidden', `${actor.role} may not read these statistics`);
}

/** The counties whose figures the viewer knows in full anyway (their own). */
function knownCounties(actor: Actor): string[] {
  const full = countyScope(actor, 'statistics.read');
  return full === 'all' ? [] : [...full];
}

/** Suppressed figures exist for calendar years only: overlapping periods would give small counts away by differencing. */
function assertSuppressedPeriod(period: Period): void {
  if (period.kind !== 'year')
    throw new AppError('invalid', 'period_not_allowed', { message: 'statistics.errors.yearOnly' });
}

// ── Loading ──────────────────────────────────────────────────────────────────────────────────

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function countyCondition(column: string, counties: readonly string[] | 'all'): SQL {
  if (counties === 'all') return sql``;
  if (counties.length === 0) return sql` and false`;
  return sql` and ${sql.raw(column)} in (${list(counties)})`;
}

function maskCondition(mask: number | null): SQL {
  return mask ? sql` and offence_mask & ${mask} <> 0` : sql``;
}

/** The rollup rows of a period: whole months from stat_case_months, the days at either end from stat_case_days. */
function rollupSource(
  period: { from: string; to: string },
  counties: readonly string[] | 'all',
  mask: number | null,
  columns: readonly string[],
): SQL {
  const split = splitByMonths(period);
  const cols = sql.raw(columns.join(', '));
  const parts: SQL[] = [];
  const filter = sql`${countyCondition('county_code', counties)}${maskCondition(mask)}`;
  if (split.months) {
    parts.push(
      sql`select county_code, month as d, offence_mask, ${cols} from stat_case_months where month between ${split.months[0]}::date and ${split.months[1]}::date${filter}`,
    );
  }
  if (split.days.length > 0) {
    const ranges = sql.join(
      split.days.map(([a, b]) => sql`day between ${a}::date and ${b}::date`),
      sql` or `,
    );
    parts.push(sql`select county_code, day as d, offence_mask, ${cols} from stat_case_days where (${ranges})${filter}`);
  }
  return sql.join(parts, sql` union all `);
}

const sumColumns = (columns: readonly string[]) => sql.raw(columns.map((c) => `sum(${c})::int as ${c}`).join(', '));

type CountySums = Map<string, ScopeSums>;

/**
 * Everything additive per county for a period: case rollups per offence combination, trainings,
 * meetings and action items. `counties` limits the counties read.
 */
async function loadCountySums(
  db: Db,
  period: Period,
  counties: readonly string[] | 'all',
  mask: number | null,
  today: string,
): Promise<CountySums> {
  const source = rollupSource(period, counties, mask, ROLLUP_COLUMNS);
  const [caseRows, extras] = await Promise.all([
    query<Record<string, number | string>>(
      db,
      sql`select county_code, offence_mask, ${sumColumns(ROLLUP_COLUMNS)} from (${source}) r group by 1, 2`,
    ),
    loadExtras(db, period, counties, today),
  ]);
  const out: CountySums = new Map();
  const of = (code: string) => {
    let s = out.get(code);
    if (!s) out.set(code, (s = emptyScopeSums()));
    return s;
  };
  for (const row of caseRows) {
    const sums: RollupSums = {};
    for (const c of ROLLUP_COLUMNS) sums[c] = Number(row[c] ?? 0);
    of(String(row.county_code)).byMask.set(Number(row.offence_mask), sums);
  }
  for (const [code, extra] of extras) Object.assign(of(code).extra, extra);
  return out;
}

/**
 * The same per calendar year, for several years in one set of queries (the suppressed views
 * need a whole cube per year of their trend).
 */
async function loadCountySumsByYear(db: Db, years: readonly number[], today: string): Promise<Map<number, CountySums>> {
  const first = Math.min(...years);
  const last = Math.max(...years);
  const from = `${first}-01-01`;
  const to = `${last}-12-31`;
  const wanted = new Set(years);
  const yearOfPeriod = sql`extract(year from year)::int`;
  const inPeriod = sql`(m.starts_at at time zone 'Europe/Stockholm')::date between ${from}::date and ${to}::date`;
  const meetingYear = sql`extract(year from (m.starts_at at time zone 'Europe/Stockholm'))::int`;
  const [caseRows, trainings, audiences, themes, meetings, organisations, items] = await Promise.all([
    query<Record<string, number | string>>(
      db,
      sql`select ${yearOfPeriod} as y, county_code, offence_mask, ${sumColumns(ROLLUP_COLUMNS)} from stat_case_years where year between ${from}::date and ${to}::date group by 1, 2, 3`,
    ),
    query<{ y: number; county_code: string; n: number }>(
      db,
      sql`select extract(year from t.starts_on)::int as y, t.county_code, count(*)::int as n from trainings t where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date group by 1, 2`,
    ),
    query<{ y: number; county_code: string; k: string; n: number }>(
      db,
      sql`select extract(year from t.starts_on)::int as y, t.county_code, tp.audience::text as k, sum(tp.participants)::int as n from trainings t join training_participants tp on tp.training_id = t.id
          where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date group by 1, 2, 3`,
    ),
    query<{ y: number; county_code: string; k: string; n: number }>(
      db,
      sql`select extract(year from t.starts_on)::int as y, t.county_code, th.theme::text as k, sum(tp.participants)::int as n
          from trainings t cross join lateral unnest(t.themes) as th(theme) join training_participants tp on tp.training_id = t.id
          where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date group by 1, 2, 3`,
    ),
    query<{ y: number; county_code: string; n: number }>(
      db,
      sql`select ${meetingYear} as y, g.county_code, count(*)::int as n from meetings m join coordination_groups g on g.id = m.group_id
          where m.deleted_at is null and g.deleted_at is null and ${inPeriod} group by 1, 2`,
    ),
    query<{ y: number; county_code: string; n: number }>(
      db,
      sql`select ${meetingYear} as y, g.county_code, count(distinct a.member_id)::int as n from meeting_attendance a join meetings m on m.id = a.meeting_id join coordination_groups g on g.id = m.group_id
          where m.deleted_at is null and g.deleted_at is null and ${inPeriod} group by 1, 2`,
    ),
    query<{ county_code: string; open: number; overdue: number }>(
      db,
      sql`select g.county_code, count(*)::int as open, count(*) filter (where i.due_on < ${today}::date)::int as overdue
          from action_items i join meetings m on m.id = i.raised_meeting_id and m.deleted_at is null join coordination_groups g on g.id = i.group_id and g.deleted_at is null
          where i.status in ('open', 'in_progress') group by 1`,
    ),
  ]);
  const out = new Map<number, CountySums>(years.map((y) => [y, new Map()]));
  const of = (year: number, code: string) => {
    const byCounty = out.get(year)!;
    let s = byCounty.get(code);
    if (!s) byCounty.set(code, (s = emptyScopeSums()));
    return s;
  };
  for (const row of caseRows) {
    const y = Number(row.y);
    if (!wanted.has(y)) continue;
    const sums: RollupSums = {};
    for (const c of ROLLUP_COLUMNS) sums[c] = Number(row[c] ?? 0);
    of(y, String(row.county_code)).byMask.set(Number(row.offence_mask), sums);
  }
  const add = (y: number, code: string, key: string, n: number) => {
    if (!wanted.has(Number(y))) return;
    const e = of(Number(y), code).extra;
    e[key] = (e[key] ?? 0) + Number(n);
  };
  for (const r of trainings) add(r.y, r.county_code, 'trainings', r.n);
  for (const r of audiences) {
    add(r.y, r.county_code, `participants_${r.k}`, r.n);
    add(r.y, r.county_code, 'participants', r.n);
  }
  for (const r of themes) add(r.y, r.county_code, `theme_${r.k}`, r.n);
  for (const r of meetings) add(r.y, r.county_code, 'meetings', r.n);
  for (const r of organisations) add(r.y, r.county_code, 'organisations', r.n);
  for (const y of years) {
    for (const r of items) {
      add(y, r.county_code, 'action_open', r.open);
      add(y, r.county_code, 'action_overdue', r.overdue);
    }
  }
  return out;
}

/** Trainings and coordination, per county (additive). Action items are as of today, whatever the period. */
async function loadExtras(
  db: Db,
  period: Period,
  counties: readonly string[] | 'all',
  today: string,
): Promise<Map<string, Record<string, number>>> {
  const { from, to } = period;
  const tc = countyCondition('t.county_code', counties);
  const gc = countyCondition('g.county_code', counties);
  const inPeriod = sql`(m.starts_at at time zone 'Europe/Stockholm')::date between ${from}::date and ${to}::date`;
  const [trainings, audiences, themes, meetings, organisations, items] = await Promise.all([
    query<{ county_code: string; n: number }>(
      db,
      sql`select t.county_code, count(*)::int as n from trainings t where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date${tc} group by 1`,
    ),
    query<{ county_code: string; k: string; n: number }>(
      db,
      sql`select t.county_code, tp.audience::text as k, sum(tp.participants)::int as n from trainings t join training_participants tp on tp.training_id = t.id
          where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date${tc} group by 1, 2`,
    ),
    query<{ county_code: string; k: string; n: number }>(
      db,
      sql`select t.county_code, th.theme::text as k, sum(tp.participants)::int as n
          from trainings t cross join lateral unnest(t.themes) as th(theme) join training_participants tp on tp.training_id = t.id
          where t.deleted_at is null and t.starts_on between ${from}::date and ${to}::date${tc} group by 1, 2`,
    ),
    query<{ county_code: string; n: number }>(
      db,
      sql`select g.county_code, count(*)::int as n from meetings m join coordination_groups g on g.id = m.group_id
          where m.deleted_at is null and g.deleted_at is null and ${inPeriod}${gc} group by 1`,
    ),
    query<{ county_code: string; n: number }>(
      db,
      sql`select g.county_code, count(distinct a.member_id)::int as n from meeting_attendance a join meetings m on m.id = a.meeting_id join coordination_groups g on g.id = m.group_id
          where m.deleted_at is null and g.deleted_at is null and ${inPeriod}${gc} group by 1`,
    ),
    query<{ county_code: string; open: number; overdue: number }>(
      db,
      sql`select g.county_code, count(*)::int as open, count(*) filter (where i.due_on < ${today}::date)::int as overdue
          from action_items i join meetings m on m.id = i.raised_meeting_id and m.deleted_at is null join coordination_groups g on g.id = i.group_id and g.deleted_at is null
          where i.status in ('open', 'in_progress')${gc} group by 1`,
    ),
  ]);
  const out = new Map<string, Record<string, number>>();
  const add = (code: string, key: string, n: number) => {
    let r = out.get(code);
    if (!r) out.set(code, (r = {}));
    r[key] = (r[key] ?? 0) + Number(n);
  };
  for (const r of trainings) add(r.county_code, 'trainings', r.n);
  for (const r of audiences) {
    add(r.county_code, `participants_${r.k}`, r.n);
    add(r.county_code, 'participants', r.n);
  }
  for (const r of themes) add(r.county_code, `theme_${r.k}`, r.n);
  for (const r of meetings) add(r.county_code, 'meetings', r.n);
  for (const r of organisations) add(r.county_code, 'organisations', r.n);
  for (const r of items) {
    add(r.county_code, 'action_open', r.open);
    add(r.county_code, 'action_overdue', r.overdue);
  }
  return out;
}

/** Counties with a county coordination group active at some point of the period. */
async function loadActiveGroups(db: Db, period: Period): Promise<Set<string>> {
  const rows = await query<{ county_code: string }>(
    db,
    sql`select distinct g.county_code from coordination_groups g
        where g.deleted_at is null and g.kind = 'county' and g.active_from <= ${period.to}::date and (g.active_to is null or g.active_to >= ${period.from}::date)`,
  );
  return new Set(rows.map((r) => r.county_code));
}

const EXTRA_GROUPS = [{ parts: TRAINING_AUDIENCES.map((a) => `participants_${a}`), whole: 'participants' }];

type Medians = Record<FunnelStep, number | null>;

/** The median days to each step, over the cases of the period that reached it. */
async function loadMedians(
  db: Db,
  period: Period,
  counties: readonly string[] | 'all',
  mask: number | null,
): Promise<Medians> {
  const [row] = await query<Record<string, number | string | null>>(
    db,
    sql`select percentile_cont(0.5) within group (order by investigation_days) as investigation,
               percentile_cont(0.5) within group (order by prosecuted_days) as prosecuted,
               percentile_cont(0.5) within group (order by convicted_days) as convicted
        from stat_case_facts where reported_on between ${period.from}::date and ${period.to}::date${countyCondition('county_code', counties)}${maskCondition(mask)}`,
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { investigation: n(row?.investigation), prosecuted: n(row?.prosecuted), convicted: n(row?.convicted) };
}

/** Cases per step of the trend (full viewers). */
async function loadTrend(
  db: Db,
  period: Period,
  counties: readonly string[] | 'all',
  mask: number | null,
  granularity: Granularity,
): Promise<Map<string, number>> {
  const rows = await query<{ bucket: string | Date; n: number }>(
    db,
    sql`select to_char(date_trunc(${granularity}, d::timestamp), 'YYYY-MM-DD') as bucket, sum(cases)::int as n
        from (${rollupSource(period, counties, mask, ['cases'])}) r group by 1 order by 1`,
  );
  return new Map(rows.map((r) => [String(r.bucket), Number(r.n)]));
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────

type Lookup = (measure: string) => Count;

function ratio(numerator: Count, denominator: Count, scale = 1): Ratio {
  if (numerator.suppressed || denominator.suppressed) return { value: null, suppressed: true };
  if (!denominator.value) return { value: null, suppressed: false };
  return { value: ((numerator.value ?? 0) / denominator.value) * scale, suppressed: false };
}

function change(current: Count, previous: Count): Ratio {
  if (current.suppressed || previous.suppressed) return { value: null, suppressed: true };
  if (!previous.value) return { value: null, suppressed: false };
  return { value: ((current.value ?? 0) - previous.value) / previous.value, suppressed: false };
}

function figure(cur: Lookup, prev: Lookup, measure: string): Figure {
  const current = cur(measure);
  const previous = prev(measure);
  return { current, previous, change: change(current, previous) };
}

function rows(cur: Lookup, prev: Lookup, prefix: string, keys: readonly string[]): CategoryRow[] {
  return keys.map((key) => ({ key, ...figure(cur, prev, `${prefix}${key}`) }));
}

export type DashboardScope = {
  kind: 'county' | 'nation';
  code: string;
  nameSv: string;
  nameEn: string;
  population: number;
  policeRegion: string | null;
};

export type Dashboard = {
  scope: DashboardScope;
  access: Access;
  threshold: number;
  period: Period;
  previousPeriod: Period;
  offenceFilter: Offence[];
  headline: {
    cases: Figure;
    casesPer100k: RatioFigure;
    victims: Figure;
    perpetrators: Figure;
    crimeEstablishedShare: RatioFigure;
  };
  byOffence: CategoryRow[];
  offenceCombinations: ({ offences: Offence[] } & CategoryRow)[];
  coercion: CategoryRow[];
  crimeEstablished: CategoryRow[];
  reportingBodies: CategoryRow[];
  victims: { sex: CategoryRow[]; age: CategoryRow[]; origin: CategoryRow[] };
  perpetrators: { sex: CategoryRow[]; age: CategoryRow[]; origin: CategoryRow[] };
  funnel: { step: 'reported' | FunnelStep; current: Count; previous: Count; shareOfReported: Ratio }[];
  medians: { from: 'reported' | FunnelStep; to: FunnelStep; current: Ratio; previous: Ratio }[];
  trend: { granularity: Granularity; points: { start: string; value: Count }[] };
  trainings: { trainings: Figure; participants: Figure; byAudience: CategoryRow[]; byTheme: CategoryRow[] };
  coordination: {
    meetings: Figure;
    organisations: Figure;
    openActionItems: Count;
    overdueActionItems: Count;
    activeGroups: number;
    counties: number;
  };
};

export type DashboardInput = {
  county: string | null;
  period: Period;
  /** Cases with any of these offences (full viewers only). */
  offences?: readonly Offence[];
  granularity?: Granularity;
  /** Today in Sweden (YYYY-MM-DD): overdue action items. */
  today: string;
};

type Context = {
  db: Db;
  counties: County[];
  threshold: number;
  cubes: Map<number, Promise<Cube>>;
  known: string[];
  today: string;
};

async function context(actor: Actor, today: string): Promise<Context> {
  const db = await getDb();
  const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
  return { db, counties, threshold: suppressionThreshold(), cubes: new Map(), known: knownCounties(actor), today };
}

/** The suppressed figures of every scope for calendar years (each computed once per request; their figures loaded together). */
function cubesFor(ctx: Context, years: readonly number[]): Promise<Cube[]> {
  const missing = years.filter((y) => !ctx.cubes.has(y));
  if (missing.length > 0) {
    const loaded = loadCountySumsByYear(ctx.db, missing, ctx.today);
    for (const y of missing) {
      ctx.cubes.set(
        y,
        loaded.then((byYear) =>
          buildCube({
            counties: ctx.counties,
            sums: byYear.get(y)!,
            threshold: ctx.threshold,
            known: ctx.known,
            extraGroups: EXTRA_GROUPS,
          }),
        ),
      );
    }
  }
  return Promise.all(years.map((y) => ctx.cubes.get(y)!));
}

function cubeFor(ctx: Context, year: number): Promise<Cube> {
  return cubesFor(ctx, [year]).then(([c]) => c!);
}

function scopeOf(ctx: Context, county: string | null): DashboardScope {
  if (county === null) {
    return {
      kind: 'nation',
      code: NATION,
      nameSv: 'Hela landet',
      nameEn: 'Sweden',
      population: ctx.counties.reduce((s, c) => s + c.population, 0),
      policeRegion: null,
    };
  }
  const c = ctx.counties.find((x) => x.code === county);
  if (!c) throw new AppError('not_found', 'county not found');
  return {
    kind: 'county',
    code: c.code,
    nameSv: c.nameSv,
    nameEn: c.nameEn,
    population: c.population,
    policeRegion: c.policeRegion,
  };
}

/** Unsuppressed lookups for a scope and period. */
async function fullLookups(
  ctx: Context,
  period: Period,
  counties: readonly string[] | 'all',
  mask: number | null,
): Promise<{ sums: ScopeSums }> {
  const byCounty = await loadCountySums(ctx.db, period, counties, mask, ctx.today);
  const sums = emptyScopeSums();
  for (const s of byCounty.values()) addScopeSums(sums, s);
  return { sums };
}

/** The county dashboard (or the nation's), each figure beside the previous period of the same length. */
export async function getDashboard(actor: Actor, input: DashboardInput): Promise<Dashboard> {
  const access = statisticsAccess(actor, { view: 'dashboard', county: input.county });
  const offences = [...new Set(input.offences ?? [])].filter((o) => (OFFENCES as readonly string[]).includes(o));
  if (access === 'suppressed') {
    assertSuppressedPeriod(input.period);
    if (offences.length > 0)
      throw new AppError('invalid', 'filter_not_allowed', { message: 'statistics.errors.noFilter' });
  }
  const ctx = await context(actor, input.today);
  const scope = scopeOf(ctx, input.county);
  const previous = previousPeriod(input.period);
  const scopeCounties = input.county === null ? 'all' : [input.county];
  const mask = offences.length > 0 ? maskOf(offences) : null;

  let cur: Lookup;
  let prev: Lookup;
  let masks: number[];
  let trend: Dashboard['trend'];
  if (access === 'full') {
    const granularity = input.granularity ?? defaultGranularity(input.period);
    const [c, p, trendRows] = await Promise.all([
      fullLookups(ctx, input.period, scopeCounties, mask),
      fullLookups(ctx, previous, scopeCounties, mask),
      loadTrend(ctx.db, input.period, scopeCounties, mask, granularity),
    ]);
    masks = [...new Set([...c.sums.byMask.keys(), ...p.sums.byMask.keys()])].sort((a, b) => a - b);
    const cm = measuresOf(c.sums, masks);
    const pm = measuresOf(p.sums, masks);
    cur = (m) => countOf(cm.get(m) ?? 0);
    prev = (m) => countOf(pm.get(m) ?? 0);
    trend = {
      granularity,
      points: buckets(input.period, granularity).map((start) => ({ start, value: countOf(trendRows.get(start) ?? 0) })),
    };
  } else {
    const year = yearOf(input.period);
    const years = Array.from({ length: 5 }, (_, i) => year - 4 + i).filter((y) => y >= 1990);
    const cubes = await cubesFor(
      ctx,
      [...new Set([year - 1, ...years])].sort((a, b) => a - b),
    ).then((all) => all.slice(-years.length));
    const [cc, pc] = [cubes.at(-1)!, await cubeFor(ctx, year - 1)];
    cur = (m) => cc.get(scope.code, m);
    prev = (m) => pc.get(scope.code, m);
    masks = [...new Set([...cc.masks, ...pc.masks])].sort((a, b) => a - b);
    trend = {
      granularity: 'year',
      points: years.map((y, i) => ({ start: `${y}-01-01`, value: cubes[i]!.get(scope.code, 'cases') })),
    };
  }

  const [curMedians, prevMedians, activeGroups] = await Promise.all([
    loadMedians(ctx.db, input.period, scopeCounties, mask),
    loadMedians(ctx.db, previous, scopeCounties, mask),
    loadActiveGroups(ctx.db, input.period),
  ]);

  const population: Count = { value: scope.population, suppressed: false };
  const casesFigure = figure(cur, prev, 'cases');
  const steps: ('reported' | FunnelStep)[] = ['reported', ...FUNNEL_STEPS];
  const stepMeasure = (s: 'reported' | FunnelStep) => (s === 'reported' ? 'cases' : `reached_${s}`);
  const median = (value: number | null, base: Count): Ratio =>
    base.suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
  const combos = masks
    .map((m) => ({ offences: offencesOfMask(m), key: String(m), ...figure(cur, prev, `combo_${m}`) }))
    .filter((r) => r.current.value !== 0 || r.previous.value !== 0);

  return {
    scope,
    access,
    threshold: ctx.threshold,
    period: input.period,
    previousPeriod: previous,
    offenceFilter: offences,
    headline: {
      cases: casesFigure,
      casesPer100k: {
        current: ratio(casesFigure.current, population, 100_000),
        previous: ratio(casesFigure.previous, population, 100_000),
      },
      victims: figure(cur, prev, 'victims'),
      perpetrators: figure(cur, prev, 'perpetrators'),
      crimeEstablishedShare: {
        current: ratio(cur('crime_yes'), cur('cases')),
        previous: ratio(prev('crime_yes'), prev('cases')),
      },
    },
    byOffence: rows(cur, prev, 'offence_', OFFENCES),
    offenceCombinations: combos,
    coercion: rows(cur, prev, 'coercion_', COERCION_DEGREES),
    crimeEstablished: rows(cur, prev, 'crime_', CRIME_ESTABLISHED),
    reportingBodies: rows(cur, prev, 'body_', REPORTING_BODIES),
    victims: {
      sex: rows(cur, prev, 'v_sex_', SEXES),
      age: rows(cur, prev, 'v_age_', AGE_BANDS),
      origin: rows(cur, prev, 'v_origin_', ORIGIN_REGIONS),
    },
    perpetrators: {
      sex: rows(cur, prev, 'p_sex_', SEXES),
      age: rows(cur, prev, 'p_age_', AGE_BANDS),
      origin: rows(cur, prev, 'p_origin_', ORIGIN_REGIONS),
    },
    funnel: steps.map((s) => ({
      step: s,
      current: cur(stepMeasure(s)),
      previous: prev(stepMeasure(s)),
      shareOfReported: ratio(cur(stepMeasure(s)), cur('cases')),
    })),
    medians: FUNNEL_STEPS.map((to, i) => ({
      from: steps[i]!,
      to,
      current: median(curMedians[to], cur(`reached_${to}`)),
      previous: median(prevMedians[to], prev(`reached_${to}`)),
    })),
    trend,
    trainings: {
      trainings: figure(cur, prev, 'trainings'),
      participants: figure(cur, prev, 'participants'),
      byAudience: rows(cur, prev, 'participants_', TRAINING_AUDIENCES),
      byTheme: rows(cur, prev, 'theme_', TRAINING_THEMES),
    },
    coordination: {
      meetings: figure(cur, prev, 'meetings'),
      organisations: figure(cur, prev, 'organisations'),
      openActionItems: cur('action_open'),
      overdueActionItems: cur('action_overdue'),
      activeGroups: input.county === null ? activeGroups.size : activeGroups.has(input.county) ? 1 : 0,
      counties: input.county === null ? ctx.counties.length : 1,
    },
  };
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

// ── The national overview ────────────────────────────────────────────────────────────────────

export type OverviewRow = {
  key: string;
  nameSv: string;
  nameEn: string;
  population: number;
  cases: Figure;
  per100k: Ratio;
  victims: Count;
  perpetrators: Count;
  convicted: Count;
  participants: Count;
  meetings: Count;
};

export type OverviewCounty = OverviewRow & {
  code: string;
  letter: string;
  svgId: string;
  policeRegion: string;
  activeGroup: boolean;
  own: boolean;
  mayOpen: boolean;
};

export type Overview = {
  access: Access;
  threshold: number;
  period: Period;
  previousPeriod: Period;
  counties: OverviewCounty[];
  regions: OverviewRow[];
  nation: OverviewRow;
  trend: { start: string; value: Count }[];
  coverage: { activeGroups: number; counties: number };
};

/** The map, the table of counties, police regions, national trend and coverage. */
export async function getNationalOverview(
  actor: Actor,
  input: { period: Period; today: string; trendYears?: number },
): Promise<Overview> {
  const access = statisticsAccess(actor, { view: 'overview' });
  if (access === 'suppressed') assertSuppressedPeriod(input.period);
  const ctx = await context(actor, input.today);
  const previous = previousPeriod(input.period);
  const scopes = scopesOf(ctx.counties);
  const lastYear = yearOf({ from: input.period.to });
  // A suppressed trend needs a whole cube per year (decision 006): five years for those, ten in full.
  const trendYears = input.trendYears ?? (access === 'full' ? 10 : 5);
  const firstYear = Math.max(1990, lastYear - trendYears + 1);

  let cur: (scope: string, m: string) => Count;
  let prev: (scope: string, m: string) => Count;
  let trend: Overview['trend'];
  if (access === 'full') {
    const [c, p, t] = await Promise.all([
      loadCountySums(ctx.db, input.period, 'all', null, ctx.today),
      loadCountySums(ctx.db, previous, 'all', null, ctx.today),
      loadTrend(ctx.db, { kind: 'custom', from: `${firstYear}-01-01`, to: `${lastYear}-12-31` }, 'all', null, 'year'),
    ]);
    const measuresByScope = (sums: CountySums) => {
      const masks = [...new Set([...sums.values()].flatMap((s) => [...s.byMask.keys()]))];
      return new Map(
        scopes.map((s) => {
          const total = emptyScopeSums();
          for (const code of s.counties) {
            const x = sums.get(code);
            if (x) addScopeSums(total, x);
          }
          return [s.key, measuresOf(total, masks)] as const;
        }),
      );
    };
    const cm = measuresByScope(c);
    const pm = measuresByScope(p);
    cur = (s, m) => countOf(cm.get(s)?.get(m) ?? 0);
    prev = (s, m) => countOf(pm.get(s)?.get(m) ?? 0);
    trend = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => {
      const start = `${firstYear + i}-01-01`;
      return { start, value: countOf(t.get(start) ?? 0) };
    });
  } else {
    const year = yearOf(input.period);
    const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
    const all = await cubesFor(
      ctx,
      [...new Set([year - 1, year, ...years])].sort((a, b) => a - b),
    );
    const cubes = all.slice(all.length - years.length);
    const cc = await cubeFor(ctx, year);
    const pc = await cubeFor(ctx, year - 1);
    cur = (s, m) => cc.get(s, m);
    prev = (s, m) => pc.get(s, m);
    trend = years.map((y, i) => ({ start: `${y}-01-01`, value: cubes[i]!.get(NATION, 'cases') }));
  }
  const active = await loadActiveGroups(ctx.db, input.period);
  const read = countyScope(actor, 'statistics.read');
  const row = (key: string, nameSv: string, nameEn: string, population: number): OverviewRow => {
    const cases = {
      current: cur(key, 'cases'),
      previous: prev(key, 'cases'),
      change: change(cur(key, 'cases'), prev(key, 'cases')),
    };
    return {
      key,
      nameSv,
      nameEn,
      population,
      cases,
      per100k: ratio(cases.current, { value: population, suppressed: false }, 100_000),
      victims: cur(key, 'victims'),
      perpetrators: cur(key, 'perpetrators'),
      convicted: cur(key, 'reached_convicted'),
      participants: cur(key, 'participants'),
      meetings: cur(key, 'meetings'),
    };
  };
  const national = homeCounties(actor) === 'all';
  const regions = [...new Set(ctx.counties.map((c) => c.policeRegion))];
  return {
    access,
    threshold: ctx.threshold,
    period: input.period,
    previousPeriod: previous,
    counties: ctx.counties.map((c) => ({
      ...row(c.code, c.nameSv, c.nameEn, c.population),
      code: c.code,
      letter: c.letter,
      svgId: c.svgId,
      policeRegion: c.policeRegion,
      activeGroup: active.has(c.code),
      own: read !== 'all' && read.includes(c.code),
      mayOpen: read === 'all' || read.includes(c.code) || national,
    })),
    regions: regions.map((r) => {
      const members = ctx.counties.filter((c) => c.policeRegion === r);
      return row(
        regionKey(r),
        r,
        r,
        members.reduce((s, c) => s + c.population, 0),
      );
    }),
    nation: row(
      NATION,
      'Hela landet',
      'Sweden',
      ctx.counties.reduce((s, c) => s + c.population, 0),
    ),
    trend,
    coverage: { activeGroups: ctx.counties.filter((c) => active.has(c.code)).length, counties: ctx.counties.length },
  };
}

// ── Comparable statistics: Eurostat and HTCDS ────────────────────────────────────────────────

const LEGAL_STATUSES = [
  { status: 'victim', prefix: 'v_sex_', total: 'victims' },
  { status: 'suspected', prefix: 'p_sex_', total: 'perpetrators' },
  { status: 'prosecuted', prefix: 'p_prosecuted_sex_', total: 'p_prosecuted' },
  { status: 'convicted', prefix: 'p_convicted_sex_', total: 'p_convicted' },
] as const;

export type EurostatRow = {
  table: 'persons_by_legal_status' | 'victims_by_citizenship_exploitation_age';
  legalStatus: string | null;
  sex: string | null;
  citizenship: string | null;
  exploitation: string | null;
  age: string | null;
  count: Count;
};

/**
 * What both comparable-statistics exports read: the viewer's access to the scope, and a lookup of
 * its counts — from the rows in full, or from the year's suppressed cube (decision 006).
 */
async function exportFigures(actor: Actor, input: { county: string | null; period: Period; today: string }) {
  const access = statisticsAccess(actor, { view: 'dashboard', county: input.county });
  if (access === 'suppressed') assertSuppressedPeriod(input.period);
  const ctx = await context(actor, input.today);
  const scope = scopeOf(ctx, input.county);
  let get: Lookup;
  if (access === 'full') {
    const { sums } = await fullLookups(ctx, input.period, input.county === null ? 'all' : [input.county], null);
    const m = measuresOf(sums, [...sums.byMask.keys()]);
    get = (x) => countOf(m.get(x) ?? 0);
  } else {
    const cube = await cubeFor(ctx, yearOf(input.period));
    get = (x) => cube.get(scope.code, x);
  }
  return { access, ctx, scope, get };
}

/** The two Eurostat crim_thb tables for a scope and period, suppressed as the dashboard is. */
export async function getEurostatTables(
  actor: Actor,
  input: { county: string | null; period: Period; today: string },
): Promise<{ access: Access; rows: EurostatRow[]; scope: DashboardScope }> {
  const { access, ctx, scope, get } = await exportFigures(actor, input);
  const out: EurostatRow[] = [];
  const base = { citizenship: null, exploitation: null, age: null };
  for (const l of LEGAL_STATUSES) {
    for (const s of SEXES)
      out.push({
        table: 'persons_by_legal_status',
        legalStatus: l.status,
        sex: s,
        ...base,
        count: get(`${l.prefix}${s}`),
      });
    out.push({ table: 'persons_by_legal_status', legalStatus: l.status, sex: 'total', ...base, count: get(l.total) });
  }
  for (const f of EXPLOITATION_FORMS) {
    for (const c of CITIZENSHIP_GROUPS) {
      for (const a of AGE_GROUPS)
        out.push({
          table: 'victims_by_citizenship_exploitation_age',
          legalStatus: 'victim',
          sex: null,
          citizenship: c,
          exploitation: f,
          age: a,
          count: get(`eu_${f}_${c}_${a}`),
        });
    }
    out.push({
      table: 'victims_by_citizenship_exploitation_age',
      legalStatus: 'victim',
      sex: null,
      citizenship: 'total',
      exploitation: f,
      age: 'total',
      count: get(`eu_form_${f}`),
    });
  }
  out.push({
    table: 'victims_by_citizenship_exploitation_age',
    legalStatus: 'victim',
    sex: null,
    citizenship: 'total',
    exploitation: 'total',
    age: 'total',
    count: get('victims'),
  });
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'statistics.export',
    entityType: 'statistics',
    countyCode: input.county,
    changes: { format: 'eurostat', period: input.period, access },
  });
  return { access, rows: out, scope };
}

const HTCDS_EXPORT_CAP = 100_000;

export type HtcdsCase = {
  cas_YearOfRegistration: number;
  cas_Country: 'SE';
  cas_Region: string;
  cas_Status: string;
  cas_ReferringOrganisation: string;
  cas_CrimeEstablished: string;
  cas_CoercionDegree: string;
  cas_Offences: string[];
  vic_TypeOfExploitation: string;
  vic_MethodsOfControl: string[];
  parties: {
    per_Role: 'Victim' | 'Perpetrator';
    prs_Gender: string;
    prs_AgeBand: string;
    prs_CitizenshipGroup: string;
    prs_OriginRegion: string;
    per_RoleInProcess: string | null;
  }[];
};

/**
 * HTCDS records (full viewers only: their own county, or the nation for the national
 * coordinator) — without references, police report numbers, ids or dates finer than the year —
 * and aggregates in HTCDS codes for everyone, suppressed for viewers outside the county.
 */
export async function getHtcdsExport(
  actor: Actor,
  input: { county: string | null; period: Period; today: string },
): Promise<{
  access: Access;
  scope: DashboardScope;
  cases: HtcdsCase[] | null;
  truncated: boolean;
  aggregates: { dimension: string; code: string; count: Count }[];
}> {
  const { access, ctx, scope, get } = await exportFigures(actor, input);
  const aggregates = htcds.aggregates.map((a) => ({ dimension: a.dimension, code: a.code, count: get(a.measure) }));
  let cases: HtcdsCase[] | null = null;
  let truncated = false;
  if (access === 'full') {
    const countyFilter = countyCondition('c.county_code', input.county === null ? 'all' : [input.county]);
    const found = await query<{
      year: number;
      county: string;
      status: string;
      body: string;
      crime: string;
      degree: string;
      offences: string[] | string;
      methods: string[] | string;
      parties: unknown;
    }>(
      ctx.db,
      // Ordered by what is exported, never by date or reference: the order gives nothing away.
      sql`select extract(year from c.reported_on)::int as year, c.county_code as county, c.status::text as status, c.reporting_body::text as body,
                 c.crime_established::text as crime, c.coercion_degree::text as degree, c.control_methods::text[] as methods,
                 coalesce((select array_agg(o.offence::text order by o.offence) from case_offences o where o.case_id = c.id), '{}') as offences,
                 coalesce((select json_agg(json_build_object('role', p.role, 'sex', p.sex, 'age', p.age_band, 'origin', p.origin_region, 'citizenship', p.citizenship, 'perpetratorRole', p.perpetrator_role) order by p.role, p.sex, p.age_band, p.origin_region)
                           from case_parties p where p.case_id = c.id), '[]') as parties
          from cases c
          where c.deleted_at is null and c.reported_on between ${input.period.from}::date and ${input.period.to}::date${countyFilter}
          order by 1, 2, 3, 4, 5, 6
          limit ${HTCDS_EXPORT_CAP + 1}`,
    );
    truncated = found.length > HTCDS_EXPORT_CAP;
    cases = found.slice(0, HTCDS_EXPORT_CAP).map((r) => htcds.toCase(r, ctx.counties));
  }
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'statistics.export',
    entityType: 'statistics',
    countyCode: input.county,
    changes: { format: 'htcds', period: input.period, access, records: cases?.length ?? 0 },
  });
  return { access, scope, cases, truncated, aggregates };
}
