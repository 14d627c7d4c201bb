import 'server-only';
import { getDb, type Db } from '@/db';
import { counties as countiesTable, type County } from '@/db/schema';
import { TRAINING_AUDIENCES } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import type { Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import { regionSlug, type PoliceRegion } from '@/lib/regions';
import { knownCounties } from './access';
import { addScopeSums, buildCube, emptyScopeSums, NATION, type Cube, type ScopeSums } from './cube';
import { loadPersonRows, loadPersonRowsByYear, personFiguresOf, personRelations, type PersonRow } from './persons';
import { loadCountySums, loadCountySumsByYear, type Counties, type CountySums } from './rollups';
import { suppressionThreshold } from './protection';

// What every statistics read of one request shares: the counties, the threshold, the counties
// the viewer knows anyway, and the suppressed cubes of calendar years, each computed once.

export type StatisticsContext = {
  db: Db;
  counties: County[];
  threshold: number;
  cubes: Map<number, Promise<Cube>>;
  known: string[];
  today: string;
};

export async function statisticsContext(actor: Actor, today: string): Promise<StatisticsContext> {
  const db = await getDb();
  const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
  return { db, counties, threshold: suppressionThreshold(), cubes: new Map(), known: knownCounties(actor), today };
}

/** Participants by audience add up to all participants: a relation the cube keeps beside the rollups' own. */
const EXTRA_GROUPS = [{ parts: TRAINING_AUDIENCES.map((a) => `participants_${a}`), whole: 'participants' }];

/** The suppressed figures of every scope for calendar years (each computed once per request; their figures loaded together). */
export function cubesFor(ctx: StatisticsContext, years: readonly number[]): Promise<Cube[]> {
  const missing = years.filter((y) => !ctx.cubes.has(y));
  if (missing.length > 0) {
    const range = { from: `${Math.min(...missing)}-01-01`, to: `${Math.max(...missing)}-12-31` };
    const loaded = Promise.all([
      loadCountySumsByYear(ctx.db, missing, ctx.today),
      loadPersonRowsByYear(ctx.db, range),
    ]).then(([byYear, persons]) => {
      for (const r of persons) {
        const byCounty = byYear.get(Number(r.y));
        if (byCounty) addPersonRow(byCounty, r);
      }
      return byYear;
    });
    for (const y of missing) {
      ctx.cubes.set(
        y,
        loaded.then((byYear) =>
          buildCube({
            counties: ctx.counties,
            sums: byYear.get(y)!,
            threshold: ctx.threshold,
            known: ctx.known,
            extraGroups: [...EXTRA_GROUPS, ...personRelations(extraKeys(byYear.get(y)!))],
          }),
        ),
      );
    }
  }
  return Promise.all(years.map((y) => ctx.cubes.get(y)!));
}

/** Persons by legal status into the county's extra figures (decision 014). */
function addPersonRow(byCounty: CountySums, row: PersonRow): void {
  let sums = byCounty.get(row.county_code);
  if (!sums) byCounty.set(row.county_code, (sums = emptyScopeSums()));
  for (const [k, n] of personFiguresOf(row)) sums.extra[k] = (sums.extra[k] ?? 0) + n;
}

function extraKeys(byCounty: CountySums): Set<string> {
  return new Set([...byCounty.values()].flatMap((s) => Object.keys(s.extra)));
}

export function cubeFor(ctx: StatisticsContext, year: number): Promise<Cube> {
  return cubesFor(ctx, [year]).then(([c]) => c!);
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
