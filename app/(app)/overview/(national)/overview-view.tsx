import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import type { SessionActor } from '@/app/_lib/session';
import { quintileClasses } from '@/components/map/map-colours';
import { SwedenMap, type MapCounty } from '@/components/map/sweden-map';
import { statisticsAccess } from '@/db/statistics/access';
import type { Overview, OverviewCounty, OverviewRow } from '@/db/statistics/overview';
import { regionByName, regionSlug } from '@/lib/regions';
import { periodParams, queryOf, type MapMeasureKey, type StatisticsParams } from '@/lib/schemas/statistics';
import { countSpoken, countText, periodLabel, ratioText, type Formatter, type Translator } from '../_components/format';
import { PeriodForm } from '../_components/period-form';
import { SuppressionNote } from '../_components/sections';
import { COLUMNS, tableRow, type TableSource } from '../_components/table-rows';
import { TrendBlock } from '../_components/trend';
import { CountyTable } from './county-table';

/** The value the map colours a county by, or null when it is hidden. */
function measureValue(row: OverviewRow, measure: MapMeasureKey): { value: number | null; hidden: boolean } {
  if (measure === 'per100k') return { value: row.per100k.value, hidden: row.per100k.suppressed };
  const c = measure === 'cases' ? row.cases.current : measure === 'participants' ? row.participants : row.meetings;
  return { value: c.value, hidden: c.suppressed };
}

/**
 * The national overview from its figures: the page above, and the benchmark's framework ceiling
 * (`app/(app)/bench/ceiling`), which renders it from figures loaded once.
 */
