import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { todayInStockholm } from '@/lib/forms/fields';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { buttonClass } from '@/components/ui/field';
import { can } from '@/lib/policy';
import { listGroupOptionsForActor } from '@/db/queries/coordination/group-list';
import { getNewMeetingContext } from '@/db/queries/coordination/meeting-detail';
import { MeetingForm } from '../../meeting-form';
import { instantToStockholm, NewMeetingParamsSchema, type MeetingEditInput } from '@/lib/schemas/coordination';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.meetings.form');
  return { title: t('newTitle') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** A new meeting of a group; without a group, first the choice of one — unless there is only one. */
export default async function NewMeetingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, 'coordination.write')) forbidden();
  const { group } = NewMeetingParamsSchema.parse(await searchParams);
  const t = await getTranslations('coordination.meetings.form');
  const groups = group ? [] : await listGroupOptionsForActor(actor, 'meeting');
  const groupId = group ?? (groups.length === 1 ? groups[0]!.id : undefined);

  if (!groupId) {
    return (
      <>
        <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
        {groups.length === 0 ? (
          <p className="mt-4">{t('noGroups')}</p>
        ) : (
          <form method="get" className="mt-6 max-w-xl rounded border border-slate-300 p-4">
            <label htmlFor="pick-group" className="block font-medium">
              {t('pickGroup')}
            </label>
            <select
              id="pick-group"
              name="group"
              required
              className="mt-1 block w-full rounded border border-slate-500 px-3 py-2"
            >
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <div className="mt-4 flex items-center gap-4">
              <button type="submit" className={buttonClass}>
                {t('continue')}
              </button>
              <Link href="/coordination/meetings" className="font-medium text-brand-700 underline">
                {t('cancel')}
              </Link>
            </div>
          </form>
        )}
      </>
    );
  }

  const context = await loadForPage(getNewMeetingContext(actor, groupId));
  const defaults: MeetingEditInput = {
    id: '',
    version: '1',
    groupId: context.group.id,
    date: todayInStockholm(),
    startTime: '09:00',
    endTime: '11:00',
    format: '',
    place: '',
    attendees: [],
    otherGuests: '0',
    agenda: '',
    minutes: '',
    decisions: '',
    actionItems: [],
    followUps: context.followUpCandidates.map((i) => ({ id: i.id, version: String(i.version), status: i.status })),
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('newTitleFor', { name: context.group.name })}</h1>
      <MeetingForm
        mode="create"
        defaults={defaults}
        groupName={context.group.name}
        members={context.members.map((m) => ({ id: m.id, name: m.organisationName, removed: m.removed }))}
        followUps={context.followUpCandidates.map((i) => ({
          id: i.id,
          description: i.description,
          responsibleName: i.responsibleName,
          dueOn: i.dueOn,
          overdue: i.overdue,
          raisedOn: instantToStockholm(i.raisedAt).date,
          status: i.status,
        }))}
      />
    </>
  );
}
