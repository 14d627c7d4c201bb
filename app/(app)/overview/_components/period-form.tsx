import 'server-only';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/field';
import { OFFENCES } from '@/lib/enums';
import type { EnumTranslator } from '@/lib/i18n';
import { GRANULARITIES, quarterOf, type Granularity, type Period } from '@/lib/periods';
import { MAP_MEASURE_KEYS, type MapMeasureKey } from '@/lib/schemas/statistics';
import type { Translator } from './format';

const SELECT = 'mt-1 w-full rounded border border-slate-500 px-2 py-1.5';

type Option = { value: string | number; label: string };

function LabelledSelect(props: { id: string; name: string; label: string; defaultValue: string; options: Option[] }) {
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select id={props.id} name={props.name} defaultValue={props.defaultValue} className={SELECT}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Custom days, from and to, for those who see figures in full. */
function CustomPeriod({ t, period }: { t: Translator; period: Period }) {
  const input = (name: 'from' | 'to') => (
    <label className="text-sm">
      {t(name)}
      <input
        type="date"
        name={name}
        defaultValue={period.kind === 'custom' ? period[name] : ''}
        className="ml-1 rounded border border-slate-500 px-2 py-1"
      />
    </label>
  );
  return (
    <fieldset className="sm:col-span-2">
      <legend className="text-sm font-medium">{t('customPeriod')}</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {input('from')}
        {input('to')}
      </div>
    </fieldset>
  );
}

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
}: {
  action: string;
  t: Translator;
  tEnum: EnumTranslator;
  period: Period;
  full: boolean;
  years: number[];
  granularity?: Granularity;
  offenceChoice?: string;
  measure?: MapMeasureKey;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={t('periodForm')}
      className="no-print mt-4 rounded border border-slate-300 p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <LabelledSelect
          id="period-year"
          name="year"
          label={t('year')}
          defaultValue={period.from.slice(0, 4)}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {full ? (
          <>
            <LabelledSelect
              id="period-quarter"
              name="quarter"
              label={t('quarter')}
              defaultValue={String(quarterOf(period) ?? '')}
              options={[
                { value: '', label: t('wholeYear') },
                ...[1, 2, 3, 4].map((q) => ({ value: q, label: t('quarterN', { quarter: q }) })),
              ]}
            />
            <CustomPeriod t={t} period={period} />
            {offenceChoice !== undefined ? (
              <LabelledSelect
                id="period-offences"
                name="offences"
                label={t('offenceFilter')}
                defaultValue={offenceChoice}
                options={[
                  { value: '', label: t('allOffences') },
                  { value: 'bra', label: t('braSelection') },
                  ...OFFENCES.map((o) => ({ value: o, label: tEnum(`offence.${o}`) })),
                ]}
              />
            ) : null}
            {granularity !== undefined || offenceChoice !== undefined ? (
              <LabelledSelect
                id="period-granularity"
                name="granularity"
                label={t('granularity')}
                defaultValue={granularity ?? ''}
                options={[
                  { value: '', label: t('granularityAuto') },
                  ...GRANULARITIES.map((g) => ({ value: g, label: t(`granularities.${g}`) })),
                ]}
              />
            ) : null}
          </>
        ) : null}
        {measure ? (
          <LabelledSelect
            id="period-measure"
            name="measure"
            label={t('mapMeasure')}
            defaultValue={measure}
            options={MAP_MEASURE_KEYS.map((m) => ({ value: m, label: t(`measures.${m}`) }))}
          />
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
