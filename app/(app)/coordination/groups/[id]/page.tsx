import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { deleteGroupAction, restoreGroupAction } from '@/app/(app)/coordination/actions';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { ActionItemsTable } from '@/components/coordination/action-items-table';
import { HistoryTable } from '@/components/records/history-table';
import { DeletedNotice, Fact } from '@/components/records/detail-parts';
import { DeleteRestore } from '@/components/records/delete-restore';
import { buttonClass } from '@/components/ui/field';
import { getGroupForActor } from '@/db/queries/coordination/groups';
import type { MeetingSummary } from '@/db/queries/coordination/meeting-list';
import { TableScroll } from '@/components/ui/table-scroll';
import { savedParam } from '@/lib/forms/fields';
import { SavedNotice } from '@/components/records/saved-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.groups.detail');
  return { title: t('metaTitle') };
}

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const saved = savedParam.parse((await searchParams).saved);
  const group = await loadForPage(getGroupForActor(actor, id));
  const [t, tEnum, format, locale] = await Promise.all([
    getTranslations('coordination.groups.detail'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00`), 'dateLong');
  const now = new Date();
  const upcoming = group.meetings.filter((m) => m.startsAt > now && !m.deletedAt).reverse();
  const past = group.meetings.filter((m) => m.startsAt <= now || m.deletedAt);
  const live = !group.deletedAt;

  return (
    <>
      <SavedNotice message={saved ? t(saved === 'created' ? 'created' : 'saved', { name: group.name }) : null} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{group.name}</h1>
          <p className="mt-1 text-slate-700">
            {countyName(group.county, locale)} · {tEnum(`groupKind.${group.kind}`)}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {group.permissions.writeMeetings ? (
            <Link href={`/coordination/meetings/new?group=${group.id}`} className={buttonClass}>
              {t('newMeeting')}
            </Link>
          ) : null}
          {group.permissions.manage ? (
            <Link
              href={`/coordination/groups/${group.id}/edit`}
              className="inline-flex items-center rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {t('edit')}
            </Link>
          ) : null}
          {(live ? group.permissions.delete : group.permissions.restore) ? (
            <DeleteRestore
              id={group.id}
              version={group.version}
              deleted={!live}
              deleteAction={deleteGroupAction}
              restoreAction={restoreGroupAction}
              messages="coordination.controls.group"
              name={group.name}
            />
          ) : null}
        </div>
      </div>

      {group.deletedAt ? (
        <DeletedNotice>
          {t('deletedNotice', {
            time: format.dateTime(group.deletedAt, 'dateTime'),
            name: group.deletedByName ?? t('system'),
          })}
        </DeletedNotice>
      ) : null}

      <section aria-labelledby="facts" className="mt-8">
        <h2 id="facts" className="text-xl font-semibold">
          {t('facts')}
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-2">
          <Fact label={t('county')}>{countyName(group.county, locale)}</Fact>
          <Fact label={t('participating')}>
            {group.participating.length > 0
              ? group.participating.map((c) => countyName(c, locale)).join(', ')
              : t('noParticipating')}
          </Fact>
          <Fact label={t('kind')}>{tEnum(`groupKind.${group.kind}`)}</Fact>
          <Fact label={t('active')}>
            {group.activeTo
              ? t('period', { from: date(group.activeFrom), to: date(group.activeTo) })
              : t('since', { from: date(group.activeFrom) })}
          </Fact>
        </dl>
        <h3 className="mt-4 font-semibold">{t('description')}</h3>
        <p className="mt-1 whitespace-pre-wrap">{group.description ?? '–'}</p>
      </section>

      <section aria-labelledby="members" className="mt-8">
        <h2 id="members" className="text-xl font-semibold">
          {t('members', { count: group.members.length })}
        </h2>
        {group.members.length === 0 ? (
          <p className="mt-2">{t('noMembers')}</p>
        ) : (
          <TableScroll label={t('membersCaption')} className="mt-3">
            <table className="min-w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t('membersCaption')}</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className="py-2 pr-4">
                    {t('organisationName')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('organisationType')}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t('contactFunction')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.members.map((m) => (
                  <tr key={m.id} className="border-b border-slate-200">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {m.organisationName}
                    </th>
                    <td className="py-2 pr-4">{tEnum(`reportingBody.${m.organisationType}`)}</td>
                    <td className="py-2 pr-4">{m.contactFunction ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="pending" className="mt-8">
        <h2 id="pending" className="text-xl font-semibold">
          {t('pending', { count: group.pendingItems.length })}
        </h2>
        <p className="mt-1 text-slate-700">{t('pendingHint')}</p>
        {group.pendingItems.length === 0 ? (
          <p className="mt-2">{t('noPending')}</p>
        ) : (
          <ActionItemsTable items={group.pendingItems} caption={t('pendingCaption')} showGroup={false} />
        )}
      </section>

      <section aria-labelledby="meetings" className="mt-8">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="meetings" className="text-xl font-semibold">
            {t('meetings')}
          </h2>
          {live ? (
            <a
              href={`/api/coordination/groups/${group.id}/calendar.ics`}
              className="font-medium text-brand-700 underline"
              download
            >
              {t('calendar')}
            </a>
          ) : null}
        </div>
        <h3 className="mt-4 font-semibold">{t('upcoming')}</h3>
        {upcoming.length === 0 ? (
          <p className="mt-1">{t('noUpcoming')}</p>
        ) : (
          <MeetingsTable meetings={upcoming} caption={t('upcomingCaption')} />
        )}
        <h3 className="mt-6 font-semibold">{t('past')}</h3>
        {past.length === 0 ? (
          <p className="mt-1">{t('noPast')}</p>
        ) : (
          <MeetingsTable meetings={past} caption={t('pastCaption')} />
        )}
      </section>

      <HistoryTable entries={group.history} namespace="coordination.history" />
    </>
  );
}

async function MeetingsTable({ meetings, caption }: { meetings: MeetingSummary[]; caption: string }) {
  const [t, tEnum, format] = await Promise.all([
    getTranslations('coordination.groups.detail'),
    getTranslations('enums'),
    getFormatter(),
  ]);
  return (
    <TableScroll label={caption} className="mt-2">
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="py-2 pr-4">
              {t('when')}
            </th>
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
          {meetings.map((m) => (
            <tr key={m.id} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-4 font-medium whitespace-nowrap">
                <Link href={`/coordination/meetings/${m.id}`} className="text-brand-700 underline underline-offset-2">
                  {format.dateTimeRange(m.startsAt, m.endsAt, 'dateTime')}
                </Link>
                {m.deletedAt ? <span className="ml-2 text-red-800">({t('deleted')})</span> : null}
              </th>
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
  );
}
