import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { buttonClass } from '@/components/ui/field';
import { listCasesForActor } from '@/db/queries/cases';
import { listCounties } from '@/db/queries/counties';
import { can, countyScope } from '@/lib/policy';
import { CASE_STATUSES, COERCION_DEGREES, CRIME_ESTABLISHED, OFFENCES, REPORTING_BODIES } from '@/lib/enums';
import { CASE_SORTS, CaseFilterSchema } from '@/lib/schemas/cases';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('cases.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The filter as URL parameters (for the pager and the export links), without empty values. */
function queryString(filter: Record<string, unknown>, overrides: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...overrides })) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

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
  const choosesCounty = readScope === 'all';
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const sortedCounties = [...counties].sort((a, b) =>
    collator(locale).compare(countyName(a, locale), countyName(b, locale)),
  );
  const { cursor: _cursor, ...filterWithoutCursor } = filter;
  void _cursor;
  const mayDelete = can(actor, 'case.delete');
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), { dateStyle: 'short' });
  const select = (name: string, label: string, values: readonly string[], enumName: string, current?: string) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={current ?? ''}
        className="mt-1 w-full rounded border border-slate-500 px-2 py-1.5"
      >
        <option value="">{t('any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {tEnum(`${enumName}.${v}` as never)}
          </option>
        ))}
      </select>
    </div>
  );

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

      <form method="get" role="search" aria-label={t('filters')} className="mt-6 rounded border border-slate-300 p-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {choosesCounty ? (
            <div>
              <label htmlFor="filter-county" className="block text-sm font-medium">
                {t('county')}
              </label>
              <select
                id="filter-county"
                name="county"
                defaultValue={filter.county ?? ''}
                className="mt-1 w-full rounded border border-slate-500 px-2 py-1.5"
              >
                <option value="">{t('allCounties')}</option>
                {sortedCounties.map((c) => (
                  <option key={c.code} value={c.code}>
                    {countyName(c, locale)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="filter-from" className="block text-sm font-medium">
              {t('from')}
            </label>
            <input
              id="filter-from"
              name="from"
              type="date"
              defaultValue={filter.from ?? ''}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
            />
          </div>
          <div>
            <label htmlFor="filter-to" className="block text-sm font-medium">
              {t('to')}
            </label>
            <input
              id="filter-to"
              name="to"
              type="date"
              defaultValue={filter.to ?? ''}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
            />
          </div>
          {select('offence', t('offence'), OFFENCES, 'offence', filter.offence)}
          {select('status', t('status'), CASE_STATUSES, 'caseStatus', filter.status)}
          {select('coercionDegree', t('coercionDegree'), COERCION_DEGREES, 'coercionDegree', filter.coercionDegree)}
          {select('reportingBody', t('reportingBody'), REPORTING_BODIES, 'reportingBody', filter.reportingBody)}
          {select(
            'crimeEstablished',
            t('crimeEstablished'),
            CRIME_ESTABLISHED,
            'crimeEstablished',
            filter.crimeEstablished,
          )}
          <div className="sm:col-span-2">
            <label htmlFor="filter-q" className="block text-sm font-medium">
              {t('search')}
            </label>
            <input
              id="filter-q"
              name="q"
              type="search"
              defaultValue={filter.q ?? ''}
              maxLength={50}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
            />
          </div>
          <div>
            <label htmlFor="filter-sort" className="block text-sm font-medium">
              {t('sort')}
            </label>
            <select
              id="filter-sort"
              name="sort"
              defaultValue={filter.sort}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1.5"
            >
              {CASE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {mayDelete ? (
            <label className="flex items-center gap-2 self-end">
              <input
                type="checkbox"
                name="includeDeleted"
                value="1"
                defaultChecked={filter.includeDeleted}
                className="h-4 w-4"
              />
              {t('includeDeleted')}
            </label>
          ) : null}
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonClass}>
            {t('apply')}
          </button>
          <Link href="/cases" className="font-medium text-brand-700 underline">
            {t('clear')}
          </Link>
        </div>
      </form>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-medium">
          {page.totalIsLowerBound ? t('countCapped', { count: page.total }) : t('count', { count: page.total })}
        </p>
        <p className="flex gap-4">
          <span className="sr-only">{t('export')}:</span>
          <a
            href={`/api/export/cases.csv${queryString(filterWithoutCursor)}`}
            className="font-medium text-brand-700 underline"
          >
            {t('exportCsv')}
          </a>
          <a
            href={`/api/export/cases.xlsx${queryString(filterWithoutCursor)}`}
            className="font-medium text-brand-700 underline"
          >
            {t('exportXlsx')}
          </a>
        </p>
      </div>

      {page.rows.length === 0 ? (
        <p className="mt-4">{t('none')}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
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
                    <td className="py-2 pr-4">{row.offences.map((o) => tEnum(`offence.${o}` as never)).join(', ')}</td>
                    <td className="py-2 pr-4">{tEnum(`caseStatus.${row.status}` as never)}</td>
                    <td className="py-2 pr-4">{tEnum(`coercionDegree.${row.coercionDegree}` as never)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {t('partiesValue', { victims: row.victimCount, perpetrators: row.perpetratorCount })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label={t('pagination')} className="mt-4 flex gap-6">
        {page.prevCursor ? (
          <Link
            href={`/cases${queryString(filterWithoutCursor, { cursor: page.prevCursor })}`}
            className="font-medium text-brand-700 underline"
          >
            ← {t('previous')}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/cases${queryString(filterWithoutCursor, { cursor: page.nextCursor })}`}
            className="font-medium text-brand-700 underline"
          >
            {t('next')} →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
