import 'server-only';
import Link from 'next/link';
import type { ReleaseInfo } from '@/db/statistics/releases';
import { BarChart } from '@/components/charts/bar-chart';
import { getFormatter, getTranslations } from 'next-intl/server';
import { yearOf, yearPeriod, type Period } from '@/lib/periods';
import { periodParams, queryOf, type MapMeasureKey } from '@/lib/schemas/statistics';
import { PeriodForm } from './period-form';
import type { CategoryRow, Figure, Ratio } from '@/lib/statistics/figures';
import {
  countSpoken,
  countText,
  periodLabel,
  ratioText,
  type FigureContext,
  type Formatter,
  type Translator,
} from './format';
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
export function SuppressionNote({
  threshold,
  release,
  format,
  t,
}: {
  threshold: number;
  release: ReleaseInfo | null;
  format: Formatter;
  t: Translator;
}) {
  return (
    <p className="mt-4 rounded border border-amber-700 bg-amber-50 p-3 text-sm" role="note">
      {release
        ? `${t(release.automatic ? 'releases.shownAutomatic' : 'releases.shown', {
            year: String(release.year),
            version: release.version,
            date: format.dateTime(new Date(release.releasedAt), 'dateLong'),
          })} `
        : null}
      {t('suppressionNote', { threshold })}{' '}
      <Link href="/overview/releases" className="font-medium text-brand-700 underline">
        {t('releases.link')}
      </Link>
    </p>
  );
}

/**
 * A protected view of a year that is not released: said in words, the period form to choose a
 * released year, and the latest release a link away.
 */
export async function NotReleasedView({
  heading,
  action,
  period,
  years,
  measure,
  query,
}: {
  /** The page's heading, of the period. */
  heading: 'overview.heading' | 'releases.dashboardHeading' | 'releases.reportHeading';
  action: string;
  period: Period;
  years: number[];
  measure?: MapMeasureKey;
  /** The page's other parameters, kept in the link; a page with them has no period form here. */
  query?: Record<string, string>;
}) {
  const [t, tEnum, format] = await Promise.all([
    getTranslations('statistics'),
    getTranslations('enums'),
    getFormatter(),
  ]);
  const year = yearOf(period);
  const latest = years[0];
  return (
    <>
      <h1 className="text-2xl font-semibold">{t(heading, { period: periodLabel(period, format, t) })}</h1>
      <div role="alert" className="mt-6 rounded border border-amber-700 bg-amber-50 p-4">
        <p>{t('releases.notReleased', { year: String(year) })}</p>
        <p className="mt-2">
          {latest !== undefined ? (
            <Link
              href={`${action}${queryOf({ ...query, ...periodParams(yearPeriod(latest)), ...(measure ? { measure } : {}) })}`}
              className="font-medium text-brand-700 underline"
            >
              {t('releases.latest', { year: String(latest) })}
            </Link>
          ) : (
            t('releases.none')
          )}{' '}
          <Link href="/overview/releases" className="font-medium text-brand-700 underline">
            {t('releases.link')}
          </Link>
        </p>
      </div>
      {latest !== undefined && !query ? (
        <PeriodForm action={action} t={t} tEnum={tEnum} period={period} full={false} years={years} measure={measure} />
      ) : null}
    </>
  );
}
