import 'server-only';
import { getDb, type Db } from '@/db';
import { counties as countiesTable, type County } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import { regionSlug, type PoliceRegion } from '@/lib/regions';
import { knownCounties } from './access';
import { addScopeSums, emptyScopeSums, measuresOf, NATION, releasedCube, type Cube, type ScopeSums } from './cube';
import { latestReleases, releaseInfoOf, type ReleaseInfo, type ReleaseRow } from './releases';
import { loadPersonRows } from './persons';
import { loadCountySums, type Counties } from './rollups';
import { addPersonRow, loadYearSums } from './year-sums';
import { suppressionThreshold } from './protection';

// What every statistics read of one request shares: the counties, the threshold, the counties
// the viewer knows anyway, and the suppressed cubes of calendar years, each computed once.

export type StatisticsContext = {
  db: Db;
  counties: County[];
  threshold: number;
  cubes: Map<number, Promise<Cube>>;
  /** The releases the cubes were read from, by year. */
  releases: Map<number, ReleaseRow>;
  known: string[];
  today: string;
};

export async function statisticsContext(actor: Actor, today: string): Promise<StatisticsContext> {
  const db = await getDb();
  const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
  return {
    db,
    counties,
    threshold: suppressionThreshold(),
    cubes: new Map(),
    releases: new Map(),
    known: knownCounties(actor),
    today,
  };
}

/**
 * The figures a protected viewer is shown for calendar years: each year's latest release (issue
 * 14), with the viewer's own counties live and in full; a year not released shows nothing.
 */
export function cubesFor(ctx: StatisticsContext, years: readonly number[]): Promise<Cube[]> {
  const missing = years.filter((y) => !ctx.cubes.has(y));
  if (missing.length > 0) {
    const loaded = Promise.all([
      latestReleases(ctx.db, missing, ctx.today),
      ctx.known.length > 0 ? loadYearSums(ctx.db, missing, ctx.today) : null,
    ]);
    for (const y of missing) {
      ctx.cubes.set(
        y,
        loaded.then(([releases, live]) => {
          const release = releases.get(y) ?? null;
          if (release) ctx.releases.set(y, release);
          const known = new Map(
            ctx.known.map((code) => {
              const sums = live?.get(y)?.get(code) ?? emptyScopeSums();
              return [code, measuresOf(sums, [...sums.byMask.keys()])];
            }),
          );
          return releasedCube(release, release?.threshold ?? ctx.threshold, known);
        }),
      );
    }
  }
  return Promise.all(years.map((y) => ctx.cubes.get(y)!));
}

/** The release a protected view of the year is read from (after cubesFor), or null when it has none. */
export function releaseShown(ctx: StatisticsContext, year: number): ReleaseInfo | null {
  const r = ctx.releases.get(year);
  return r ? releaseInfoOf(r) : null;
}

export function cubeFor(ctx: StatisticsContext, year: number): Promise<Cube> {
  return cubesFor(ctx, [year]).then(([c]) => c!);
}

/** The cube of the year a protected view is of: refused (4xx) while the year is not released. */
export async function releasedCubeFor(ctx: StatisticsContext, year: number): Promise<Cube> {
  const cube = await cubeFor(ctx, year);
  if (!ctx.releases.has(year))
    throw new AppError('invalid', 'not_released', { message: 'statistics.errors.notReleased', year });
  return cube;
}

/** The unsuppressed sums of a scope (some counties, or all) for a period. */
export async function fullSums(
  ctx: StatisticsContext,
  period: Period,
  counties: Counties,
  mask: number | null,
): Promise<ScopeSums> {
  const [byCounty, persons] = await Promise.all([
    loadCountySums(ctx.db, period, counties, mask, ctx.today),
    loadPersonRows(ctx.db, period, counties, mask),
  ]);
  for (const r of persons) addPersonRow(byCounty, r);
  const sums = emptyScopeSums();
  for (const s of byCounty.values()) addScopeSums(sums, s);
  return sums;
}

export type StatisticsScope = {
  kind: 'county' | 'nation' | 'region';
  /** As the URL writes it: 'SE', a county code, a region's URL form ('syd'). */
  code: string;
  nameSv: string;
  nameEn: string;
  population: number;
  policeRegion: string | null;
};

export const NATION_NAMES = { nameSv: 'Hela landet', nameEn: 'Sweden' } as const;

/** A county (or, with null, the nation) as the dashboard and the exports name it. */
export function scopeOf(ctx: StatisticsContext, county: string | null): StatisticsScope {
  if (county === null) {
    return {
      kind: 'nation',
      code: NATION,
      ...NATION_NAMES,
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

/** A police region as the dashboard names it, with its counties (the counties table's). */
export function regionScopeOf(ctx: StatisticsContext, region: PoliceRegion): StatisticsScope & { counties: string[] } {
  const members = ctx.counties.filter((c) => c.policeRegion === region);
  if (members.length === 0) throw new AppError('not_found', 'region not found');
  return {
    kind: 'region',
    code: regionSlug(region),
    nameSv: `Polisregion ${region}`,
    nameEn: `Police region ${region}`,
    population: members.reduce((s, c) => s + c.population, 0),
    policeRegion: region,
    counties: members.map((c) => c.code),
  };
}
