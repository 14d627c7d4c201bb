import 'server-only';
import type { County } from '@/db/schema';
import { previousPeriod, yearOf, type Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import { change, ratio, type Count, type Figure, type Ratio } from '@/lib/statistics/figures';
import { knownCounties, requireStatisticsAccess, statisticsAccess, type Access } from './access';
import {
  cubeFor,
  cubesFor,
  releasedCubeFor,
  releaseShown,
  statisticsContext,
  NATION_NAMES,
  type StatisticsContext,
} from './context';
import type { ReleaseInfo } from './releases';
import { countOf, emptyScopeSums, measuresOf, NATION, regionKey, scopesOf } from './cube';
import { loadActiveGroups, loadCountySums, loadTrend, type CountySums } from './rollups';

// The national overview: the map, the table of counties, police regions, the national trend and
// the coverage of county coordination groups, in full or suppressed as access.ts decides.

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
  /** For protected views: the release the figures are read from (issue 14); null in full. */
  release: ReleaseInfo | null;
  period: Period;
  previousPeriod: Period;
  counties: OverviewCounty[];
  regions: OverviewRow[];
  nation: OverviewRow;
  trend: { start: string; value: Count }[];
  coverage: { activeGroups: number; counties: number };
};

/** A measure of a scope (a county code, 'region:<name>' or 'SE'). */
type ScopeLookup = (scope: string, measure: string) => Count;
export type OverviewFigures = { cur: ScopeLookup; prev: ScopeLookup; trend: Overview['trend'] };
export type Years = { first: number; last: number };

/** Every scope's figures in full, from the sums of its counties. */
export async function fullFigures(ctx: StatisticsContext, period: Period, years: Years): Promise<OverviewFigures> {
  const trendPeriod: Period = { kind: 'custom', from: `${years.first}-01-01`, to: `${years.last}-12-31` };
  const [c, p, t] = await Promise.all([
    loadCountySums(ctx.db, period, 'all', null, ctx.today, OVERVIEW_COLUMNS),
    loadCountySums(ctx.db, previousPeriod(period), 'all', null, ctx.today, OVERVIEW_COLUMNS),
    loadTrend(ctx.db, trendPeriod, 'all', null, 'year'),
  ]);
  const scopes = scopesOf(ctx.counties);
  // Each county's figures once; a police region's and the nation's are the sums of their counties'
  // (every figure is a sum), and only the figures the overview shows.
  const measuresByScope = (sums: CountySums) => {
    const masks = [...new Set([...sums.values()].flatMap((s) => [...s.byMask.keys()]))];
    const byCounty = new Map(
      ctx.counties.map((county) => {
        const all = measuresOf(sums.get(county.code) ?? emptyScopeSums(), masks);
        return [county.code, OVERVIEW_MEASURES.map((m) => all.get(m) ?? 0)] as const;
      }),
    );
    return new Map(
      scopes.map((s) => {
        const total = OVERVIEW_MEASURES.map(() => 0);
        for (const code of s.counties) byCounty.get(code)?.forEach((v, i) => (total[i]! += v));
        return [s.key, new Map<string, number>(OVERVIEW_MEASURES.map((m, i) => [m, total[i]!]))] as const;
      }),
    );
  };
  const cm = measuresByScope(c);
  const pm = measuresByScope(p);
  const trend = Array.from({ length: years.last - years.first + 1 }, (_, i) => {
    const start = `${years.first + i}-01-01`;
    return { start, value: countOf(t.get(start) ?? 0) };
  });
  return { cur: (s, m) => countOf(cm.get(s)?.get(m) ?? 0), prev: (s, m) => countOf(pm.get(s)?.get(m) ?? 0), trend };
}

