import { getTranslations } from 'next-intl/server';
import { getSwedishOffenceTable, type SwedishTableRow } from '@/db/statistics/exports';
import { statisticsExportRoute } from '../../statistics/params';
import { toCsv, type Column } from '../_lib/tabular';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export/statistics-sweden-offences.csv?from=YYYY-01-01&to=YYYY-12-31: the Swedish
 * national table of the offences Eurostat's crim_thb does not cover (its own name, never
 * Eurostat's), one figure a line, in the app's CSV. The country only. docs/statistics-mapping.md.
 */
export const GET = statisticsExportRoute(
  async ({ actor, params, today }) => {
    const [{ rows }, t, tEnum] = await Promise.all([
      getSwedishOffenceTable(actor, { period: params.period, today }),
      getTranslations('export.swedenTable'),
      getTranslations('enums'),
    ]);
    const figureName = (r: SwedishTableRow) =>
      r.figure === 'cases' || r.figure === 'suspected' ? t(r.figure) : tEnum(`justiceStep.${r.figure}`);
    const columns: Column<SwedishTableRow>[] = [
      { header: t('year'), value: (r) => r.year },
      { header: t('offenceKey'), value: (r) => r.offence },
      { header: t('offence'), value: (r) => tEnum(`offence.${r.offence}`) },
      { header: t('figureKey'), value: (r) => r.figure },
      { header: t('figure'), value: figureName },
      { header: t('value'), value: (r) => (r.count.suppressed ? null : r.count.value) },
      { header: t('protected'), value: (r) => (r.count.suppressed ? t('yes') : t('no')) },
    ];
    const years = `${params.period.from.slice(0, 4)}-${params.period.to.slice(0, 4)}`;
    return new Response(toCsv(columns, rows), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="lagesbild-sverige-brott-${years}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  },
  { national: true },
);
