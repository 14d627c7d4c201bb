import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { FilterCheckbox, FilterForm, FilterSelect } from '@/components/records/filter-fields';
import { Pager } from '@/components/records/list-controls';
import { OverdueBadge } from '@/components/coordination/overdue-badge';
import { buttonClass } from '@/components/ui/field';
import { GROUP_KINDS } from '@/lib/enums';
import { can, countyScope } from '@/lib/policy';
import { listGroupsForActor } from '@/db/queries/coordination/group-list';
import { listCounties } from '@/db/queries/counties';
import { GROUP_ACTIVITY, GroupFilterSchema } from '@/lib/schemas/coordination';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.groups.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** The coordination groups the person reads: their own county's, and those their county takes part in. */
export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'coordination.read')) forbidden();
  const filter = GroupFilterSchema.parse(await searchParams);
  const page = await loadForPage(listGroupsForActor(actor, filter));
  const [t, tEnum, format, counties, locale] = await Promise.all([
    getTranslations('coordination.groups.list'),
    getTranslations('enums'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const readScope = countyScope(actor, 'coordination.read');
  // Several counties (a region's, or all): the list names each row's county and filters by one of them.
  const choosesCounty = readScope === 'all' || readScope.length > 1;
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const name = (code: string) => (byCode.get(code) ? countyName(byCode.get(code)!, locale) : code);
  const sorted = [...counties].sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)));
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'date');

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {can(actor, 'coordination.manage') ? (
          <Link href="/coordination/groups/new" className={buttonClass}>
            {t('new')}
          </Link>
        ) : null}
      </div>
      <p className="mt-2 max-w-3xl text-slate-700">{t('intro')}</p>

      <FilterForm label={t('filters')} clearHref="/coordination" labels={{ apply: t('apply'), clear: t('clear') }}>
        {choosesCounty ? (
          <FilterSelect
            name="county"
            label={t('county')}
            current={filter.county}
            any={t('allCounties')}
            options={sorted
              .filter((c) => readScope === 'all' || readScope.includes(c.code))
              .map((c) => ({ value: c.code, label: countyName(c, locale) }))}
          />
        ) : null}
        <FilterSelect
          name="kind"
          label={t('kind')}
          current={filter.kind}
          any={t('any')}
          options={GROUP_KINDS.map((k) => ({ value: k, label: tEnum(`groupKind.${k}`) }))}
        />
        <FilterSelect
          name="activity"
          label={t('activity')}
          current={filter.activity}
          any={t('any')}
          options={GROUP_ACTIVITY.map((a) => ({ value: a, label: t(`activities.${a}`) }))}
        />
        {can(actor, 'coordination.delete') ? (
          <FilterCheckbox name="includeDeleted" label={t('includeDeleted')} checked={filter.includeDeleted} />
        ) : null}
      </FilterForm>

      <p role="status" className="mt-6 font-medium">
        {t('count', { count: page.total })}
      </p>

      {page.rows.length === 0 ? (
        <p className="mt-4">{t('none')}</p>
      ) : (
        <TableScroll label={t('caption')} className="mt-4">
          <table className="min-w-full border-collapse text-left text-sm">
            <caption className="sr-only">{t('caption')}</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t('name')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('counties')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('kind')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('active')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('members')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('nextMeeting')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('pending')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link
                      href={`/coordination/groups/${row.id}`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {row.name}
                    </Link>
                    {row.deletedAt ? <span className="ml-2 text-red-800">({t('deleted')})</span> : null}
                  </th>
                  <td className="py-2 pr-4">
                    {name(row.countyCode)}
                    {row.participatingCounties.length > 0 ? (
                      <span className="block text-slate-600">
                        {t('withCounties', { count: row.participatingCounties.length })}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4">{tEnum(`groupKind.${row.kind}`)}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {row.activeTo
                      ? t('period', { from: date(row.activeFrom), to: date(row.activeTo) })
                      : t('since', { from: date(row.activeFrom) })}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{format.number(row.memberCount)}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {row.nextMeetingAt ? format.dateTime(row.nextMeetingAt, 'dateTime') : '–'}
                  </td>
                  <td className="py-2 pr-4">
                    {format.number(row.pendingCount)}
                    {row.overdueCount > 0 ? (
                      <OverdueBadge label={t('overdueCount', { count: row.overdueCount })} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager
        path="/coordination"
        filter={filter}
        page={page.page}
        pageCount={page.pageCount}
        labels={{
          nav: t('pagination'),
          previous: t('previous'),
          next: t('next'),
          position: t('position', { page: page.page, pages: page.pageCount }),
        }}
      />
    </>
  );
}
