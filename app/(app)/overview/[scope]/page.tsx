import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { todayInStockholm } from '@/lib/forms/fields';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { allowedStatisticsRequest, dashboardTarget } from '@/db/statistics/access';
import { getDashboard, type Dashboard } from '@/db/statistics/dashboard';
import { getRegionComparison, type RegionComparison } from '@/db/statistics/region';
import { parseScopeSegment } from '@/lib/regions';
import { RegionCounties } from '../_components/region-counties';
import { statisticsYears } from '@/db/statistics/rollups';
import type { EnumTranslator } from '@/lib/i18n';
import { DashboardBody } from '../_components/dashboard-body';
import { periodLabel, type Formatter, type Translator } from '../_components/format';
import { PeriodForm } from '../_components/period-form';
import { NotReleasedView, SuppressionNote } from '../_components/sections';
import { releaseGate } from '@/db/statistics/releases';
import { yearOf } from '@/lib/periods';
import { parseStatisticsParams, periodParams, queryOf } from '@/lib/schemas/statistics';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ scope: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('statistics.dashboard');
  const { scope } = await params;
  const ref = parseScopeSegment(scope);
  return { title: t('title', { scope: ref?.kind === 'region' ? ref.region : scope }) };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const scope = parseScopeSegment((await params).scope) ?? notFound();
  const county = scope.kind === 'county' ? scope.code : null;
  const region = scope.kind === 'region' ? scope.region : undefined;
  const today = todayInStockholm();
  const p = parseStatisticsParams(await searchParams, today);
  const { access, period, offences } = allowedStatisticsRequest(actor, dashboardTarget(scope), p) ?? forbidden();
  const gate = await releaseGate(access, yearOf(period), today);
  if (!gate.released) {
    return (
      <NotReleasedView
        heading="releases.dashboardHeading"
        action={`/overview/${(await params).scope}`}
        period={period}
        years={gate.years!}
      />
    );
  }
  const [d, comparison, years, t, tEnum, format, locale] = await Promise.all([
    loadForPage(getDashboard(actor, { county, region, period, offences, granularity: p.granularity, today })),
    region ? loadForPage(getRegionComparison(actor, { region, period, today })) : null,
    gate.years ?? statisticsYears(today),
    getTranslations('statistics'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <DashboardView
      d={d}
      t={t}
      tEnum={tEnum}
      format={format}
      locale={locale}
      years={years}
      offenceChoice={p.offenceChoice}
      granularity={p.granularity}
      comparison={comparison}
    />
  );
}

function DashboardView({
  d,
  t,
  tEnum,
  format,
  locale,
  years,
  offenceChoice,
  granularity,
  comparison,
}: {
  d: Dashboard;
  t: Translator;
  tEnum: EnumTranslator;
  format: Formatter;
  locale: string;
  years: number[];
  offenceChoice: string;
  granularity: Dashboard['trend']['granularity'] | undefined;
  comparison: RegionComparison | null;
}) {
  const threshold = d.threshold;
  const name = locale === 'en' ? d.scope.nameEn : d.scope.nameSv;
  const current = periodLabel(d.period, format, t);
  const previous = periodLabel(d.previousPeriod, format, t);
  const common = { format, threshold, t, currentLabel: current, previousLabel: previous };
  const links = {
    scope: d.scope.code,
    ...periodParams(d.period),
    ...(d.offenceFilter.length ? { offences: offenceChoice } : {}),
  };
  const apiQuery = queryOf({
    from: d.period.from,
    to: d.period.to,
    ...(d.scope.kind === 'county'
      ? { county: d.scope.code }
      : d.scope.kind === 'region'
        ? { region: d.scope.code }
        : {}),
  });
  return (
    <>
      <p className="no-print text-sm">
        <Link href={`/overview${queryOf(periodParams(d.period))}`} className="text-brand-700 underline">
          {t('dashboard.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t('dashboard.heading', { scope: name, period: current })}</h1>
      {d.offenceFilter.length > 0 ? (
        <p className="mt-1 text-slate-700">
          {t('dashboard.filtered', { offences: d.offenceFilter.map((o) => tEnum(`offence.${o}`)).join(', ') })}
        </p>
      ) : null}
      <PeriodForm
        action={`/overview/${d.scope.code}`}
        t={t}
        tEnum={tEnum}
        period={d.period}
        full={d.access === 'full'}
        years={years}
        granularity={granularity}
        offenceChoice={d.access === 'full' ? offenceChoice : undefined}
      />
      <p className="no-print mt-4 flex flex-wrap gap-4">
        <Link href={`/report${queryOf(links)}`} className="font-medium text-brand-700 underline">
          {t('dashboard.report')}
        </Link>
        <a href={`/api/statistics${apiQuery}`} className="font-medium text-brand-700 underline">
          {t('dashboard.json')}
        </a>
        {d.scope.kind === 'nation' && d.period.kind === 'year' ? (
          <>
            <a
              href={`/api/export/statistics-eurostat.csv${queryOf({ from: d.period.from, to: d.period.to })}`}
              className="font-medium text-brand-700 underline"
            >
              {t('dashboard.eurostat')}
            </a>
            <a
              href={`/api/export/statistics-sweden-offences.csv${queryOf({ from: d.period.from, to: d.period.to })}`}
              className="font-medium text-brand-700 underline"
            >
              {t('dashboard.swedenTable')}
            </a>
          </>
        ) : null}
        {d.scope.kind === 'region' ? null : (
          <a href={`/api/export/statistics-htcds.json${apiQuery}`} className="font-medium text-brand-700 underline">
            {t('dashboard.htcds')}
          </a>
        )}
      </p>
      {d.access === 'suppressed' ? (
        <SuppressionNote threshold={threshold} release={d.release} format={format} t={t} />
      ) : null}
      {comparison ? (
        <RegionCounties comparison={comparison} t={t} format={format} locale={locale} currentLabel={current} />
      ) : null}
      <DashboardBody d={d} tEnum={tEnum} common={common} />
    </>
  );
}
