// Collect everything a viewer is shown: the national overview and every dashboard the statistics
// API answers for them (the nation, each county, each police region), for the given calendar
// years, from the same server functions the API's route handlers and the pages call. Each answer
// goes through JSON as it would over HTTP, and a refusal (the API's 403) simply leaves that
// dashboard out, as it would for a person trying every URL. The Eurostat export as its CSV gives it.
import { randomUUID } from 'node:crypto';
import { getDashboard } from '@/db/statistics/dashboard';
import { getEurostatTables } from '@/db/statistics/exports';
import { getNationalOverview } from '@/db/statistics/overview';
import { AppError } from '@/lib/errors';
import { yearPeriod } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import { POLICE_REGIONS, type PoliceRegion } from '@/lib/regions';
import {
  emptyObserved,
  readDashboard,
  readEurostat,
  readOverview,
  type DashboardJson,
  type EurostatObservationJson,
  type Observed,
  type OverviewJson,
} from './products';

/** The viewers of the attack: the analyst, an insider of one county, or of one police region. */
export type Viewer =
  | { kind: 'analyst' }
  | { kind: 'county'; county: string }
  | { kind: 'region'; region: PoliceRegion; counties: readonly string[] }
  | { kind: 'full' };

export function viewerName(v: Viewer): string {
  if (v.kind === 'county') return `county ${v.county}`;
  if (v.kind === 'region') return `region ${v.region}`;
  return v.kind === 'analyst' ? 'analyst' : 'full';
}

/** The signed-in person a viewer is (a county coordinator knows their county in full; a regional coordinator their region). */
function actorOf(v: Viewer, id: string): Actor {
  if (v.kind === 'county') return { id, role: 'county_coordinator', county: v.county };
  if (v.kind === 'region')
    return { id, role: 'regional_coordinator', county: null, region: { name: v.region, counties: v.counties } };
  return { id, role: v.kind === 'analyst' ? 'national_analyst' : 'national_coordinator', county: null };
}

/** As the API would send it: only what survives JSON. */
const overHttp = <T>(x: unknown): T => JSON.parse(JSON.stringify(x)) as T;

async function unlessRefused<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (error) {
    // Refused (403, 404), or a year not released yet (shown to nobody outside its scope).
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found')) return null;
    if (error instanceof AppError && error.message === 'not_released') return null;
    throw error;
  }
}

/**
 * Everything the viewer is shown for the years (and, through "previous" columns and trends, the
 * years before). `account`: the id of an account of the viewer's role, as whom the exports are
 * read (every export is in the audit log under the person who made it); without one, no exports.
 * An insider (issue 14's threat model) sees every product a protected viewer can reach — the
 * analyst's — and knows their own county's (or region's and its counties') full figures, read
 * from their own dashboards.
 */
export async function collectProducts(
  v: Viewer,
  years: readonly number[],
  today: string,
  account?: string,
): Promise<Observed> {
  if (v.kind === 'county' || v.kind === 'region') {
    const o = await collectProducts({ kind: 'analyst' }, years, today, account);
    const insider = actorOf(v, randomUUID());
    const own =
      v.kind === 'county'
        ? [{ county: v.county }]
        : [{ county: null, region: v.region }, ...v.counties.map((county) => ({ county }))];
    for (const year of years)
      for (const t of own) {
        const d = await getDashboard(insider, { ...t, period: yearPeriod(year), today });
        // Their own figures are live, released or not.
        if (d.access !== 'full') throw new Error(`${viewerName(v)} does not see their own figures in full`);
        readDashboard(o, overHttp<DashboardJson>(d), true);
      }
    return o;
  }
  const o = emptyObserved();
  const actor = actorOf(v, account ?? randomUUID());
  for (const year of years) {
    const period = yearPeriod(year);
    const overview = await unlessRefused(getNationalOverview(actor, { period, today }));
    if (overview) readOverview(o, overHttp<OverviewJson>(overview));
    const targets = [
      { county: null },
      ...[...o.counties.keys()].map((county) => ({ county })),
      ...POLICE_REGIONS.map((region) => ({ county: null, region })),
    ];
    for (const t of targets) {
      const d = await unlessRefused(getDashboard(actor, { ...t, period, today }));
      if (d) readDashboard(o, overHttp<DashboardJson>(d));
    }
    if (!account) continue;
    const e = await unlessRefused(getEurostatTables(actor, { period, today }));
    // As the CSV gives it: a value, or flagged confidential (without saying why).
    if (e)
      readEurostat(
        o,
        overHttp<{ observations: EurostatObservationJson[] }>(e).observations.map((r) => ({
          ...r,
          count: { value: r.count.value, suppressed: r.count.suppressed },
        })),
      );
  }
  return o;
}

/** The counties of each police region, as the full overview lists them. */
export function regionCounties(o: Observed): Map<PoliceRegion, string[]> {
  const out = new Map<PoliceRegion, string[]>();
  for (const [code, region] of o.counties) {
    const r = region as PoliceRegion;
    (out.get(r) ?? out.set(r, []).get(r)!).push(code);
  }
  return out;
}
