import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { FilterCheckbox, FilterDate, FilterForm, FilterSearch, FilterSelect } from '@/components/records/filter-fields';
import { ExportLinks, PageLinks, queryString } from '@/components/records/list-controls';
import { buttonClass } from '@/components/ui/field';
import { listCasesForActor } from '@/db/queries/cases/list';
import { listCounties } from '@/db/queries/counties';
import { can, countyScope } from '@/lib/policy';
import { CASE_STATUSES, COERCION_DEGREES, CRIME_ESTABLISHED, OFFENCES, REPORTING_BODIES } from '@/lib/enums';
import { CASE_SORTS, CaseFilterSchema, SEARCH_MAX } from '@/lib/schemas/cases';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'case.read')) forbidden();
  const filter = CaseFilterSchema.parse(await searchParams);
  const page = await loadForPage(listCasesForActor(actor, filter));
  const [t, tEnum, format, counties, locale] = await Promise.all([
    getTranslations('cases.list'),
    getTranslations('enums'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const readScope = countyScope(actor, 'case.read');
  // Several counties (a region's, or all): the list names each row's county and filters by one of them.
  const choosesCounty = readScope === 'all' || readScope.length > 1;
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const sortedCounties = [...counties].sort((a, b) =>
    collator(locale).compare(countyName(a, locale), countyName(b, locale)),
  );
  const { cursor: _cursor, ...filterWithoutCursor } = filter;
  void _cursor;
  const mayDelete = can(actor, 'case.delete');
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'date');
  const enumOptions = <Value extends string>(values: readonly Value[], label: (value: Value) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {can(actor, 'case.create') ? (
          <Link href="/cases/new" className={buttonClass}>
            {t('register')}
          </Link>
        ) : null}
      </div>

      <FilterForm label={t('filters')} clearHref="/cases" labels={{ apply: t('apply'), clear: t('clear') }}>
        {choosesCounty ? (
          <FilterSelect
            name="county"
            label={t('county')}
            current={filter.county}
            any={t('allCounties')}
            options={sortedCounties
              .filter((c) => readScope === 'all' || readScope.includes(c.code))
              .map((c) => ({ value: c.code, label: countyName(c, locale) }))}
          />
        ) : null}
        <FilterDate name="from" label={t('from')} current={filter.from} />
        <FilterDate name="to" label={t('to')} current={filter.to} />
        <FilterSelect
          name="offence"
          label={t('offence')}
          current={filter.offence}
          any={t('any')}
          options={enumOptions(OFFENCES, (v) => tEnum(`offence.${v}`))}
        />
        <FilterSelect
          name="status"
          label={t('status')}
          current={filter.status}
          any={t('any')}
          options={enumOptions(CASE_STATUSES, (v) => tEnum(`caseStatus.${v}`))}
        />
        <FilterSelect
          name="coercionDegree"
          label={t('coercionDegree')}
          current={filter.coercionDegree}
          any={t('any')}
          options={enumOptions(COERCION_DEGREES, (v) => tEnum(`coercionDegree.${v}`))}
        />
        <FilterSelect
          name="reportingBody"
          label={t('reportingBody')}
          current={filter.reportingBody}
          any={t('any')}
          options={enumOptions(REPORTING_BODIES, (v) => tEnum(`reportingBody.${v}`))}
        />
        <FilterSelect
          name="crimeEstablished"
          label={t('crimeEstablished')}
          current={filter.crimeEstablished}
          any={t('any')}
          options={enumOptions(CRIME_ESTABLISHED, (v) => tEnum(`crimeEstablished.${v}`))}
        />
        <div className="sm:col-span-2">
          <FilterSearch name="q" label={t('search')} current={filter.q} maxLength={SEARCH_MAX} />
        </div>
        <FilterSelect
          name="sort"
          label={t('sort')}
          current={filter.sort}
          options={CASE_SORTS.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
        />
        {mayDelete ? (
          <FilterCheckbox name="includeDeleted" label={t('includeDeleted')} checked={filter.includeDeleted} />
        ) : null}
      </FilterForm>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-medium">
          {page.totalIsLowerBound ? t('countCapped', { count: page.total }) : t('count', { count: page.total })}
        </p>
        <ExportLinks
          path="/api/export/cases"
          query={queryString(filterWithoutCursor)}
          labels={{ export: t('export'), csv: t('exportCsv'), xlsx: t('exportXlsx') }}
        />
      </div>

      {page.rows.length === 0 ? (
        <p className="mt-4">{t('none')}</p>
      ) : (
        <TableScroll label={t('caption')} className="mt-4">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('caption')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t('reference')}
                </th>
                {choosesCounty ? (
                  <th scope="col" className="py-2 pr-4">
                    {t('county')}
                  </th>
                ) : null}
                <th scope="col" className="py-2 pr-4">
                  {t('reportedOn')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('offences')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('status')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('coercionDegree')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('parties')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => {
                const county = countyByCode.get(row.countyCode);
                return (
                  <tr key={row.id} className="border-b border-slate-200">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      <Link href={`/cases/${row.id}`} className="text-brand-700 underline underline-offset-2">
                        {row.reference}
                      </Link>
                      {row.deletedAt ? <span className="ml-2 text-red-800">({t('deleted')})</span> : null}
                    </th>
                    {choosesCounty ? (
                      <td className="py-2 pr-4">{county ? countyName(county, locale) : row.countyCode}</td>
                    ) : null}
                    <td className="py-2 pr-4 whitespace-nowrap">{date(row.reportedOn)}</td>
                    <td className="py-2 pr-4">{row.offences.map((o) => tEnum(`offence.${o}`)).join(', ')}</td>
                    <td className="py-2 pr-4">{tEnum(`caseStatus.${row.status}`)}</td>
                    <td className="py-2 pr-4">{tEnum(`coercionDegree.${row.coercionDegree}`)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {t('partiesValue', { victims: row.victimCount, perpetrators: row.perpetratorCount })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}

      <PageLinks
        previousHref={
          page.prevCursor ? `/cases${queryString(filterWithoutCursor, { cursor: page.prevCursor })}` : undefined
        }
        nextHref={
          page.nextCursor ? `/cases${queryString(filterWithoutCursor, { cursor: page.nextCursor })}` : undefined
        }
        labels={{ nav: t('pagination'), previous: t('previous'), next: t('next') }}
      />
    </>
  );
}
