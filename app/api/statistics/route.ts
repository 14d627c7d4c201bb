import { getDashboard } from '@/db/statistics/dashboard';
import { statisticsRoute } from './params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/statistics?from=YYYY-MM-DD&to=YYYY-MM-DD[&county=CODE] — the dashboard's figures as
 * JSON, under the dashboard's access and suppression rules: a hidden count is
 * { "value": null, "suppressed": true }, never the number. README: "Statistics API".
 */
export const GET = statisticsRoute(async ({ actor, params, today }) => {
  const d = await getDashboard(actor, { ...params, today });
  return Response.json(
    { ...d, suppression: { applied: d.access === 'suppressed', threshold: d.threshold } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});