export async function OverviewView({
  actor,
  params,
  overview,
  years,
}: {
  actor: SessionActor;
  params: StatisticsParams;
  overview: Overview;
  years: number[];
}) {
  const { access, period } = overview;
  const [t, tEnum, format, locale] = await Promise.all([
    getTranslations('statistics'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  // A police region's dashboard, where the viewer may open it (its regional coordinator, national roles).
  const regionHref = (name: string): string | null => {
    const region = regionByName(name);
    return region && statisticsAccess(actor, { view: 'region', region })
      ? `/overview/${regionSlug(region)}${queryOf(periodParams(period))}`
      : null;
  };
  const view: View = { overview, format, t, locale, currentLabel: periodLabel(period, format, t), regionHref };
  const own = overview.counties.find((c) => c.own);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('overview.heading', { period: view.currentLabel })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        {t(
          access === 'full'
            ? 'overview.introFull'
            : actor.region
              ? 'overview.introRegion'
              : own
                ? 'overview.introCounty'
                : 'overview.introAnalyst',
        )}
      </p>
      {params.periodError ? (
        <p role="alert" className="mt-2 text-red-800">
          {t(`errors.${params.periodError}`)}
        </p>
      ) : null}
      <PeriodForm
        action="/overview"
        t={t}
        tEnum={tEnum}
        period={period}
        full={access === 'full'}
        years={years}
        measure={params.measure}
      />
      <OverviewLinks view={view} own={actor.region ? undefined : own} region={actor.region?.name} />
      {access === 'suppressed' ? (
        <SuppressionNote threshold={overview.threshold} release={overview.release} format={format} t={t} />
      ) : null}

      <section aria-labelledby="key-figures" className="mt-8">
        <h2 id="key-figures" className="text-xl font-semibold">
          {t('overview.nationFigures')}
        </h2>
        <NationFigures
          overview={overview}
          format={format}
          t={t}
          previousLabel={periodLabel(overview.previousPeriod, format, t)}
        />
      </section>
      <MapSection view={view} measure={params.measure} />
      <TableSections view={view} />

      <section aria-labelledby="trend-title" className="mt-8">
        <h2 id="trend-title" className="text-xl font-semibold">
          {t('overview.trendTitle')}
        </h2>
        <TrendBlock points={overview.trend} format={format} threshold={overview.threshold} t={t} />
      </section>

      <section aria-labelledby="coverage-title" className="mt-8">
        <h2 id="coverage-title" className="text-xl font-semibold">
          {t('overview.coverageTitle')}
        </h2>
        <p className="mt-2 text-lg">
          {t('overview.coverage', { active: overview.coverage.activeGroups, counties: overview.coverage.counties })}
        </p>
      </section>
    </>
  );
}

/** What the overview's parts are drawn from. */
type View = {
  overview: Overview;
  format: Formatter;
  t: Translator;
  locale: string;
  currentLabel: string;
  regionHref: (name: string) => string | null;
};

/** A county's dashboard for the same period, where the viewer may open it. */
function dashboardLink(c: OverviewCounty, period: Overview['period']): string | null {
  return c.mayOpen ? `/overview/${c.code}${queryOf(periodParams(period))}` : null;
}

function OverviewLinks({ view, own, region }: { view: View; own: OverviewCounty | undefined; region?: string }) {
  const { overview, t, locale } = view;
  const period = overview.period;
  const regionLink = region ? view.regionHref(region) : null;
  return (
    <p className="no-print mt-4 flex flex-wrap gap-4">
      {region && regionLink ? (
        <Link href={regionLink} className="font-medium text-brand-700 underline">
          {t('overview.ownRegion', { region })}
        </Link>
      ) : null}
      {own ? (
        <Link
          href={`/overview/${own.code}${queryOf(periodParams(period))}`}
          className="font-medium text-brand-700 underline"
        >
          {t('overview.ownCounty', { county: countyName(own, locale) })}
        </Link>
      ) : null}
      {overview.access === 'full' || (!own && !region) ? (
        <Link href={`/overview/SE${queryOf(periodParams(period))}`} className="font-medium text-brand-700 underline">
          {t('overview.nationDashboard')}
        </Link>
      ) : null}
      <Link
        href={`/report${queryOf({ scope: 'SE', ...periodParams(period) })}`}
        className="font-medium text-brand-700 underline"
      >
        {t('overview.report')}
      </Link>
      <Link href="/overview/releases" className="font-medium text-brand-700 underline">
        {t('releases.title')}
      </Link>
    </p>
  );
}

/** The counties coloured by the chosen measure in five quintile classes, hidden ones hatched. */
function MapSection({ view, measure }: { view: View; measure: MapMeasureKey }) {
  const { overview, format, t, locale } = view;
  const shown = overview.counties
    .map((c) => measureValue(c, measure))
    .filter((m) => !m.hidden && m.value !== null)
    .map((m) => m.value!);
  const { breaks, classOf } = quintileClasses(shown);
  const numberText = (v: number) =>
    measure === 'per100k' ? format.number(v, { maximumFractionDigits: 1 }) : format.number(v);
  const counties: MapCounty[] = overview.counties.map((c) => {
    const m = measureValue(c, measure);
    const figureText = m.hidden
      ? measure === 'per100k'
        ? t('hidden.rate')
        : countSpoken(
            measure === 'cases' ? c.cases.current : measure === 'participants' ? c.participants : c.meetings,
            format,
            t,
          )
      : t(`measureValue.${measure}`, { value: numberText(m.value ?? 0) });
    const colourClass = m.hidden || m.value === null ? null : classOf(m.value);
    return {
      svgId: c.svgId,
      name: countyName(c, locale),
      figureText,
      colourClass,
      href: dashboardLink(c, overview.period),
    };
  });
  const legend = breaks.map((b, i) =>
    i === 4 || breaks[i + 1] === b
      ? t('overview.legendFrom', { value: numberText(b) })
      : `${numberText(b)}–${numberText(breaks[i + 1]!)}`,
  );
  return (
    <section aria-labelledby="map-title" className="mt-8">
      <h2 id="map-title" className="text-xl font-semibold">
        {t('overview.mapTitle', { measure: t(`measures.${measure}`) })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('overview.mapHelp')}</p>
      <div className="mt-4">
        <SwedenMap
          label={t('overview.mapLabel', { measure: t(`measures.${measure}`), period: view.currentLabel })}
          counties={counties}
          legend={legend}
          hiddenLegend={t('overview.mapHidden')}
          openLabel={t('overview.openDashboard')}
          chooseHint={t('overview.mapChoose')}
        />
      </div>
    </section>
  );
}

/** The sortable tables of counties and of police regions, the nation in their footers. */
function TableSections({ view }: { view: View }) {
  const { overview, format, t, locale, currentLabel } = view;
  const row = (r: TableSource, name: string, href: string | null, own: boolean, coverage?: Overview['coverage']) =>
    tableRow(r, name, href, own, format, overview.threshold, t, coverage);
  return (
    <>
      <section aria-labelledby="table-title" className="mt-8">
        <h2 id="table-title" className="text-xl font-semibold">
          {t('overview.tableTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('overview.tableHelp')}</p>
        <div className="mt-4">
          <CountyTable
            caption={t('overview.tableCaption', { period: currentLabel })}
            nameLabel={t('overview.columns.county')}
            locale={locale}
            ownLabel={t('overview.own')}
            columns={COLUMNS.map((key) => ({ key, label: t(`overview.columns.${key}`) }))}
            rows={overview.counties.map((c) => row(c, countyName(c, locale), dashboardLink(c, overview.period), c.own))}
            footer={row(overview.nation, t('nation'), null, false, overview.coverage)}
          />
        </div>
      </section>

      <section aria-labelledby="regions-title" className="mt-8">
        <h2 id="regions-title" className="text-xl font-semibold">
          {t('overview.regionsTitle')}
        </h2>
        <div className="mt-4">
          <CountyTable
            caption={t('overview.regionsCaption', { period: currentLabel })}
            nameLabel={t('overview.columns.region')}
            locale={locale}
            ownLabel={t('overview.own')}
            columns={COLUMNS.filter((k) => k !== 'activeGroup').map((key) => ({
              key,
              label: t(`overview.columns.${key}`),
            }))}
            rows={overview.regions.map((r) => row(r, r.nameSv, view.regionHref(r.nameSv), false))}
            footer={row(overview.nation, t('nation'), null, false)}
          />
        </div>
      </section>
    </>
  );
}

function NationFigures({
  overview,
  format,
  t,
  previousLabel,
}: {
  overview: Overview;
  format: Formatter;
  t: Translator;
  previousLabel: string;
}) {
  const n = overview.nation;
  const item = (label: string, value: string, sub?: string) => (
    <div className="rounded border border-slate-300 p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">{value}</dd>
      {sub ? <dd className="text-sm text-slate-700">{sub}</dd> : null}
    </div>
  );
  return (
    <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {item(
        t('figures.cases'),
        countText(n.cases.current, format),
        `${previousLabel}: ${countText(n.cases.previous, format)} (${ratioText(n.cases.change, format, 'change')})`,
      )}
      {item(t('figures.per100k'), ratioText(n.per100k, format, 'rate'))}
      {item(t('figures.victims'), countText(n.victims, format))}
      {item(t('figures.perpetrators'), countText(n.perpetrators, format))}
      {item(t('figures.convicted'), countText(n.convicted, format))}
      {item(t('figures.participants'), countText(n.participants, format))}
      {item(t('figures.meetings'), countText(n.meetings, format))}
      {item(t('figures.coverage'), `${overview.coverage.activeGroups}/${overview.coverage.counties}`)}
    </dl>
  );
}
