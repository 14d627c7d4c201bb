import 'server-only';
import type { Offence } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { yearPeriod, type Period } from '@/lib/periods';
import { countyScope, homeCounties, type Actor } from '@/lib/policy';
import type { PoliceRegion, ScopeRef } from '@/lib/regions';

// Who may see which figures, full or suppressed (decision 006): decided here and nowhere else.
// The pages ask before they render, so that a refusal is a 403 and a suppressed viewer is shown
// what suppressed figures exist for; every query asks again before it reads.

export type Access = 'full' | 'suppressed';

/**
 * The national overview (map, county table), the dashboard of a county (null: the nation's), or
 * the dashboard of a police region (its counties side by side).
 */
export type StatisticsTarget =
  { view: 'overview' } | { view: 'dashboard'; county: string | null } | { view: 'region'; region: PoliceRegion };

/** The dashboard a scope of the URL names: the nation's, a county's or a police region's. */
export function dashboardTarget(scope: ScopeRef): StatisticsTarget {
  if (scope.kind === 'region') return { view: 'region', region: scope.region };
  return { view: 'dashboard', county: scope.kind === 'county' ? scope.code : null };
}

/**
 * 'full' or 'suppressed' figures for the target, or null for none. County roles see their own
 * county in full and other counties only through the national overview, suppressed; the regional
 * coordinator the same with every county of the region and the region itself; the national
 * coordinator sees everything in full; the analyst everything suppressed; the admin nothing.
 */
export function statisticsAccess(actor: Actor, target: StatisticsTarget): Access | null {
  const full = countyScope(actor, 'statistics.read');
  const suppressed = countyScope(actor, 'statistics.read_suppressed');
  const national = homeCounties(actor) === 'all';
  if (target.view === 'overview') {
    if (full === 'all') return 'full';
    if (suppressed === 'all' || suppressed.length > 0) return 'suppressed';
  } else if (target.view === 'region') {
    if (full === 'all' || (actor.region?.name === target.region && full.length > 0)) return 'full';
    if (national && suppressed === 'all') return 'suppressed';
  } else if (target.county === null) {
    if (full === 'all') return 'full';
    if (national && suppressed === 'all') return 'suppressed';
  } else {
    if (full === 'all' || full.includes(target.county)) return 'full';
    if (national && (suppressed === 'all' || suppressed.includes(target.county))) return 'suppressed';
  }
  return null;
}

export type StatisticsRequest = { period: Period; offences?: readonly Offence[] };

/**
 * For the queries: the viewer's access to the target, refused when they have none, and when a
 * suppressed request asks for what suppressed figures do not exist for — periods other than
 * calendar years (overlapping periods would give small counts away by differencing) or an
 * offence filter.
 */
export function requireStatisticsAccess(actor: Actor, target: StatisticsTarget, request: StatisticsRequest): Access {
  const access = statisticsAccess(actor, target);
  if (!access) throw new AppError('forbidden', `${actor.role} may not read these statistics`);
  if (access === 'suppressed') {
    if (request.period.kind !== 'year')
      throw new AppError('invalid', 'period_not_allowed', { message: 'statistics.errors.yearOnly' });
    if ((request.offences ?? []).length > 0)
      throw new AppError('invalid', 'filter_not_allowed', { message: 'statistics.errors.noFilter' });
  }
  return access;
}

/**
 * For the pages: what the viewer is shown for the chosen period and offence filter, or null when
 * they may not see the target. Suppressed viewers get the calendar year the chosen period starts
 * in and no offence filter; full viewers what they chose.
 */
export function allowedStatisticsRequest(
  actor: Actor,
  target: StatisticsTarget,
  chosen: StatisticsRequest,
): { access: Access; period: Period; offences: Offence[] } | null {
  const access = statisticsAccess(actor, target);
  if (!access) return null;
  if (access === 'full') return { access, period: chosen.period, offences: [...(chosen.offences ?? [])] };
  const period = chosen.period.kind === 'year' ? chosen.period : yearPeriod(Number(chosen.period.from.slice(0, 4)));
  return { access, period, offences: [] };
}

/** The counties whose figures the viewer knows in full anyway (their own; none listed for national full viewers). */
export function knownCounties(actor: Actor): string[] {
  const full = countyScope(actor, 'statistics.read');
  return full === 'all' ? [] : [...full];
}
