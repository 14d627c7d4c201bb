import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { getMeetingForActor } from '@/db/queries/coordination/meeting-detail';
import { MeetingForm } from '../../../meeting-form';
import { instantToStockholm, type MeetingEditInput } from '@/lib/schemas/coordination';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.meetings.form');
  return { title: t('editMetaTitle') };
}

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const meeting = await loadForPage(getMeetingForActor(actor, id));
  if (!meeting.permissions.update) forbidden();
  const [t, format] = await Promise.all([getTranslations('coordination.meetings.form'), getFormatter()]);
  // The form works on strings, as inputs give them; the schema turns them back into values.
  const defaults: MeetingEditInput = {
    id: meeting.id,
    version: String(meeting.version),
    groupId: meeting.groupId,
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    format: meeting.format,
    place: meeting.place ?? '',
    attendees: meeting.attendees,
    otherGuests: String(meeting.otherGuests),
    agenda: meeting.agenda ?? '',
    minutes: meeting.minutes ?? '',
    decisions: meeting.decisions ?? '',
    actionItems: meeting.actionItems.map((a) => ({
      id: a.id ?? '',
      version: String(a.version ?? ''),
      description: a.description,
      responsibleMemberId: a.responsibleMemberId,
      dueOn: a.dueOn,
    })),
    followUps: meeting.followUpCandidates.map((i) => ({ id: i.id, version: String(i.version), status: i.status })),
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">
        {t('editTitle', { name: meeting.group.name, date: format.dateTime(meeting.startsAt, 'dateLong') })}
      </h1>
      <MeetingForm
        mode="edit"
        defaults={defaults}
        groupName={meeting.group.name}
        members={meeting.members.map((m) => ({ id: m.id, name: m.organisationName, removed: m.removed }))}
        followUps={meeting.followUpCandidates.map((i) => ({
          id: i.id,
          description: i.description,
          responsibleName: i.responsibleName,
          dueOn: i.dueOn,
          overdue: i.overdue,
          raisedOn: instantToStockholm(i.raisedAt).date,
          status: i.status,
        }))}
        raised={meeting.raised.map((i) => ({
          id: i.id,
          status: i.status,
          closedElsewhere: i.closedMeetingId !== null,
        }))}
      />
    </>
  );
}
