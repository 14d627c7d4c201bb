import 'server-only';
import { getTranslations } from 'next-intl/server';
import { authedRoute } from '@/app/_lib/route';
import { TrainingFilterSchema } from '@/lib/schemas/trainings';
import { TRAINING_AUDIENCES } from '@/lib/enums';
import { exportTrainingsForActor, type TrainingListRow } from '@/db/queries/trainings/list';
import { exportResponse, type Column, type ExportFormat } from './tabular';

/**
 * GET /api/export/trainings.{csv,xlsx}?<the list's filters>: one row per training, a column per
 * target audience and the total. Same access rules as the list; audited by the query.
 */
export function exportTrainings(format: ExportFormat) {
  return authedRoute({ searchParams: TrainingFilterSchema }, async ({ actor, query }) => {
    const { rows } = await exportTrainingsForActor(actor, query);
    const [t, tEnum] = await Promise.all([getTranslations('export.trainings'), getTranslations('enums')]);
    const count = (row: TrainingListRow, audience: string) =>
      row.participants.find((p) => p.audience === audience)?.participants ?? null;
    const columns: Column<TrainingListRow>[] = [
      { header: t('title'), value: (r) => r.title },
      { header: t('county'), value: (r) => r.countyCode },
      { header: t('organiser'), value: (r) => tEnum(`trainingOrganiser.${r.organiser}`) },
      { header: t('startsOn'), value: (r) => r.startsOn },
      { header: t('endsOn'), value: (r) => r.endsOn },
      { header: t('format'), value: (r) => tEnum(`eventFormat.${r.format}`) },
      { header: t('hours'), value: (r) => r.hours },
      { header: t('themes'), value: (r) => r.themes.map((v) => tEnum(`trainingTheme.${v}`)).join(', ') },
      ...TRAINING_AUDIENCES.map((audience) => ({
        header: t('audienceColumn', { audience: tEnum(`trainingAudience.${audience}`) }),
        value: (r: TrainingListRow) => count(r, audience),
      })),
      { header: t('total'), value: (r) => r.total },
      { header: t('evaluation'), value: (r) => r.evaluation },
      { header: t('group'), value: (r) => r.groupName },
      { header: t('deleted'), value: (r) => (r.deletedAt ? t('yes') : null) },
    ];
    return exportResponse(format, t('fileName'), columns, rows);
  });
}
