import 'server-only';
import { FunnelChart } from '@/components/charts/funnel-chart';
import type { Dashboard } from '@/db/statistics/dashboard';
import { countText, ratioText, type Formatter, type Translator } from './format';
import { CategorySection, KeyFigure, KeyRatio } from './sections';
import { TrendBlock } from './trend';

/** Everything below the heading: shared with the printable situation report. */
export function DashboardBody({
  d,
  t,
  tEnum,
  format,
  common,
}: {
  d: Dashboard;
  t: Translator;
  tEnum: (key: string) => string;
  format: Formatter;
  common: { format: Formatter; threshold: number; t: Translator; currentLabel: string; previousLabel: string };
}) {
  const threshold = d.threshold;
  const label = (name: string) => (key: string) => tEnum(`${name}.${key}`);
  return (
    <>
      <section aria-labelledby="dash-key" className="mt-8">
        <h2 id="dash-key" className="text-xl font-semibold">
          {t('dashboard.keyFigures')}
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <KeyFigure
            label={t('figures.cases')}
            figure={d.headline.cases}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
          <KeyRatio
            label={t('figures.per100k')}
            current={d.headline.casesPer100k.current}
            previous={d.headline.casesPer100k.previous}
            format={format}
            kind="rate"
            previousLabel={common.previousLabel}
          />
          <KeyRatio
            label={t('figures.crimeEstablished')}
            current={d.headline.crimeEstablishedShare.current}
            previous={d.headline.crimeEstablishedShare.previous}
            format={format}
            kind="percent"
            previousLabel={common.previousLabel}
          />
          <KeyFigure
            label={t('figures.victims')}
            figure={d.headline.victims}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
          <KeyFigure
            label={t('figures.perpetrators')}
            figure={d.headline.perpetrators}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
        </dl>
      </section>

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

      <section aria-labelledby="dash-cases" className="mt-8">
        <h2 id="dash-cases" className="text-xl font-semibold">
          {t('dashboard.cases')}
        </h2>
        <CategorySection
          id="dash-offence"
          title={t('dashboard.byOffence')}
          rows={d.byOffence}
          labelOf={label('offence')}
          {...common}
        />
        <CategorySection
          id="dash-combo"
          title={t('dashboard.combinations')}
          rows={d.offenceCombinations}
          labelOf={(key) =>
            d.offenceCombinations
              .find((c) => c.key === key)!
              .offences.map((o) => tEnum(`offence.${o}`))
              .join(' + ') || t('dashboard.noOffence')
          }
          hideEmpty
          {...common}
        />
        <CategorySection
          id="dash-coercion"
          title={t('dashboard.coercion')}
          rows={d.coercion}
          labelOf={label('coercionDegree')}
          {...common}
        />
        <CategorySection
          id="dash-crime"
          title={t('dashboard.crimeEstablished')}
          rows={d.crimeEstablished}
          labelOf={label('crimeEstablished')}
          {...common}
        />
        <CategorySection
          id="dash-body"
          title={t('dashboard.reportingBodies')}
          rows={d.reportingBodies}
          labelOf={label('reportingBody')}
          hideEmpty
          {...common}
        />
      </section>

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
              valueText: countText(f.current, format, threshold),
              share: f.shareOfReported.value,
            }))}
          />
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
                    <td className="py-1 pr-3 text-right tabular-nums">{countText(f.current, format, threshold)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">
                      {ratioText(f.shareOfReported, format, 'percent')}
                    </td>
                    <td className="py-1 pr-3 text-right tabular-nums">{countText(f.previous, format, threshold)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">
                      {median
                        ? `${ratioText(median.current, format, 'days')} (${t(`steps.${median.from}`).toLowerCase()} → ${t(`steps.${median.to}`).toLowerCase()})`
                        : '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="dash-victims" className="mt-8">
        <h2 id="dash-victims" className="text-xl font-semibold">
          {t('dashboard.victims')}
        </h2>
        <CategorySection
          id="dash-v-sex"
          title={t('dashboard.victimsBySex')}
          rows={d.victims.sex}
          labelOf={label('sex')}
          {...common}
        />
        <CategorySection
          id="dash-v-age"
          title={t('dashboard.victimsByAge')}
          rows={d.victims.age}
          labelOf={label('ageBand')}
          {...common}
        />
        <CategorySection
          id="dash-v-origin"
          title={t('dashboard.victimsByOrigin')}
          rows={d.victims.origin}
          labelOf={label('originRegion')}
          hideEmpty
          {...common}
        />
      </section>
      <section aria-labelledby="dash-perpetrators" className="mt-8">
        <h2 id="dash-perpetrators" className="text-xl font-semibold">
          {t('dashboard.perpetrators')}
        </h2>
        <CategorySection
          id="dash-p-sex"
          title={t('dashboard.perpetratorsBySex')}
          rows={d.perpetrators.sex}
          labelOf={label('sex')}
          {...common}
        />
        <CategorySection
          id="dash-p-age"
          title={t('dashboard.perpetratorsByAge')}
          rows={d.perpetrators.age}
          labelOf={label('ageBand')}
          {...common}
        />
        <CategorySection
          id="dash-p-origin"
          title={t('dashboard.perpetratorsByOrigin')}
          rows={d.perpetrators.origin}
          labelOf={label('originRegion')}
          hideEmpty
          {...common}
        />
      </section>

      <section aria-labelledby="dash-trainings" className="mt-8">
        <h2 id="dash-trainings" className="text-xl font-semibold">
          {t('dashboard.trainings')}
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <KeyFigure
            label={t('figures.trainings')}
            figure={d.trainings.trainings}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
          <KeyFigure
            label={t('figures.participants')}
            figure={d.trainings.participants}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
        </dl>
        <CategorySection
          id="dash-audience"
          title={t('dashboard.participantsByAudience')}
          rows={d.trainings.byAudience}
          labelOf={(k) => t(`labels.trainingAudience.${k}`)}
          hideEmpty
          {...common}
        />
        <CategorySection
          id="dash-theme"
          title={t('dashboard.participantsByTheme')}
          rows={d.trainings.byTheme}
          labelOf={(k) => t(`labels.trainingTheme.${k}`)}
          hideEmpty
          {...common}
        />
      </section>

      <section aria-labelledby="dash-coordination" className="mt-8 break-inside-avoid">
        <h2 id="dash-coordination" className="text-xl font-semibold">
          {t('dashboard.coordination')}
        </h2>
        <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <KeyFigure
            label={t('figures.meetings')}
            figure={d.coordination.meetings}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
          <KeyFigure
            label={t('figures.organisations')}
            figure={d.coordination.organisations}
            format={format}
            threshold={threshold}
            t={t}
            previousLabel={common.previousLabel}
          />
          <div className="rounded border border-slate-300 p-4">
            <dt className="text-sm text-slate-700">{t('figures.openActionItems')}</dt>
            <dd className="text-3xl font-semibold tabular-nums">
              {countText(d.coordination.openActionItems, format, threshold)}
            </dd>
          </div>
          <div className="rounded border border-slate-300 p-4">
            <dt className="text-sm text-slate-700">{t('figures.overdueActionItems')}</dt>
            <dd className="text-3xl font-semibold tabular-nums">
              {countText(d.coordination.overdueActionItems, format, threshold)}
            </dd>
          </div>
          <div className="rounded border border-slate-300 p-4">
            <dt className="text-sm text-slate-700">{t('figures.coverage')}</dt>
            <dd className="text-3xl font-semibold tabular-nums">
              {d.scope.kind === 'county'
                ? d.coordination.activeGroups
                  ? t('yes')
                  : t('no')
                : `${d.coordination.activeGroups}/${d.coordination.counties}`}
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
