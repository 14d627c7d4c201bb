import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/policy';
import { getCoordinationSummaryForActor } from '@/db/queries/coordination/summary';
import { ActionItemsTable } from './action-items-table';

/** A county role's start page: the next meetings of the groups it reads, and what is still to do (overdue first). */
export async function CountyCoordinationOverview({ actor }: { actor: Actor }) {
  const [summary, t, tEnum, format] = await Promise.all([
    getCoordinationSummaryForActor(actor),
    getTranslations('home.coordination'),
    getTranslations('enums'),
    getFormatter(),
  ]);
  return (
    <section aria-labelledby="coordination-overview" className="mt-10">
      <h2 id="coordination-overview" className="text-xl font-semibold">
        {t('title')}
      </h2>

      <h3 id="upcoming-meetings" className="mt-4 font-semibold">
        {t('upcoming')}
      </h3>
      {summary.upcoming.length === 0 ? (
        <p className="mt-1">{t('noUpcoming')}</p>
      ) : (
        <ul aria-labelledby="upcoming-meetings" className="mt-2 space-y-2">
          {summary.upcoming.map((m) => (
            <li key={m.id} className="rounded border border-slate-300 p-3">
              <Link
                href={`/coordination/meetings/${m.id}`}
                className="font-medium text-brand-700 underline underline-offset-2"
              >
                {format.dateTimeRange(m.startsAt, m.endsAt, 'dateFullTime')}
              </Link>
              <span className="block text-slate-700">
                {m.groupName} · {tEnum(`eventFormat.${m.format}`)}
                {m.place ? ` · ${m.place}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2">
        <Link href="/coordination/meetings" className="font-medium text-brand-700 underline underline-offset-2">
          {t('allMeetings')}
        </Link>
      </p>

      <h3 className="mt-6 font-semibold">{t('pending')}</h3>
      <p className="mt-1">{t('pendingSummary', { pending: summary.pendingCount, overdue: summary.overdueCount })}</p>
      {summary.pending.length > 0 ? <ActionItemsTable items={summary.pending} caption={t('pendingCaption')} /> : null}
      <p className="mt-2 flex flex-wrap gap-4">
        <Link
          href="/coordination/action-items?status=overdue"
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {t('allOverdue')}
        </Link>
        <Link href="/coordination/action-items" className="font-medium text-brand-700 underline underline-offset-2">
          {t('allPending')}
        </Link>
      </p>
    </section>
  );
}
