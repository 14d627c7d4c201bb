import 'server-only';
import { getTranslations } from 'next-intl/server';
import { authedRoute } from '@/app/_lib/route';
import { ActionItemFilterSchema, instantToStockholm, MeetingFilterSchema } from '@/lib/schemas/coordination';
import { exportActionItemsForActor, type ActionItemView } from '@/db/queries/coordination/action-item-list';
import { exportMeetingsForActor, type MeetingExportRow } from '@/db/queries/coordination/meeting-list';
import { exportResponse, type Column, type ExportFormat } from './tabular';

// GET /api/export/meetings.{csv,xlsx} and /api/export/action-items.{csv,xlsx}?<the list's filters>:
// the same access rules as the lists; each export is audited by its query.

const stockholm = (instant: Date) => {
  const { date, time } = instantToStockholm(instant);
  return `${date} ${time}`;
};

export function exportMeetings(format: ExportFormat) {
  return authedRoute({ searchParams: MeetingFilterSchema }, async ({ actor, query }) => {
    const { rows } = await exportMeetingsForActor(actor, query);
    const [t, tEnum] = await Promise.all([getTranslations('export.meetings'), getTranslations('enums')]);
    const columns: Column<MeetingExportRow>[] = [
      { header: t('group'), value: (r) => r.groupName },
      { header: t('county'), value: (r) => r.countyCode },
      { header: t('startsAt'), value: (r) => stockholm(r.startsAt) },
      { header: t('endsAt'), value: (r) => stockholm(r.endsAt) },
      { header: t('format'), value: (r) => tEnum(`eventFormat.${r.format}`) },
      { header: t('place'), value: (r) => r.place },
      { header: t('organisations'), value: (r) => r.attendeeCount },
      { header: t('attendees'), value: (r) => r.attendees.join(', ') },
      { header: t('otherGuests'), value: (r) => r.otherGuests },
      { header: t('raised'), value: (r) => r.raisedCount },
      { header: t('closed'), value: (r) => r.closedCount },
      { header: t('agenda'), value: (r) => r.agenda },
      { header: t('decisions'), value: (r) => r.decisions },
      { header: t('deleted'), value: (r) => (r.deletedAt ? t('yes') : null) },
    ];
    return exportResponse(format, t('fileName'), columns, rows);
  });
}

export function exportActionItems(format: ExportFormat) {
  return authedRoute({ searchParams: ActionItemFilterSchema }, async ({ actor, query }) => {
    const { rows } = await exportActionItemsForActor(actor, query);
    const [t, tEnum] = await Promise.all([getTranslations('export.actionItems'), getTranslations('enums')]);
    const columns: Column<ActionItemView>[] = [
      { header: t('group'), value: (r) => r.groupName },
      { header: t('county'), value: (r) => r.countyCode },
      { header: t('description'), value: (r) => r.description },
      { header: t('responsible'), value: (r) => r.responsibleName },
      { header: t('responsibleType'), value: (r) => tEnum(`reportingBody.${r.responsibleType}`) },
      { header: t('dueOn'), value: (r) => r.dueOn },
      { header: t('status'), value: (r) => tEnum(`actionItemStatus.${r.status}`) },
      { header: t('overdue'), value: (r) => (r.overdue ? t('yes') : t('no')) },
      { header: t('raisedAt'), value: (r) => instantToStockholm(r.raisedAt).date },
      { header: t('closedOn'), value: (r) => r.closedOn },
    ];
    return exportResponse(format, t('fileName'), columns, rows);
  });
}
