import type { Metadata } from 'next';
import { forbidden, notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import { todayInStockholm } from '@/lib/forms/fields';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { quintileClasses } from '@/components/map/map-colours';
import { StaticMap } from '@/components/map/static-map';
import { allowedStatisticsRequest, dashboardTarget } from '@/db/statistics/access';
import { parseScope, regionSlug } from '@/lib/regions';
import { getDashboard } from '@/db/statistics/dashboard';
import { getNationalOverview, type Overview } from '@/db/statistics/overview';
import { getRegionComparison } from '@/db/statistics/region';
import { RegionCounties } from '../overview/_components/region-counties';
import { DashboardBody } from '../overview/_components/dashboard-body';
import { countText, periodLabel, ratioText, type Formatter, type Translator } from '../overview/_components/format';
import { NotReleasedView, SuppressionNote } from '../overview/_components/sections';
import { releaseGate } from '@/db/statistics/releases';
import { yearOf } from '@/lib/periods';
import { parseStatisticsParams } from '@/lib/schemas/statistics';
import { PrintButton } from './print-button';
import { summarise } from './summary';
import { TableScroll } from '@/components/ui/table-scroll';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('statistics.report');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Cases per 100,000 in five quintile classes of the shown counties; hidden counties hatched. */
function mapColours(overview: Overview): Record<string, number | null> {
  const { classOf } = quintileClasses(
    overview.counties.filter((c) => !c.per100k.suppressed && c.per100k.value !== null).map((c) => c.per100k.value!),
  );
  return Object.fromEntries(
    overview.counties.map((c) => [
      c.svgId,
      c.per100k.suppressed || c.per100k.value === null ? null : classOf(c.per100k.value),
    ]),
  );
}

/** The printable situation report (lägesbild) for a county, a police region or the nation and a period. */
export default async function ReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  // Without a scope: the person's own (their county, their police region, or the nation).
  const home = actor.county ?? (actor.region ? regionSlug(actor.region.name) : 'SE');
  const scope = parseScope(typeof raw.scope === 'string' && raw.scope ? raw.scope : home) ?? notFound();
  const county = scope.kind === 'county' ? scope.code : null;
  const region = scope.kind === 'region' ? scope.region : undefined;
  const today = todayInStockholm();
  const p = parseStatisticsParams(raw, today);
  const { access, period, offences } = allowedStatisticsRequest(actor, dashboardTarget(scope), p) ?? forbidden();
  // The map beside it, for those who may see the national overview, as they may see it: protected,
  // only where the year is released.
  const overviewRequest = allowedStatisticsRequest(actor, { view: 'overview' }, { period });
  const [gate, mapGate] = await Promise.all([
    releaseGate(access, yearOf(period), today),
    overviewRequest ? releaseGate(overviewRequest.access, yearOf(overviewRequest.period), today) : null,
  ]);
  if (!gate.released) {
    return (
      <NotReleasedView
        heading="releases.reportHeading"
        action="/report"
        query={{ scope: typeof raw.scope === 'string' && raw.scope ? raw.scope : home }}
        period={period}
        years={gate.years!}
      />
    );
  }
  const map = mapGate?.released ? overviewRequest : null;
  const [d, comparison, overview, t, tEnum, format, locale] = await Promise.all([
    loadForPage(getDashboard(actor, { county, region, period, offences, granularity: p.granularity, today })),
    region ? loadForPage(getRegionComparison(actor, { region, period, today })) : null,
    map ? getNationalOverview(actor, { period: map.period, today, trendYears: 1 }) : Promise.resolve(null),
    getTranslations('statistics'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  const name = locale === 'en' ? d.scope.nameEn : d.scope.nameSv;
  const current = periodLabel(d.period, format, t);
  const previous = periodLabel(d.previousPeriod, format, t);
  const summary = summarise(d, t, format, tEnum);
  const threshold = d.threshold;
  return (
    <article aria-labelledby="report-title">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm uppercase tracking-wide text-slate-700">{t('report.kicker')}</p>
          <h1 id="report-title" className="text-2xl font-semibold">
            {t('report.heading', { scope: name, period: current })}
          </h1>
          <p className="text-sm text-slate-700">
            {t('report.generated', { date: format.dateTime(new Date(`${today}T12:00:00Z`), 'dateLong'), previous })}
          </p>
          {d.offenceFilter.length > 0 ? (
            <p className="text-sm">
              {t('dashboard.filtered', { offences: d.offenceFilter.map((o) => tEnum(`offence.${o}`)).join(', ') })}
            </p>
          ) : null}
        </div>
        <PrintButton label={t('report.print')} />
      </div>
      {d.access === 'suppressed' ? (
        <SuppressionNote threshold={threshold} release={d.release} format={format} t={t} />
      ) : null}

      <section aria-labelledby="report-summary" className="mt-6">
        <h2 id="report-summary" className="text-xl font-semibold">
          {t('report.summary')}
        </h2>
        <p className="mt-2 max-w-3xl text-lg leading-relaxed">{summary.join(' ')}</p>
      </section>

      {comparison ? (
        <RegionCounties comparison={comparison} t={t} format={format} locale={locale} currentLabel={current} />
      ) : null}

      {overview ? (
        <ReportMap
          overview={overview}
          highlight={
            region ? overview.counties.filter((c) => c.policeRegion === region).map((c) => c.code) : [d.scope.code]
          }
          format={format}
          t={t}
          locale={locale}
        />
      ) : null}

      <DashboardBody
        d={d}
        tEnum={tEnum}
        common={{ format, threshold, t, currentLabel: current, previousLabel: previous }}
      />
    </article>
  );
}

/** The national map of cases per 100,000 beside its table, the report's own scope highlighted. */
function ReportMap({
  overview,
  highlight,
  format,
  t,
  locale,
}: {
  overview: Overview;
  /** The report's own counties (one, a region's, or none for the nation). */
  highlight: readonly string[];
  format: Formatter;
  t: Translator;
  locale: string;
}) {
  const byName = [...overview.counties].sort((a, b) =>
    countyName(a, locale).localeCompare(countyName(b, locale), locale === 'en' ? 'en' : 'sv'),
  );
  return (
    <section aria-labelledby="report-map" className="mt-6 grid gap-6 md:grid-cols-[14rem_1fr]">
      <div>
        <h2 id="report-map" className="text-xl font-semibold">
          {t('report.map', { period: periodLabel(overview.period, format, t) })}
        </h2>
        <StaticMap title={t('report.mapLabel')} colours={mapColours(overview)} />
      </div>
      <TableScroll label={t('report.mapTable')} className="self-start">
        <table className="min-w-full self-start border-collapse text-left text-sm">
          <caption className="sr-only">{t('report.mapTable')}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-1 pr-3">
                {t('overview.columns.county')}
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                {t('overview.columns.cases')}
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                {t('overview.columns.per100k')}
              </th>
            </tr>
          </thead>
          <tbody>
            {byName.map((c) => (
              <tr
                key={c.code}
                className={`border-b border-slate-200 ${highlight.includes(c.code) ? 'bg-brand-50 font-semibold' : ''}`}
              >
                <th scope="row" className="py-0.5 pr-3 font-normal">
                  {countyName(c, locale)}
                </th>
                <td className="py-0.5 pr-3 text-right tabular-nums">{countText(c.cases.current, format)}</td>
                <td className="py-0.5 pr-3 text-right tabular-nums">{ratioText(c.per100k, format, 'rate')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
