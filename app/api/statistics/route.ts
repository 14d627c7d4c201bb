import { todayInStockholm } from '@/app/(app)/cases/schema';
import { getActor } from '@/app/_lib/session';
import { getDashboard } from '@/db/queries/statistics';
import { listCounties } from '@/db/queries/counties';
import { errorResponse, parseApiParams } from './params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD[&county=CODE] — the dashboard's figures as
 * JSON, under the dashboard's access and suppression rules: a hidden count is
 * { "value": null, "suppressed": true }, never the number. README: "Statistics API".
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: 'unauthenticated', message: 'Sign in first.' }, { status: 401 });
  const today = todayInStockholm();
  const counties = await listCounties();
  const parsed = parseApiParams(new URL(request.url), actor, today, counties.map((c) => c.code));
  if (!parsed.ok) return Response.json(parsed.error.body, { status: parsed.error.status });
  try {
    const d = await getDashboard(actor, { ...parsed.params, today });
    return Response.json(
      { ...d, suppression: { applied: d.access === 'suppressed', threshold: d.threshold } },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    const response = errorResponse(error);
    if (response) return response;
    throw error;
  }
}