/** From the year's cube and the year before's, the trend a cube per year (decision 006). */
export async function suppressedFigures(
  ctx: StatisticsContext,
  period: Period,
  years: Years,
): Promise<OverviewFigures> {
  const year = yearOf(period);
  const trendYears = Array.from({ length: years.last - years.first + 1 }, (_, i) => years.first + i);
  const all = await cubesFor(
    ctx,
    [...new Set([year - 1, year, ...trendYears])].sort((a, b) => a - b),
  );
  const cubes = all.slice(all.length - trendYears.length);
  const cc = await releasedCubeFor(ctx, year);
  const pc = await cubeFor(ctx, year - 1);
  return {
    cur: (s, m) => cc.get(s, m),
    prev: (s, m) => pc.get(s, m),
    trend: trendYears.map((y, i) => ({ start: `${y}-01-01`, value: cubes[i]!.get(NATION, 'cases') })),
  };
}

/** The figures an overview row shows (rowOf), and the rollup columns they are made of. */
const OVERVIEW_MEASURES = [
  'cases',
  'victims',
  'perpetrators',
  'reached_convicted',
  'participants',
  'meetings',
] as const;
const OVERVIEW_COLUMNS = ['cases', 'victims', 'perpetrators', 'reached_convicted'];

export function rowOf(
  { cur, prev }: OverviewFigures,
  key: string,
  names: { nameSv: string; nameEn: string },
  population: number,
): OverviewRow {
  const cases = {
    current: cur(key, 'cases'),
    previous: prev(key, 'cases'),
    change: change(cur(key, 'cases'), prev(key, 'cases')),
  };
  return {
    key,
    nameSv: names.nameSv,
    nameEn: names.nameEn,
    population,
    cases,
    per100k: ratio(cases.current, { value: population, suppressed: false }, 100_000),
    victims: cur(key, 'victims'),
    perpetrators: cur(key, 'perpetrators'),
    convicted: cur(key, 'reached_convicted'),
    participants: cur(key, 'participants'),
    meetings: cur(key, 'meetings'),
  };
}

const populationOf = (counties: readonly County[]) => counties.reduce((s, c) => s + c.population, 0);

/** The map, the table of counties, police regions, national trend and coverage. */
export async function getNationalOverview(
  actor: Actor,
  input: { period: Period; today: string; trendYears?: number },
): Promise<Overview> {
  const access = requireStatisticsAccess(actor, { view: 'overview' }, { period: input.period });
  const ctx = await statisticsContext(actor, input.today);
  const last = yearOf({ from: input.period.to });
  // A suppressed trend needs a whole cube per year (decision 006): five years for those, ten in full.
  const years = { first: Math.max(1990, last - (input.trendYears ?? (access === 'full' ? 10 : 5)) + 1), last };
  const [figures, active] = await Promise.all([
    access === 'full' ? fullFigures(ctx, input.period, years) : suppressedFigures(ctx, input.period, years),
    loadActiveGroups(ctx.db, input.period),
  ]);
  const own = knownCounties(actor);
  const regions = [...new Set(ctx.counties.map((c) => c.policeRegion))];
  return {
    access,
    threshold: ctx.threshold,
    release: access === 'full' ? null : releaseShown(ctx, yearOf(input.period)),
    period: input.period,
    previousPeriod: previousPeriod(input.period),
    counties: ctx.counties.map((c) => ({
      ...rowOf(figures, c.code, c, c.population),
      code: c.code,
      letter: c.letter,
      svgId: c.svgId,
      policeRegion: c.policeRegion,
      activeGroup: active.has(c.code),
      own: own.includes(c.code),
      mayOpen: statisticsAccess(actor, { view: 'dashboard', county: c.code }) !== null,
    })),
    regions: regions.map((r) => {
      const members = ctx.counties.filter((c) => c.policeRegion === r);
      return rowOf(figures, regionKey(r), { nameSv: r, nameEn: r }, populationOf(members));
    }),
    nation: rowOf(figures, NATION, NATION_NAMES, populationOf(ctx.counties)),
    trend: figures.trend,
    coverage: { activeGroups: ctx.counties.filter((c) => active.has(c.code)).length, counties: ctx.counties.length },
  };
}
