import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { FilterCheckbox, FilterDate, FilterForm, FilterSelect } from '@/components/records/filter-fields';
import { ExportLinks, Pager, queryString } from '@/components/records/list-controls';
import { buttonClass } from '@/components/ui/field';
import { EVENT_FORMATS } from '@/lib/enums';
import { can, countyScope } from '@/lib/policy';
import { listGroupOptionsForActor } from '@/db/queries/coordination/group-list';
import { listMeetingsForActor } from '@/db/queries/coordination/meeting-list';
import { listCounties } from '@/db/queries/counties';
import { MeetingFilterSchema } from '@/lib/schemas/coordination';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.meetings.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'coordination.read')) forbidden();
  const filter = MeetingFilterSchema.parse(await searchParams);
  const [page, groups] = await Promise.all([
    loadForPage(listMeetingsForActor(actor, filter)),
    listGroupOptionsForActor(actor, 'read'),
  ]);
  const [t, tEnum, format, counties, locale] = await Promise.all([
    getTranslations('coordination.meetings.list'),
    getTranslations('enums'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const readScope = countyScope(actor, 'coordination.read');
  // Several counties (a region's, or all): the list names each row's county and filters by one of them.
  const choosesCounty = readScope === 'all' || readScope.length > 1;
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const sorted = [...counties].sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)));
  const { page: _page, ...exportFilter } = filter;
  void _page;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {can(actor, 'coordination.write') ? (
          <Link
            href={filter.group ? `/coordination/meetings/new?group=${filter.group}` : '/coordination/meetings/new'}
            className={buttonClass}
          >
            {t('new')}
          </Link>
        ) : null}
      </div>

      <FilterForm
        label={t('filters')}
        clearHref="/coordination/meetings"
        labels={{ apply: t('apply'), clear: t('clear') }}
      >
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
        <FilterDate name="from" label={t('from')} current={filter.from} />
        <FilterDate name="to" label={t('to')} current={filter.to} />
        <FilterSelect
          name="group"
          label={t('group')}
          current={filter.group}
          any={t('allGroups')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <FilterSelect
          name="format"
          label={t('format')}
          current={filter.format}
          any={t('any')}
          options={EVENT_FORMATS.map((f) => ({ value: f, label: tEnum(`eventFormat.${f}`) }))}
        />
        {can(actor, 'coordination.delete') ? (
          <FilterCheckbox name="includeDeleted" label={t('includeDeleted')} checked={filter.includeDeleted} />
        ) : null}
      </FilterForm>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-medium">
          {t('count', { count: page.total })}
        </p>
        <ExportLinks
          path="/api/export/meetings"
          query={queryString(exportFilter)}
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
                  {t('when')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('group')}
                </th>
                {choosesCounty ? (
                  <th scope="col" className="py-2 pr-4">
                    {t('county')}
                  </th>
                ) : null}
                <th scope="col" className="py-2 pr-4">
                  {t('format')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('place')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('attended')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('raised')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((m) => (
                <tr key={m.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-medium whitespace-nowrap">
                    <Link
                      href={`/coordination/meetings/${m.id}`}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {format.dateTimeRange(m.startsAt, m.endsAt, 'dateMediumTime')}
                    </Link>
                    {m.deletedAt ? <span className="ml-2 text-red-800">({t('deleted')})</span> : null}
                  </th>
                  <td className="py-2 pr-4">{m.groupName}</td>
                  {choosesCounty ? (
                    <td className="py-2 pr-4">
                      {byCode.get(m.countyCode) ? countyName(byCode.get(m.countyCode)!, locale) : m.countyCode}
                    </td>
                  ) : null}
                  <td className="py-2 pr-4">{tEnum(`eventFormat.${m.format}`)}</td>
                  <td className="py-2 pr-4">{m.place ?? '–'}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {t('attendedValue', { organisations: m.attendeeCount, guests: m.otherGuests })}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{format.number(m.raisedCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager
        path="/coordination/meetings"
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
