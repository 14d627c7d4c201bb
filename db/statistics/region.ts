import 'server-only';
import { yearOf, type Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import type { PoliceRegion } from '@/lib/regions';
import { requireStatisticsAccess, statisticsAccess, type Access } from './access';
import { regionScopeOf, statisticsContext, type StatisticsScope } from './context';
import { regionKey } from './cube';
import { fullFigures, rowOf, suppressedFigures, type OverviewRow } from './overview';
import { loadActiveGroups } from './rollups';

// A police region's counties side by side (the regional dashboard's table): the rows of the
// national overview's county table, for the region's counties and the region, under the
// region's access (full for its regional coordinator and the national coordinator, suppressed
// for the analyst; nobody else).

export type RegionCountyRow = OverviewRow & { code: string; activeGroup: boolean; mayOpen: boolean };

export type RegionComparison = {
  access: Access;
  threshold: number;
  period: Period;
  scope: StatisticsScope;
  counties: RegionCountyRow[];
  region: OverviewRow;
};

export async function getRegionComparison(
  actor: Actor,
  input: { region: PoliceRegion; period: Period; today: string },
): Promise<RegionComparison> {
  const access = requireStatisticsAccess(actor, { view: 'region', region: input.region }, { period: input.period });
  const ctx = await statisticsContext(actor, input.today);
  const scope = regionScopeOf(ctx, input.region);
  const year = yearOf({ from: input.period.to });
  const years = { first: year, last: year };
  const figures =
    access === 'full' ? await fullFigures(ctx, input.period, years) : await suppressedFigures(ctx, input.period, years);
  const active = await loadActiveGroups(ctx.db, input.period);
  const members = ctx.counties.filter((c) => c.policeRegion === input.region);
  return {
    access,
    threshold: ctx.threshold,
    period: input.period,
    scope,
    counties: members.map((c) => ({
      ...rowOf(figures, c.code, c, c.population),
      code: c.code,
      activeGroup: active.has(c.code),
      mayOpen: statisticsAccess(actor, { view: 'dashboard', county: c.code }) !== null,
    })),
    region: rowOf(figures, regionKey(input.region), scope, scope.population),
  };
}
