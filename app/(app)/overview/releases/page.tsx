import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { TableScroll } from '@/components/ui/table-scroll';
import { listReleases, type ReleaseList } from '@/db/statistics/releases';
import { todayInStockholm } from '@/lib/forms/fields';
import { periodParams, queryOf } from '@/lib/schemas/statistics';
import { yearPeriod } from '@/lib/periods';
import type { Formatter, Translator } from '../_components/format';
import { ReleaseDayForm, ReleaseYearButton } from './release-forms';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('statistics');
  return { title: t('releases.title') };
}

/** The releases of the protected figures (issue 14): what each year's is, and, for the national coordinator, releasing them. */
export default async function ReleasesPage() {
  const actor = await requireActor();
  const [list, t, format] = await Promise.all([
    loadForPage(listReleases(actor, todayInStockholm())),
    getTranslations('statistics'),
    getFormatter(),
  ]);
  return (
    <>
      <p className="text-sm">
        <Link href="/overview" className="text-brand-700 underline">
          {t('dashboard.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t('releases.title')}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t('releases.intro', { threshold: list.threshold })}</p>
      <p className="mt-2 max-w-3xl text-slate-700">{releaseDayText(list.releaseDay, format, t)}</p>
      <ReleaseTable list={list} format={format} t={t} />
      {list.mayRelease ? (
        <section aria-labelledby="release-day-heading" className="mt-10">
          <h2 id="release-day-heading" className="text-xl font-semibold">
            {t('releases.dayHeading')}
          </h2>
          <p className="mt-2 max-w-2xl text-slate-700">{t('releases.dayIntro')}</p>
          <ReleaseDayForm day={list.releaseDay} version={list.settingVersion} />
        </section>
      ) : null}
    </>
  );
}

function releaseDayText(day: string | null, format: Formatter, t: Translator): string {
  if (day === null) return t('releases.dayOff');
  const [month, date] = day.split('-').map(Number) as [number, number];
  const text = format.dateTime(new Date(Date.UTC(2001, month - 1, date)), {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return t('releases.dayOn', { date: text });
}

function ReleaseTable({ list, format, t }: { list: ReleaseList; format: Formatter; t: Translator }) {
  return (
    <section aria-labelledby="releases-heading" className="mt-8">
      <h2 id="releases-heading" className="text-xl font-semibold">
        {t('releases.tableHeading')}
      </h2>
      {list.years.length === 0 ? (
        <p className="mt-2">{t('releases.noYears')}</p>
      ) : (
        <TableScroll label={t('releases.caption')} className="mt-4">
          <table className="min-w-full border-collapse text-left">
            <caption className="sr-only">{t('releases.caption')}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="px-3 py-2">
                  {t('releases.columns.year')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('releases.columns.version')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('releases.columns.releasedAt')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('releases.columns.by')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('releases.columns.hidden')}
                </th>
                {list.mayRelease ? (
                  <th scope="col" className="px-3 py-2">
                    {t('releases.columns.state')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {list.years.map(({ year, versions, changed }) => {
                const latest = versions[0];
                const yearCell = (
                  <th scope="row" className="px-3 py-2 align-top font-semibold">
                    {latest ? (
                      <Link
                        href={`/overview${queryOf(periodParams(yearPeriod(year)))}`}
                        className="text-brand-700 underline"
                      >
                        {year}
                      </Link>
                    ) : (
                      year
                    )}
                  </th>
                );
                return (
                  <tr key={year} className="border-b border-slate-200 align-top">
                    {yearCell}
                    <td className="px-3 py-2 tabular-nums">
                      {latest ? (
                        <>
                          {t('releases.versionN', { version: latest.version })}
                          {versions.length > 1 ? (
                            <span className="block text-sm text-slate-700">
                              {t('releases.earlier', {
                                versions: versions
                                  .slice(1)
                                  .map((v) => `${v.version} (${format.dateTime(new Date(v.releasedAt), 'dateLong')})`)
                                  .join(', '),
                              })}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        t('releases.notYet')
                      )}
                    </td>
                    <td className="px-3 py-2">
                      {latest ? format.dateTime(new Date(latest.releasedAt), 'dateLong') : ''}
                    </td>
                    <td className="px-3 py-2">
                      {latest
                        ? latest.automatic
                          ? t('releases.automatic')
                          : (latest.releasedBy ?? t('releases.byCoordinator'))
                        : ''}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {latest ? format.number(latest.hiddenCells) : ''}
                    </td>
                    {list.mayRelease ? (
                      <td className="px-3 py-2">
                        {latest ? (
                          <p className="mb-2 text-sm">{t(changed ? 'releases.changed' : 'releases.unchanged')}</p>
                        ) : null}
                        <ReleaseYearButton year={year} again={Boolean(latest)} offered={!latest || Boolean(changed)} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
