import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { ActionItemsTable } from '@/components/coordination/action-items-table';
import { FilterDate, FilterForm, FilterSelect } from '@/components/records/filter-fields';
import { ExportLinks, Pager, queryString } from '@/components/records/list-controls';
import { ACTION_ITEM_STATUSES } from '@/lib/enums';
import { can, countyScope } from '@/lib/policy';
import { listActionItemsForActor } from '@/db/queries/coordination/action-item-list';
import { listGroupOptionsForActor } from '@/db/queries/coordination/group-list';
import { listCounties } from '@/db/queries/counties';
import { ActionItemFilterSchema } from '@/lib/schemas/coordination';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.actionItems.list');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Action items across the groups the person reads; by default those still to do, soonest due first. */
export default async function ActionItemsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'coordination.read')) forbidden();
  const filter = ActionItemFilterSchema.parse(await searchParams);
  const [page, groups] = await Promise.all([
    loadForPage(listActionItemsForActor(actor, filter)),
    listGroupOptionsForActor(actor, 'read'),
  ]);
  const [t, tEnum, counties, locale] = await Promise.all([
    getTranslations('coordination.actionItems.list'),
    getTranslations('enums'),
    listCounties(),
    getLocale(),
  ]);
  const readScope = countyScope(actor, 'coordination.read');
  // Several counties (a region's, or all): the list names each row's county and filters by one of them.
  const choosesCounty = readScope === 'all' || readScope.length > 1;
  const sorted = [...counties].sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)));
  const status = filter.status ?? 'pending';
  const { page: _page, ...exportFilter } = filter;
  void _page;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('intro')}</p>

      <FilterForm
        label={t('filters')}
        clearHref="/coordination/action-items"
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
        <FilterSelect
          name="group"
          label={t('group')}
          current={filter.group}
          any={t('allGroups')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
        />
        <FilterSelect
          name="status"
          label={t('status')}
          current={status}
          options={[
            { value: 'pending', label: t('statuses.pending') },
            { value: 'overdue', label: t('statuses.overdue') },
            { value: 'all', label: t('statuses.all') },
            ...ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: tEnum(`actionItemStatus.${s}`) })),
          ]}
        />
        <FilterDate name="from" label={t('from')} current={filter.from} />
        <FilterDate name="to" label={t('to')} current={filter.to} />
      </FilterForm>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-medium">
          {t('count', { count: page.total })}
        </p>
        <ExportLinks
          path="/api/export/action-items"
          query={queryString({ ...exportFilter, status })}
          labels={{ export: t('export'), csv: t('exportCsv'), xlsx: t('exportXlsx') }}
        />
      </div>

      {page.rows.length === 0 ? (
        <p className="mt-4">{t('none')}</p>
      ) : (
        <ActionItemsTable items={page.rows} caption={t('caption')} />
      )}
      <Pager
        path="/coordination/action-items"
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
