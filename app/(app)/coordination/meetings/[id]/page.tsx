import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { deleteMeetingAction, restoreMeetingAction } from '@/app/(app)/coordination/actions';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { ActionItemsTable } from '@/components/coordination/action-items-table';
import { HistoryTable } from '@/components/records/history-table';
import { DeletedNotice, Fact } from '@/components/records/detail-parts';
import { DeleteRestore } from '@/components/records/delete-restore';
import { getMeetingForActor } from '@/db/queries/coordination/meeting-detail';
import { savedParam } from '@/lib/forms/fields';
import { SavedNotice } from '@/components/records/saved-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.meetings.detail');
  return { title: t('metaTitle') };
}

export default async function MeetingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const saved = savedParam.parse((await searchParams).saved);
  const meeting = await loadForPage(getMeetingForActor(actor, id));
  const [t, tEnum, format, locale] = await Promise.all([
    getTranslations('coordination.meetings.detail'),
    getTranslations('enums'),
    getFormatter(),
    getLocale(),
  ]);
  const when = format.dateTimeRange(meeting.startsAt, meeting.endsAt, 'dateLongTime');
  const live = !meeting.deletedAt;
  const text = (value: string | null) => <p className="mt-1 whitespace-pre-wrap">{value ?? '–'}</p>;

  return (
    <>
      <SavedNotice
        message={
          saved
            ? t(saved === 'created' ? 'created' : 'saved', { date: format.dateTime(meeting.startsAt, 'dateLong') })
            : null
        }
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            {t('title', { date: format.dateTime(meeting.startsAt, 'dateLong') })}
          </h1>
          <p className="mt-1 text-slate-700">
            <Link
              href={`/coordination/groups/${meeting.group.id}`}
              className="text-brand-700 underline underline-offset-2"
            >
              {meeting.group.name}
            </Link>{' '}
            · {countyName(meeting.group.county, locale)}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {meeting.permissions.update ? (
            <Link
              href={`/coordination/meetings/${meeting.id}/edit`}
              className="inline-flex items-center rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
            >
              {t('edit')}
            </Link>
          ) : null}
          {(live ? meeting.permissions.delete : meeting.permissions.restore) ? (
            <DeleteRestore
              id={meeting.id}
              version={meeting.version}
              deleted={!live}
              deleteAction={deleteMeetingAction}
              restoreAction={restoreMeetingAction}
              messages="coordination.controls.meeting"
              name={when}
            />
          ) : null}
        </div>
      </div>

      {meeting.deletedAt ? (
        <DeletedNotice>
          {t('deletedNotice', {
            time: format.dateTime(meeting.deletedAt, 'dateTime'),
            name: meeting.deletedByName ?? t('system'),
          })}
        </DeletedNotice>
      ) : null}

      <section aria-labelledby="facts" className="mt-8">
        <h2 id="facts" className="text-xl font-semibold">
          {t('facts')}
        </h2>
        <dl className="mt-3 grid gap-x-8 gap-y-3 sm:grid-cols-2">
          <Fact label={t('when')}>{when}</Fact>
          <Fact label={t('format')}>{tEnum(`eventFormat.${meeting.format}`)}</Fact>
          <Fact label={t('place')}>{meeting.place ?? '–'}</Fact>
          <Fact label={t('participants')}>
            {t('participantsValue', { organisations: meeting.attendance.length, guests: meeting.otherGuests })}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="attendance" className="mt-8">
        <h2 id="attendance" className="text-xl font-semibold">
          {t('attendance')}
        </h2>
        {meeting.attendance.length === 0 ? (
          <p className="mt-2">{t('noAttendance')}</p>
        ) : (
          <ul className="mt-2 list-inside list-disc">
            {meeting.attendance.map((m) => (
              <li key={m.id}>
                {m.organisationName} ({tEnum(`reportingBody.${m.organisationType}`)})
                {m.removed ? ` – ${t('removedMember')}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="content" className="mt-8">
        <h2 id="content" className="text-xl font-semibold">
          {t('content')}
        </h2>
        <h3 className="mt-3 font-semibold">{t('agenda')}</h3>
        {text(meeting.agenda)}
        <h3 className="mt-4 font-semibold">{t('minutes')}</h3>
        {text(meeting.minutes)}
        <h3 className="mt-4 font-semibold">{t('decisions')}</h3>
        {text(meeting.decisions)}
      </section>

      <section aria-labelledby="raised" className="mt-8">
        <h2 id="raised" className="text-xl font-semibold">
          {t('raised', { count: meeting.raised.length })}
        </h2>
        {meeting.raised.length === 0 ? (
          <p className="mt-2">{t('noRaised')}</p>
        ) : (
          <ActionItemsTable items={meeting.raised} caption={t('raisedCaption')} showGroup={false} />
        )}
      </section>

      <section aria-labelledby="closed-here" className="mt-8">
        <h2 id="closed-here" className="text-xl font-semibold">
          {t('closedHere', { count: meeting.closedHere.length })}
        </h2>
        {meeting.closedHere.length === 0 ? (
          <p className="mt-2">{t('noClosedHere')}</p>
        ) : (
          <ActionItemsTable items={meeting.closedHere} caption={t('closedHereCaption')} showGroup={false} />
        )}
      </section>

      <HistoryTable entries={meeting.history} namespace="coordination.history" />
    </>
  );
}
