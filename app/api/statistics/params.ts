import 'server-only';
import { todayInStockholm } from '@/lib/forms/fields';
import { authedRoute } from '@/app/_lib/route';
import { listCounties } from '@/db/queries/counties';
import type { County } from '@/db/schema';
import { OFFENCES, type Offence } from '@/lib/enums';
import type { AppError } from '@/lib/errors';
import {
  GRANULARITIES,
  addDays,
  isIsoDay,
  lengthInDays,
  periodOf,
  FIRST_DAY,
  type Granularity,
  type Period,
} from '@/lib/periods';
import { homeCounties, type Actor } from '@/lib/policy';
import { POLICE_REGIONS, regionByName, type PoliceRegion } from '@/lib/regions';

export type ApiParams = {
  county: string | null;
  /** A police region instead of a county (county is then null). */
  region?: PoliceRegion;
  period: Period;
  offences: Offence[];
  granularity: Granularity | undefined;
};
export type ApiError = { status: 400; body: { error: 'invalid_parameter'; parameter: string; message: string } };

const bad = (parameter: string, message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { status: 400, body: { error: 'invalid_parameter', parameter, message } },
});

/**
 * from=YYYY-MM-DD&to=YYYY-MM-DD[&county=CODE|&region=NAME][&offences=a,b][&granularity=month|quarter|year].
 * Without county or region: the nation — for county roles their own county, for the regional
 * coordinator their region.
 */
export function parseApiParams(
  url: URL,
  actor: Actor,
  today: string,
  knownCounties: readonly string[],
): { ok: true; params: ApiParams } | { ok: false; error: ApiError } {
  const q = url.searchParams;
  const allowed = new Set(['from', 'to', 'county', 'region', 'offences', 'granularity']);
  for (const key of q.keys())
    if (!allowed.has(key))
      return bad(key, `Unknown parameter "${key}". Allowed: from, to, county, region, offences, granularity.`);
  const from = q.get('from');
  const to = q.get('to');
  if (!from) return bad('from', 'Required: the first day of the period, YYYY-MM-DD.');
  if (!to) return bad('to', 'Required: the last day of the period, YYYY-MM-DD.');
  if (!isIsoDay(from)) return bad('from', `"${from}" is not a date in the form YYYY-MM-DD.`);
  if (!isIsoDay(to)) return bad('to', `"${to}" is not a date in the form YYYY-MM-DD.`);
  if (from > to) return bad('to', 'The period ends before it starts.');
  if (from < FIRST_DAY) return bad('from', `The register starts on ${FIRST_DAY}.`);
  if (to > addDays(today, 366 * 2)) return bad('to', 'The period ends too far in the future.');
  if (lengthInDays({ from, to }) > 366 * 40) return bad('to', 'The period is longer than 40 years.');
  let county = q.get('county');
  if (county !== null && !knownCounties.includes(county))
    return bad('county', `"${county}" is not a county code (two digits, e.g. 01 for Stockholm).`);
  const regionRaw = q.get('region');
  let region = regionRaw === null ? undefined : (regionByName(regionRaw) ?? undefined);
  if (regionRaw !== null && !region)
    return bad('region', `"${regionRaw}" is not a police region. Allowed: ${POLICE_REGIONS.join(', ')}.`);
  if (region && county !== null) return bad('region', 'Give a county or a region, not both.');
  if (county === null && !region) {
    const home = homeCounties(actor);
    if (actor.region && home !== 'all') region = actor.region.name;
    else county = home === 'all' ? null : (home[0] ?? null);
  }
  const offencesRaw = q.get('offences');
  const offences = offencesRaw ? offencesRaw.split(',').map((s) => s.trim()) : [];
  const unknown = offences.find((o) => !(OFFENCES as readonly string[]).includes(o));
  if (unknown !== undefined) return bad('offences', `"${unknown}" is not an offence. Allowed: ${OFFENCES.join(', ')}.`);
  const granularity = q.get('granularity');
  if (granularity !== null && !(GRANULARITIES as readonly string[]).includes(granularity))
    return bad('granularity', 'Allowed: month, quarter, year.');
  return {
    ok: true,
    params: {
      county,
      ...(region ? { region } : {}),
      period: periodOf(from, to),
      offences: offences as Offence[],
      granularity: (granularity ?? undefined) as Granularity | undefined,
    },
  };
}

export type StatisticsRequest = { actor: Actor; params: ApiParams; counties: County[]; today: string };

/**
 * A statistics route: the one route wrapper (signed in, refusals as HTTP answers) with the
 * statistics API's own parameters and words. The handler only reads and shapes the figures.
 */
export function statisticsRoute(
  handle: (request: StatisticsRequest) => Promise<Response>,
  options: { regions?: boolean; national?: boolean } = { regions: true },
) {
  return authedRoute(
    {
      messages: { unauthenticated: 'Sign in first.', forbidden: 'You may not read these statistics.' },
      refusal: filterRefusal,
    },
    async ({ request, actor }) => {
      const today = todayInStockholm();
      const counties = await listCounties();
      // A national table: a county or a region is refused by name, whoever asks.
      const url = new URL(request.url);
      for (const parameter of ['county', 'region'])
        if (options.national && url.searchParams.has(parameter)) {
          const { error } = bad(
            parameter,
            'This table is for the country only (Eurostat publishes crim_thb nationally).',
          );
          return Response.json(error.body, { status: error.status });
        }
      const parsed = parseApiParams(
        url,
        actor,
        today,
        counties.map((c) => c.code),
      );
      if (!parsed.ok) return Response.json(parsed.error.body, { status: parsed.error.status });
      // The exports are per county or the nation: a region (named, or the regional coordinator's own) is refused by name.
      if (parsed.params.region && !options.regions) {
        const { error } = bad('region', 'This export is for one county or the nation: give county=CODE.');
        return Response.json(error.body, { status: error.status });
      }
      return handle({ actor, params: parsed.params, counties, today });
    },
  );
}

/** The periods and filters that only figures in full allow, explained by parameter. */
function filterRefusal(error: AppError): Response | null {
  if (error.code === 'invalid' && error.message === 'period_not_allowed')
    return Response.json(
      {
        error: 'invalid_parameter',
        parameter: 'from',
        message: 'Figures outside your county are given for calendar years only: from=YYYY-01-01&to=YYYY-12-31.',
      },
      { status: 400 },
    );
  if (error.code === 'invalid' && error.message === 'whole_years_only')
    return Response.json(
      {
        error: 'invalid_parameter',
        parameter: 'from',
        message: 'This table is annual: from=YYYY-01-01&to=YYYY-12-31 (one or more whole calendar years).',
      },
      { status: 400 },
    );
  if (error.code === 'invalid' && error.message === 'filter_not_allowed')
    return Response.json(
      {
        error: 'invalid_parameter',
        parameter: 'offences',
        message: 'Offence filters are for figures in full only (your own county, or the national coordinator).',
      },
      { status: 400 },
    );
  return null;
}

/** The statistics exports: one county or the nation (or, `national`, the nation only), so a region is refused by name. */
export function statisticsExportRoute(
  handle: (request: StatisticsRequest) => Promise<Response>,
  options: { national?: boolean } = {},
) {
  return statisticsRoute(handle, { regions: false, ...options });
}
