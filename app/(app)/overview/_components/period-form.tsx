import 'server-only';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/field';
import { OFFENCES } from '@/lib/enums';
import { GRANULARITIES, quarterOf, type Granularity, type Period } from '@/lib/periods';
import { MAP_MEASURE_KEYS, type MapMeasureKey } from '@/lib/schemas/statistics';
import type { Translator } from './format';

/**
 * The period (year, quarter or custom days) and, for those who see figures in full, the offence
 * filter and the trend's step. A plain GET form: works without script, and the URL can be shared.
 */
export function PeriodForm({
  action,
  t,
  tEnum,
  period,
  full,
  years,
  granularity,
  offenceChoice,
  measure,
  scope,
}: {
  action: string;
  t: Translator;
  tEnum: (key: string) => string;
  period: Period;
  full: boolean;
  years: number[];
  granularity?: Granularity;
  offenceChoice?: string;
  measure?: MapMeasureKey;
  scope?: string;
}) {
  const select = 'mt-1 w-full rounded border border-slate-500 px-2 py-1.5';
  return (
    <form
      method="get"
      action={action}
      aria-label={t('periodForm')}
      className="no-print mt-4 rounded border border-slate-300 p-4"
    >
      {scope ? <input type="hidden" name="scope" value={scope} /> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="period-year" className="block text-sm font-medium">
            {t('year')}
          </label>
          <select id="period-year" name="year" defaultValue={period.from.slice(0, 4)} className={select}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {full ? (
          <>
            <div>
              <label htmlFor="period-quarter" className="block text-sm font-medium">
                {t('quarter')}
              </label>
              <select
                id="period-quarter"
                name="quarter"
                defaultValue={String(quarterOf(period) ?? '')}
                className={select}
              >
                <option value="">{t('wholeYear')}</option>
                {[1, 2, 3, 4].map((q) => (
                  <option key={q} value={q}>
                    {t('quarterN', { quarter: q })}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="sm:col-span-2">
              <legend className="text-sm font-medium">{t('customPeriod')}</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                <label className="text-sm">
                  {t('from')}
                  <input
                    type="date"
                    name="from"
                    defaultValue={period.kind === 'custom' ? period.from : ''}
                    className="ml-1 rounded border border-slate-500 px-2 py-1"
                  />
                </label>
                <label className="text-sm">
                  {t('to')}
                  <input
                    type="date"
                    name="to"
                    defaultValue={period.kind === 'custom' ? period.to : ''}
                    className="ml-1 rounded border border-slate-500 px-2 py-1"
                  />
                </label>
              </div>
            </fieldset>
            {offenceChoice !== undefined ? (
              <div>
                <label htmlFor="period-offences" className="block text-sm font-medium">
                  {t('offenceFilter')}
                </label>
                <select id="period-offences" name="offences" defaultValue={offenceChoice} className={select}>
                  <option value="">{t('allOffences')}</option>
                  <option value="bra">{t('braSelection')}</option>
                  {OFFENCES.map((o) => (
                    <option key={o} value={o}>
                      {tEnum(`offence.${o}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {granularity !== undefined || offenceChoice !== undefined ? (
              <div>
                <label htmlFor="period-granularity" className="block text-sm font-medium">
                  {t('granularity')}
                </label>
                <select id="period-granularity" name="granularity" defaultValue={granularity ?? ''} className={select}>
                  <option value="">{t('granularityAuto')}</option>
                  {GRANULARITIES.map((g) => (
                    <option key={g} value={g}>
                      {t(`granularities.${g}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </>
        ) : null}
        {measure ? (
          <div>
            <label htmlFor="period-measure" className="block text-sm font-medium">
              {t('mapMeasure')}
            </label>
            <select id="period-measure" name="measure" defaultValue={measure} className={select}>
              {MAP_MEASURE_KEYS.map((m) => (
                <option key={m} value={m}>
                  {t(`measures.${m}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {!full ? <p className="mt-3 text-sm text-slate-700">{t('yearsOnly')}</p> : null}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass}>
          {t('show')}
        </button>
        <Link href={action} className="font-medium text-brand-700 underline">
          {t('reset')}
        </Link>
      </div>
    </form>
  );
}
