import { todayInStockholm } from '@/app/(app)/cases/schema';
import { getActor } from '@/app/_lib/session';
import { getHtcdsExport } from '@/db/queries/statistics';
import { listCounties } from '@/db/queries/counties';
import { suppressionThreshold } from '@/db/statistics/suppression';
import { errorResponse, parseApiParams } from '../../statistics/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export/statistics-htcds.json?from&to[&county]: cases and parties in HTCDS codes with
 * no identifiers (full viewers), and HTCDS-coded aggregates (everyone; suppressed outside the county).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  const counties = await listCounties();
  const today = todayInStockholm();
  const parsed = parseApiParams(new URL(request.url), actor, today, counties.map((c) => c.code));
  if (!parsed.ok) return Response.json(parsed.error.body, { status: parsed.error.status });
  try {
    const out = await getHtcdsExport(actor, { county: parsed.params.county, period: parsed.params.period, today });
    const body = {
      standard: 'HTCDS (UN/IOM Human Trafficking Case Data Standard), mapping: docs/statistics-mapping.md',
      country: 'SE',
      region: out.scope.kind === 'nation' ? null : out.scope.nameSv,
      period: { from: parsed.params.period.from, to: parsed.params.period.to },
      suppression: { applied: out.access === 'suppressed', threshold: suppressionThreshold() },
      aggregates: out.aggregates.map((a) => ({ dimension: a.dimension, code: a.code, ...a.count })),
      cases: out.cases,
      truncated: out.truncated,
    };
    return new Response(JSON.stringify(body, null, 2), {
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="lagesbild-htcds-${parsed.params.period.from}-${parsed.params.period.to}.json"`, 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    const response = errorResponse(error);
    if (response) return response;
    throw error;
  }
}
