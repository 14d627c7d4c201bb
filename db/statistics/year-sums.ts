import 'server-only';
import type { Db } from '@/db';
import type { County } from '@/db/schema';
import { TRAINING_AUDIENCES } from '@/lib/enums';
import { emptyScopeSums, type CubeOptions } from './cube';
import {
  loadPersonRowsByYear,
  loadThbPersonRows,
  personFiguresOf,
  personRelations,
  thbFiguresOf,
  type PersonRow,
  type ThbPersonRow,
} from './persons';
import { loadCountySumsByYear, type CountySums } from './rollups';

// The full figures of whole calendar years, as a release is made from them and as an insider's
// own counties are shown beside a release.

/** Participants by audience add up to all participants: a relation the cube keeps beside the rollups' own. */
const EXTRA_GROUPS = [{ parts: TRAINING_AUDIENCES.map((a) => `participants_${a}`), whole: 'participants' }];

/** The full figures of every county for calendar years, persons by legal status included. */
export async function loadYearSums(db: Db, years: readonly number[], today: string): Promise<Map<number, CountySums>> {
  const range = { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
  const [byYear, persons, thb] = await Promise.all([
    loadCountySumsByYear(db, years, today),
    loadPersonRowsByYear(db, range),
    loadThbPersonRows(db, range),
  ]);
  for (const r of persons) {
    const byCounty = byYear.get(Number(r.y));
    if (byCounty) addPersonRow(byCounty, r);
  }
  for (const r of thb) {
    const byCounty = byYear.get(Number(r.y));
    if (byCounty) addThbPersonRow(byCounty, r);
  }
  return byYear;
}

/** What the protection of a year is computed over: its counties' sums and every relation between them. */
export function cubeOptionsOf(counties: readonly County[], sums: CountySums, threshold: number): CubeOptions {
  return { counties, sums, threshold, extraGroups: [...EXTRA_GROUPS, ...personRelations(extraKeys(sums))] };
}

/** Persons by legal status into the county's extra figures (decision 014). */
export function addPersonRow(byCounty: CountySums, row: PersonRow): void {
  addExtras(byCounty, row.county_code, personFiguresOf(row));
}

function addExtras(byCounty: CountySums, county: string, figures: readonly [string, number][]): void {
  let sums = byCounty.get(county);
  if (!sums) byCounty.set(county, (sums = emptyScopeSums()));
  for (const [k, n] of figures) sums.extra[k] = (sums.extra[k] ?? 0) + n;
}

/** crim_thb's persons into the county's extra figures (issue 15). */
function addThbPersonRow(byCounty: CountySums, row: ThbPersonRow): void {
  addExtras(byCounty, row.county_code, thbFiguresOf(row));
}

function extraKeys(byCounty: CountySums): Set<string> {
  return new Set([...byCounty.values()].flatMap((s) => Object.keys(s.extra)));
}
