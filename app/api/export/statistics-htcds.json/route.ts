import { getHtcdsExport } from '@/db/statistics/exports';
import { suppressionThreshold } from '@/db/statistics/protection';
import { statisticsExportRoute } from '../../statistics/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export/statistics-htcds.json?from&to[&county]: cases and parties in HTCDS codes with
 * no identifiers (full viewers), and HTCDS-coded aggregates (everyone; suppressed outside the county).
 */
export const GET = statisticsExportRoute(async ({ actor, params, today }) => {
  const out = await getHtcdsExport(actor, { county: params.county, period: params.period, today });
  const body = {
    standard: 'HTCDS (UN/IOM Human Trafficking Case Data Standard), mapping: docs/statistics-mapping.md',
    country: 'SE',
    region: out.scope.kind === 'nation' ? null : out.scope.nameSv,
    period: { from: params.period.from, to: params.period.to },
    suppression: { applied: out.access === 'suppressed', threshold: suppressionThreshold() },
    aggregates: out.aggregates.map((a) => ({ dimension: a.dimension, code: a.code, ...a.count })),
    cases: out.cases,
    truncated: out.truncated,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="lagesbild-htcds-${params.period.from}-${params.period.to}.json"`,
      'Cache-Control': 'no-store',
    },
  });
});
