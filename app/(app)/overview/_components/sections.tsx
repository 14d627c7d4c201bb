import 'server-only';
import { BarChart } from '@/components/charts/bar-chart';
import type { CategoryRow, Figure, Ratio } from '@/lib/statistics/figures';
import { countSpoken, countText, ratioText, type FigureContext, type Formatter, type Translator } from './format';
import { TableScroll } from '@/components/ui/table-scroll';

/** A key figure: the count, the previous period's and the change. */
export function KeyFigure({
  label,
  figure,
  format,
  t,
  previousLabel,
}: { label: string; figure: Figure } & Omit<FigureContext, 'currentLabel'>) {
  return (
    <div className="rounded border border-slate-300 p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">
        {figure.current.suppressed ? (
          <>
            <span aria-hidden="true">{countText(figure.current, format)}</span>
            <span className="sr-only">{countSpoken(figure.current, format, t)}</span>
          </>
        ) : (
          countText(figure.current, format)
        )}
      </dd>
      <dd className="text-sm text-slate-700">
        {previousLabel}: {countText(figure.previous, format)} ({ratioText(figure.change, format, 'change')})
      </dd>
    </div>
  );
}

export function KeyRatio({
  label,
  current,
  previous,
  format,
  kind,
  previousLabel,
}: {
  label: string;
  current: Ratio;
  previous: Ratio;
  format: Formatter;
  kind: 'percent' | 'rate';
  previousLabel: string;
}) {
  return (
    <div className="rounded border border-slate-300 p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">{ratioText(current, format, kind)}</dd>
      <dd className="text-sm text-slate-700">
        {previousLabel}: {ratioText(previous, format, kind)}
      </dd>
    </div>
  );
}

/** One breakdown: a bar chart and its table (the chart's text alternative), current beside previous. */
export function CategorySection<Key extends string>({
  id,
  title,
  rows,
  labelOf,
  format,
  t,
  currentLabel,
  previousLabel,
  hideEmpty = false,
}: {
  id: string;
  title: string;
  rows: CategoryRow<Key>[];
  labelOf: (key: Key) => string;
  hideEmpty?: boolean;
} & FigureContext) {
  const shown = hideEmpty ? rows.filter((r) => r.current.value !== 0 || r.previous.value !== 0) : rows;
  return (
    <section aria-labelledby={id} className="mt-8 break-inside-avoid">
      <h3 id={id} className="text-lg font-semibold">
        {title}
      </h3>
      {shown.length === 0 ? (
        <p className="mt-2">{t('none')}</p>
      ) : (
        <div className="mt-2 grid gap-4 lg:grid-cols-2">
          <BarChart
            title={t('chartOf', { title })}
            previousLabel={previousLabel}
            bars={shown.map((r) => ({
              label: labelOf(r.key),
              value: r.current.value,
              previous: r.previous.value,
              valueText: countText(r.current, format),
            }))}
          />
          <TableScroll label={title}>
            <table className="min-w-full border-collapse text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className="py-1 pr-3">
                    {t('category')}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {currentLabel}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {previousLabel}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    {t('change')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.key} className="border-b border-slate-200">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {labelOf(r.key)}
                    </th>
                    <td className="py-1 pr-3 text-right tabular-nums">{countText(r.current, format)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{countText(r.previous, format)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{ratioText(r.change, format, 'change')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
    </section>
  );
}

/** The legend of the hidden values, shown wherever figures are suppressed. */
export function SuppressionNote({ threshold, t }: { threshold: number; t: Translator }) {
  return (
    <p className="mt-4 rounded border border-amber-700 bg-amber-50 p-3 text-sm" role="note">
      {t('suppressionNote', { threshold })}
    </p>
  );
}
