import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getMessages, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { FilterDate, FilterSelect } from '@/components/records/filter-fields';
import { queryString } from '@/components/records/list-controls';
import { buttonClass } from '@/components/ui/field';
import { listAuditEntriesForActor, listAuditFilterOptions, type AuditRow } from '@/db/queries/audit-log';
import { listCounties } from '@/db/queries/counties';
import { auditLabelKey } from '@/lib/audit-events';
import { isMessageKey } from '@/lib/i18n';
import { can } from '@/lib/policy';
import { AuditFilterSchema, toAuditFilter } from '@/lib/schemas/audit-log';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.audit');
  return { title: t('title') };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'audit.read')) forbidden();
  const params = AuditFilterSchema.parse(await searchParams);
  const filter = toAuditFilter(params);
  // Reading the page is itself written to the audit log (in the query).
  const [page, options] = await Promise.all([
    loadForPage(listAuditEntriesForActor(actor, filter, params.before)),
    loadForPage(listAuditFilterOptions(actor)),
  ]);
  const [t, tAll, messages, format, counties, locale] = await Promise.all([
    getTranslations('admin.audit'),
    getTranslations(),
    getMessages(),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const sortedCounties = [...counties].sort((a, b) =>
    collator(locale).compare(countyName(a, locale), countyName(b, locale)),
  );
  const { before: _before, ...filterParams } = params;
  void _before;
  // Every kind the app writes has words (lib/audit-events.ts; messages.test.ts checks it); a code
  // written by an older version, or by hand, is shown as it is.
  const words = (kind: 'actions' | 'entities', code: string) => {
    const key = `admin.audit.${kind}.${auditLabelKey(code)}`;
    return isMessageKey(messages, key) ? tAll(key) : code;
  };
  const actionLabel = (code: string) => words('actions', code);
  const entityLabel = (code: string) => words('entities', code);
  const byLabel = (label: (code: string) => string) => (a: string, b: string) =>
    collator(locale).compare(label(a), label(b));
  const link = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';

  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('intro')}</p>

      <form method="get" role="search" aria-label={t('filters')} className="mt-6 rounded border border-slate-300 p-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FilterSelect
            name="person"
            label={t('person')}
            current={params.person}
            any={t('anyone')}
            options={options.people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
          />
          <FilterSelect
            name="county"
            label={t('county')}
            current={params.county}
            any={t('anyCounty')}
            options={sortedCounties.map((c) => ({ value: c.code, label: countyName(c, locale) }))}
          />
          <FilterSelect
            name="entity"
            label={t('entity')}
            current={params.entity}
            any={t('anyEntity')}
            options={[...options.entityTypes]
              .sort(byLabel(entityLabel))
              .map((e) => ({ value: e, label: entityLabel(e) }))}
          />
          <FilterSelect
            name="action"
            label={t('action')}
            current={params.action}
            any={t('anyAction')}
            options={[...options.actions].sort(byLabel(actionLabel)).map((a) => ({ value: a, label: actionLabel(a) }))}
          />
          <FilterDate name="from" label={t('from')} current={params.from} />
          <FilterDate name="to" label={t('to')} current={params.to} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonClass}>
            {t('apply')}
          </button>
          <Link href="/admin/audit" className={link}>
            {t('clear')}
          </Link>
          <a href={`/api/export/audit.csv${queryString(filterParams)}`} className={link} download>
            {t('exportCsv')}
          </a>
        </div>
      </form>

      <TableScroll label={t('caption', { count: page.rows.length })} className="mt-6">
        <table className="min-w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-medium">{t('caption', { count: page.rows.length })}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {t('at')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('person')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('action')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('entity')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('county')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('changes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-200 align-top">
                <td className="whitespace-nowrap py-2 pr-4 tabular-nums">
                  {format.dateTime(row.at, 'dateTimeSeconds')}
                </td>
                <td className="py-2 pr-4">{row.actorName ? `${row.actorName}` : t('system')}</td>
                <td className="py-2 pr-4">{actionLabel(row.action)}</td>
                <td className="py-2 pr-4">
                  {entityLabel(row.entityType)}
                  {row.record ? (
                    <span className="block font-medium">
                      {row.record.name}
                      {row.record.date ? `, ${format.dateTime(row.record.date, 'date')}` : ''}
                    </span>
                  ) : null}
                  {row.entityId ? (
                    <span className="block break-all font-mono text-xs text-slate-600">{row.entityId}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  {row.countyCode
                    ? countyByCode.get(row.countyCode)
                      ? countyName(countyByCode.get(row.countyCode)!, locale)
                      : row.countyCode
                    : '–'}
                </td>
                <td className="py-2 pr-4">
                  <Changes row={row} hiddenLabel={t('contentHidden')} fieldsLabel={t('fields')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? <p className="mt-4">{t('none')}</p> : null}
      </TableScroll>
      <nav aria-label={t('pages')} className="mt-6 flex flex-wrap gap-6">
        {params.before ? (
          <Link href={`/admin/audit${queryString(filterParams)}`} className={link}>
            {t('newest')}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link href={`/admin/audit${queryString({ ...filterParams, before: page.nextBefore })}`} className={link}>
            {t('older')}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function Changes({ row, hiddenLabel, fieldsLabel }: { row: AuditRow; hiddenLabel: string; fieldsLabel: string }) {
  if (row.fields.length === 0) return <>–</>;
  if (!row.changes) {
    return (
      <span>
        {fieldsLabel}: {row.fields.join(', ')} <span className="block text-slate-600">{hiddenLabel}</span>
      </span>
    );
  }
  // One line per field: "field: before → after" for an edit (db/audit.ts diff), else its value.
  return (
    <dl className="max-w-md text-xs">
      {Object.entries(row.changes).map(([field, value]) => (
        <div key={field} className="flex flex-wrap gap-x-1">
          <dt className="font-mono font-semibold">{field}:</dt>
          <dd className="break-words font-mono">
            {isDiff(value) ? `${shown(value.from)} → ${shown(value.to)}` : shown(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function isDiff(value: unknown): value is { from: unknown; to: unknown } {
  return (
    typeof value === 'object' && value !== null && 'from' in value && 'to' in value && Object.keys(value).length === 2
  );
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
