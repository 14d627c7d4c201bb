import 'server-only';
import { FunnelChart } from '@/components/charts/funnel-chart';
import type { Dashboard } from '@/db/statistics/dashboard';
import type { EnumTranslator } from '@/lib/i18n';
import { countText, ratioText, type FigureContext } from './format';
import { CategorySection, KeyFigure, KeyRatio } from './sections';
import { TrendBlock } from './trend';
import { TableScroll } from '@/components/ui/table-scroll';

type SectionProps = { d: Dashboard; common: FigureContext; tEnum: EnumTranslator };

/** Everything below the heading: shared with the printable situation report. */
export function DashboardBody(props: SectionProps) {
  const { d, common } = props;
  const { t, format, threshold } = common;
  return (
    <>
      <KeyFigures {...props} />
      <section aria-labelledby="dash-trend" className="mt-8 break-inside-avoid">
        <h2 id="dash-trend" className="text-xl font-semibold">
          {t('dashboard.trend', { granularity: t(`granularities.${d.trend.granularity}`) })}
        </h2>
        <TrendBlock
          points={d.trend.points}
          format={format}
          threshold={threshold}
          t={t}
          granularity={d.trend.granularity}
        />
      </section>
      <CasesSection {...props} />
      <FunnelSection {...props} />
      <PersonsSection {...props} />
      <PartiesSection
        {...props}
        id="dash-victims"
        prefix="dash-v"
        rows={d.victims}
        titles={{
          heading: t('dashboard.victims'),
          sex: t('dashboard.victimsBySex'),
          age: t('dashboard.victimsByAge'),
          origin: t('dashboard.victimsByOrigin'),
        }}
      />
      <PartiesSection
        {...props}
        id="dash-perpetrators"
        prefix="dash-p"
        rows={d.perpetrators}
        titles={{
          heading: t('dashboard.perpetrators'),
          sex: t('dashboard.perpetratorsBySex'),
          age: t('dashboard.perpetratorsByAge'),
          origin: t('dashboard.perpetratorsByOrigin'),
        }}
      />
      <TrainingsSection {...props} />
      <CoordinationSection {...props} />
    </>
  );
}

function KeyFigures({ d, common }: SectionProps) {
  const { t } = common;
  return (
    <section aria-labelledby="dash-key" className="mt-8">
      <h2 id="dash-key" className="text-xl font-semibold">
        {t('dashboard.keyFigures')}
      </h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <KeyFigure label={t('figures.cases')} figure={d.headline.cases} {...common} />
        <KeyRatio
          label={t('figures.per100k')}
          current={d.headline.casesPer100k.current}
          previous={d.headline.casesPer100k.previous}
          format={common.format}
          kind="rate"
          previousLabel={common.previousLabel}
        />
        <KeyRatio
          label={t('figures.crimeEstablished')}
          current={d.headline.crimeEstablishedShare.current}
          previous={d.headline.crimeEstablishedShare.previous}
          format={common.format}
          kind="percent"
          previousLabel={common.previousLabel}
        />
        <KeyFigure label={t('figures.victims')} figure={d.headline.victims} {...common} />
        <KeyFigure label={t('figures.perpetrators')} figure={d.headline.perpetrators} {...common} />
      </dl>
    </section>
  );
}

function CasesSection({ d, common, tEnum }: SectionProps) {
  const { t } = common;
  const combination = (key: string) =>
    d.offenceCombinations
      .find((c) => c.key === key)!
      .offences.map((o) => tEnum(`offence.${o}`))
      .join(' + ') || t('dashboard.noOffence');
  return (
    <section aria-labelledby="dash-cases" className="mt-8">
      <h2 id="dash-cases" className="text-xl font-semibold">
        {t('dashboard.cases')}
      </h2>
      <CategorySection
        id="dash-offence"
        title={t('dashboard.byOffence')}
        rows={d.byOffence}
        labelOf={(k) => tEnum(`offence.${k}`)}
        {...common}
      />
      <CategorySection
        id="dash-combo"
        title={t('dashboard.combinations')}
        rows={d.offenceCombinations}
        labelOf={combination}
        hideEmpty
        {...common}
      />
      <CategorySection
        id="dash-coercion"
        title={t('dashboard.coercion')}
        rows={d.coercion}
        labelOf={(k) => tEnum(`coercionDegree.${k}`)}
        {...common}
      />
      <CategorySection
        id="dash-crime"
        title={t('dashboard.crimeEstablished')}
        rows={d.crimeEstablished}
        labelOf={(k) => tEnum(`crimeEstablished.${k}`)}
        {...common}
      />
      <CategorySection
        id="dash-body"
        title={t('dashboard.reportingBodies')}
        rows={d.reportingBodies}
        labelOf={(k) => tEnum(`reportingBody.${k}`)}
        hideEmpty
        {...common}
      />
    </section>
  );
}

