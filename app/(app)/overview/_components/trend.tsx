import 'server-only';
import { ColumnChart } from '@/components/charts/column-chart';
import type { Count } from '@/lib/statistics/figures';
import { countText, type Formatter, type Translator } from './format';

/** The trend as columns and, beside them, as a table (the chart's text alternative). */
export function TrendBlock({
  points,
  format,
  threshold,
  t,
  granularity = 'year',
}: {
  points: { start: string; value: Count }[];
  format: Formatter;
  threshold: number;
  t: Translator;
  granularity?: 'month' | 'quarter' | 'year';
}) {
  const label = (start: string) =>
    granularity === 'year'
      ? start.slice(0, 4)
      : granularity === 'quarter'
        ? t('quarterShort', { quarter: Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1, year: start.slice(0, 4) })
        : format.dateTime(new Date(`${start}T12:00:00Z`), 'monthYear');
  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-2">
      <ColumnChart
        title={t('trendChart')}
        hiddenLabel={`<${threshold}`}
        columns={points.map((p) => ({
          label: label(p.start),
          value: p.value.suppressed ? null : p.value.value,
          valueText: countText(p.value, format),
        }))}
      />
      <div className="max-h-80 overflow-y-auto" tabIndex={0} role="region" aria-label={t('trendTable')}>
        <table className="min-w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t('trendChart')}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-1 pr-3">
                {t('periodColumn')}
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                {t('figures.cases')}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start} className="border-b border-slate-200">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {label(p.start)}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">{countText(p.value, format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
