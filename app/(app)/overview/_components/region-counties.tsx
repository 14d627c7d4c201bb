import { countyName } from '@/app/_i18n/format';
import type { RegionComparison } from '@/db/statistics/region';
import { periodParams, queryOf } from '@/lib/schemas/statistics';
import { CountyTable } from '../(national)/county-table';
import type { Formatter, Translator } from './format';
import { COLUMNS, tableRow } from './table-rows';

/** A police region's counties side by side, the region in the footer. */
export function RegionCounties({
  comparison: c,
  t,
  format,
  locale,
  currentLabel,
}: {
  comparison: RegionComparison;
  t: Translator;
  format: Formatter;
  locale: string;
  currentLabel: string;
}) {
  const href = (r: RegionComparison['counties'][number]) =>
    r.mayOpen ? `/overview/${r.code}${queryOf(periodParams(c.period))}` : null;
  const name = locale === 'en' ? c.scope.nameEn : c.scope.nameSv;
  const active = c.counties.filter((r) => r.activeGroup).length;
  return (
    <section aria-labelledby="region-counties" className="mt-8">
      <h2 id="region-counties" className="text-xl font-semibold">
        {t('dashboard.regionCounties', { region: name })}
      </h2>
      <div className="mt-4">
        <CountyTable
          caption={t('dashboard.regionCountiesCaption', { region: name, period: currentLabel })}
          nameLabel={t('overview.columns.county')}
          locale={locale}
          ownLabel={t('overview.own')}
          columns={COLUMNS.map((key) => ({ key, label: t(`overview.columns.${key}`) }))}
          rows={c.counties.map((r) => tableRow(r, countyName(r, locale), href(r), false, format, c.threshold, t))}
          footer={tableRow(c.region, name, null, false, format, c.threshold, t, {
            activeGroups: active,
            counties: c.counties.length,
          })}
        />
      </div>
    </section>
  );
}
