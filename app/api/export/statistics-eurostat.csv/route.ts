import { getEurostatTables } from '@/db/statistics/exports';
import { sdmxCsv } from '@/db/statistics/eurostat';
import { statisticsExportRoute } from '../../statistics/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export/statistics-eurostat.csv?from=YYYY-01-01&to=YYYY-12-31: Eurostat crim_thb for
 * the country, as SDMX-CSV (comma-separated: the one stated exception to the app's semicolon
 * CSV). crim_thb is national: a county or a region is refused. docs/statistics-mapping.md.
 */
export const GET = statisticsExportRoute(
  async ({ actor, params, today }) => {
    const { observations } = await getEurostatTables(actor, { period: params.period, today });
    const years = `${params.period.from.slice(0, 4)}-${params.period.to.slice(0, 4)}`;
    return new Response(sdmxCsv(observations), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="lagesbild-eurostat-crim_thb-SE-${years}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  },
  { national: true },
);