function FunnelSection({ d, common }: SectionProps) {
  const { t, format } = common;
  return (
    <section aria-labelledby="dash-funnel" className="mt-8 break-inside-avoid">
      <h2 id="dash-funnel" className="text-xl font-semibold">
        {t('dashboard.funnel')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('dashboard.funnelHelp')}</p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <FunnelChart
          title={t('dashboard.funnel')}
          steps={d.funnel.map((f) => ({
            label: t(`steps.${f.step}`),
            value: f.current.suppressed ? null : f.current.value,
            valueText: countText(f.current, format),
            share: f.shareOfReported.value,
          }))}
        />
        <FunnelTable d={d} common={common} />
      </div>
    </section>
  );
}

/** The funnel's text alternative, with the median days from each step to the next. */
function FunnelTable({ d, common }: Omit<SectionProps, 'tEnum'>) {
  const { t, format } = common;
  const cell = 'py-1 pr-3 text-right tabular-nums';
  return (
    <TableScroll label={t('dashboard.funnel')}>
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t('dashboard.funnel')}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="py-1 pr-3">
              {t('dashboard.step')}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {common.currentLabel}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t('dashboard.shareOfReported')}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {common.previousLabel}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t('dashboard.medianDays')}
            </th>
          </tr>
        </thead>
        <tbody>
          {d.funnel.map((f, i) => {
            const median = i > 0 ? d.medians[i - 1]! : null;
            return (
              <tr key={f.step} className="border-b border-slate-200">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {t(`steps.${f.step}`)}
                </th>
                <td className={cell}>{countText(f.current, format)}</td>
                <td className={cell}>{ratioText(f.shareOfReported, format, 'percent')}</td>
                <td className={cell}>{countText(f.previous, format)}</td>
                <td className={cell}>
                  {median
                    ? `${ratioText(median.current, format, 'days')} (${t(`steps.${median.from}`).toLowerCase()} → ${t(`steps.${median.to}`).toLowerCase()})`
                    : '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The same path counted in persons (decision 014): each perpetrator in the period of each step,
 * once per case; said under the figure, since a person in two cases is two here.
 */
function PersonsSection({ d, common, tEnum }: SectionProps) {
  const { t, format } = common;
  const label = (status: Dashboard['persons'][number]['status']) =>
    status === 'suspected' ? t('dashboard.suspected') : tEnum(`justiceStep.${status}`);
  const chartSteps = d.persons.filter((p) => ['suspected', 'prosecuted', 'convicted'].includes(p.status));
  const cell = 'py-1 pr-3 text-right tabular-nums';
  const head = 'py-1 pr-3 text-right';
  const shown = ['woman', 'man'] as const;
  const offences = (d.persons[0]?.byOffence ?? [])
    .map((r) => r.key)
    .filter((o) =>
      chartSteps.some((p) => {
        const c = p.byOffence.find((r) => r.key === o)!.current;
        return c.suppressed || c.value !== 0;
      }),
    );
  return (
    <section aria-labelledby="dash-persons" className="mt-8 break-inside-avoid">
      <h2 id="dash-persons" className="text-xl font-semibold">
        {t('dashboard.persons')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('dashboard.personsHelp')}</p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <FunnelChart
          title={t('dashboard.personsChart')}
          steps={chartSteps.map((p) => ({
            label: label(p.status),
            value: p.current.suppressed ? null : p.current.value,
            valueText: countText(p.current, format),
            share: null,
          }))}
        />
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('dashboard.personsBySex')}>
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('dashboard.personsBySex')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-1 pr-3">
                  {t('dashboard.personStatus')}
                </th>
                <th scope="col" className={head}>
                  {common.currentLabel}
                </th>
                <th scope="col" className={head}>
                  {common.previousLabel}
                </th>
                {shown.map((s) => (
                  <th key={s} scope="col" className={head}>
                    {tEnum(`sex.${s}`)}
                  </th>
                ))}
                <th scope="col" className={head}>
                  {t('dashboard.medianFromBefore')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.persons.map((p) => (
                <tr key={p.status} className="border-b border-slate-200">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {label(p.status)}
                  </th>
                  <td className={cell}>{countText(p.current, format)}</td>
                  <td className={cell}>{countText(p.previous, format)}</td>
                  {shown.map((s) => (
                    <td key={s} className={cell}>
                      {countText(p.bySex.find((r) => r.key === s)!.current, format)}
                    </td>
                  ))}
                  <td className={cell}>
                    {p.status === 'suspected' ? '–' : ratioText(p.medianDays.current, format, 'days')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {offences.length > 0 ? (
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label={t('dashboard.personsByOffence')}>
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="text-left font-medium">{t('dashboard.personsByOffence')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-1 pr-3">
                  {t('dashboard.personsOffence')}
                </th>
                {chartSteps.map((p) => (
                  <th key={p.status} scope="col" className={head}>
                    {label(p.status)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {offences.map((o) => (
                <tr key={o} className="border-b border-slate-200">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {tEnum(`offence.${o}`)}
                  </th>
                  {chartSteps.map((p) => (
                    <td key={p.status} className={cell}>
                      {countText(p.byOffence.find((r) => r.key === o)!.current, format)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-sm text-slate-700">{t('dashboard.personsByOffenceHelp')}</p>
        </div>
      ) : null}
      <p className="mt-3 text-sm text-slate-800" data-testid="persons-note">
        {t('dashboard.personsNote')}
      </p>
    </section>
  );
}

/** Victims or perpetrators: by sex, age band and origin. */
function PartiesSection({
  common,
  tEnum,
  id,
  prefix,
  rows,
  titles,
}: SectionProps & {
  id: string;
  prefix: string;
  rows: Dashboard['victims'];
  titles: { heading: string; sex: string; age: string; origin: string };
}) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {titles.heading}
      </h2>
      <CategorySection
        id={`${prefix}-sex`}
        title={titles.sex}
        rows={rows.sex}
        labelOf={(k) => tEnum(`sex.${k}`)}
        {...common}
      />
      <CategorySection
        id={`${prefix}-age`}
        title={titles.age}
        rows={rows.age}
        labelOf={(k) => tEnum(`ageBand.${k}`)}
        {...common}
      />
      <CategorySection
        id={`${prefix}-origin`}
        title={titles.origin}
        rows={rows.origin}
        labelOf={(k) => tEnum(`originRegion.${k}`)}
        hideEmpty
        {...common}
      />
    </section>
  );
}

function TrainingsSection({ d, common, tEnum }: SectionProps) {
  const { t } = common;
  return (
    <section aria-labelledby="dash-trainings" className="mt-8">
      <h2 id="dash-trainings" className="text-xl font-semibold">
        {t('dashboard.trainings')}
      </h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KeyFigure label={t('figures.trainings')} figure={d.trainings.trainings} {...common} />
        <KeyFigure label={t('figures.participants')} figure={d.trainings.participants} {...common} />
      </dl>
      <CategorySection
        id="dash-audience"
        title={t('dashboard.participantsByAudience')}
        rows={d.trainings.byAudience}
        labelOf={(k) => tEnum(`trainingAudience.${k}`)}
        hideEmpty
        {...common}
      />
      <CategorySection
        id="dash-theme"
        title={t('dashboard.participantsByTheme')}
        rows={d.trainings.byTheme}
        labelOf={(k) => tEnum(`trainingTheme.${k}`)}
        hideEmpty
        {...common}
      />
    </section>
  );
}

/** A figure without a previous period beside it. */
function PlainFigure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded border border-slate-300 p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

function CoordinationSection({ d, common }: SectionProps) {
  const { t, format } = common;
  const { coordination: c } = d;
  return (
    <section aria-labelledby="dash-coordination" className="mt-8 break-inside-avoid">
      <h2 id="dash-coordination" className="text-xl font-semibold">
        {t('dashboard.coordination')}
      </h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <KeyFigure label={t('figures.meetings')} figure={c.meetings} {...common} />
        <KeyFigure label={t('figures.organisations')} figure={c.organisations} {...common} />
        <PlainFigure label={t('figures.openActionItems')}>{countText(c.openActionItems, format)}</PlainFigure>
        <PlainFigure label={t('figures.overdueActionItems')}>{countText(c.overdueActionItems, format)}</PlainFigure>
        <PlainFigure label={t('figures.coverage')}>
          {d.scope.kind === 'county' ? (c.activeGroups ? t('yes') : t('no')) : `${c.activeGroups}/${c.counties}`}
        </PlainFigure>
      </dl>
    </section>
  );
}
