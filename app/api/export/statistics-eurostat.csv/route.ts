import { getEurostatTables, type EurostatRow } from '@/db/statistics/exports';
import { statisticsExportRoute } from '../../statistics/params';
import { toCsv, type Column } from '../_lib/tabular';

export const dynamic = 'force-dynamic';

// Eurostat's codes (crim_thb); docs/statistics-mapping.md.
const SEX: Record<string, string> = { woman: 'F', man: 'M', other: 'OTH', unknown: 'UNK', total: 'T' };
const LEGAL_STATUS: Record<string, string> = {
  victim: 'VICT',
  suspected: 'SUSP',
  prosecuted: 'PROS',
  convicted: 'CONV',
};
const CITIZEN: Record<string, string> = {
  swedish: 'NAT',
  other_eu: 'EU27_2020_FOR',
  non_eu: 'NEU27_2020_FOR',
  unknown: 'UNK',
  total: 'TOTAL',
};
const EXPLOITATION: Record<string, string> = { sexual: 'SEX', labour: 'LAB', other: 'OTH', total: 'TOTAL' };
const AGE: Record<string, string> = { child: 'Y_LT18', adult: 'Y_GE18', unknown: 'UNK', total: 'TOTAL' };

/** GET /api/export/statistics-eurostat.csv?from&to[&county]: same rules as /api/statistics. */
export const GET = statisticsExportRoute(async ({ actor, params, counties, today }) => {
  const { rows, scope } = await getEurostatTables(actor, { county: params.county, period: params.period, today });
  const letter = counties.find((c) => c.code === scope.code)?.letter;
  const geo = scope.kind === 'nation' ? 'SE' : `SE-${letter}`;
  const columns: Column<EurostatRow>[] = [
    { header: 'table', value: (r) => r.table },
    { header: 'geo', value: () => geo },
    { header: 'period_from', value: () => params.period.from },
    { header: 'period_to', value: () => params.period.to },
    { header: 'leg_stat', value: (r) => (r.legalStatus ? LEGAL_STATUS[r.legalStatus]! : '') },
    { header: 'sex', value: (r) => (r.sex ? SEX[r.sex]! : '') },
    { header: 'citizen', value: (r) => (r.citizenship ? CITIZEN[r.citizenship]! : '') },
    { header: 'exploitation', value: (r) => (r.exploitation ? EXPLOITATION[r.exploitation]! : '') },
    { header: 'age', value: (r) => (r.age ? AGE[r.age]! : '') },
    { header: 'value', value: (r) => (r.count.suppressed ? null : r.count.value) },
    { header: 'suppressed', value: (r) => (r.count.suppressed ? 'true' : 'false') },
  ];
  const name = `lagesbild-eurostat-${geo}-${params.period.from}-${params.period.to}`;
  return new Response(toCsv(columns, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
