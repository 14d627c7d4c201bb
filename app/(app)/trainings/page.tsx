import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { FilterCheckbox, FilterDate, FilterForm, FilterSelect } from '@/components/records/filter-fields';
import { ExportLinks, Pager, queryString } from '@/components/records/list-controls';
import { buttonClass } from '@/components/ui/field';
import { TRAINING_AUDIENCES, TRAINING_ORGANISERS, TRAINING_THEMES } from '@/lib/enums';
import { can, countyScope } from '@/lib/policy';
import { listGroupOptionsForActor } from '@/db/queries/coordination/group-list';
import { listCounties } from '@/db/queries/counties';
import { listTrainingsForActor } from '@/db/queries/trainings/list';
import { TrainingFilterSchema } from '@/lib/schemas/trainings';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trainings.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function TrainingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'training.read')) forbidden();
  const filter = TrainingFilterSchema.parse(await searchParams);
  const [page, groups] = await Promise.all([
    loadForPage(listTrainingsForActor(actor, filter)),
    can(actor, 'coordination.read') ? listGroupOptionsForActor(actor, 'read') : Promise.resolve([]),
  ]);
  const [t, tEnum, format, counties, locale] = await Promise.all([
    getTranslations('trainings.list'),
    getTranslations('enums'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const readScope = countyScope(actor, 'training.read');
  // Several counties (a region's, or all): the list names each row's county and filters by one of them.
  const choosesCounty = readScope === 'all' || readScope.length > 1;
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const sorted = [...counties].sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)));
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'date');
  const { page: _page, ...exportFilter } = filter;
  void _page;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        {can(actor, 'training.write') ? (
          <Link href="/trainings/new" className={buttonClass}>
            {t('new')}
          </Link>
        ) : null}
      </div>

      <FilterForm label={t('filters')} clearHref="/trainings" labels={{ apply: t('apply'), clear: t('clear') }}>
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
          name="theme"
          label={t('theme')}
          current={filter.theme}
          any={t('any')}
          options={TRAINING_THEMES.map((v) => ({ value: v, label: tEnum(`trainingTheme.${v}`) }))}
        />
        <FilterSelect
          name="audience"
          label={t('audience')}
          current={filter.audience}
          any={t('any')}
          options={TRAINING_AUDIENCES.map((v) => ({ value: v, label: tEnum(`trainingAudience.${v}`) }))}
        />
        <FilterSelect
          name="organiser"
          label={t('organiser')}
          current={filter.organiser}
          any={t('any')}
          options={TRAINING_ORGANISERS.map((v) => ({ value: v, label: tEnum(`trainingOrganiser.${v}`) }))}
        />
        <FilterSelect
          name="group"
          label={t('group')}
          current={filter.group}
          any={t('allGroups')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        {can(actor, 'training.delete') ? (
          <FilterCheckbox name="includeDeleted" label={t('includeDeleted')} checked={filter.includeDeleted} />
        ) : null}
      </FilterForm>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-medium">
          {t('count', { count: page.total, participants: page.participantTotal })}
        </p>
        <ExportLinks
          path="/api/export/trainings"
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
                  {t('trainingTitle')}
                </th>
                {choosesCounty ? (
                  <th scope="col" className="py-2 pr-4">
                    {t('county')}
                  </th>
                ) : null}
                <th scope="col" className="py-2 pr-4">
                  {t('date')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('organiser')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('audiences')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('participants')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={`/trainings/${row.id}`} className="text-brand-700 underline underline-offset-2">
                      {row.title}
                    </Link>
                    {row.deletedAt ? <span className="ml-2 text-red-800">({t('deleted')})</span> : null}
                    <span className="block font-normal text-slate-600">
                      {row.themes.map((v) => tEnum(`trainingTheme.${v}`)).join(', ')}
                    </span>
                  </th>
                  {choosesCounty ? (
                    <td className="py-2 pr-4">
                      {byCode.get(row.countyCode) ? countyName(byCode.get(row.countyCode)!, locale) : row.countyCode}
                    </td>
                  ) : null}
                  <td className="py-2 pr-4 whitespace-nowrap">{date(row.startsOn)}</td>
                  <td className="py-2 pr-4">{tEnum(`trainingOrganiser.${row.organiser}`)}</td>
                  <td className="py-2 pr-4">
                    {row.participants
                      .map((p) => `${tEnum(`trainingAudience.${p.audience}`)} ${format.number(p.participants)}`)
                      .join(', ')}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{format.number(row.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager
        path="/trainings"
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
