import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { listTrainingGroupOptions } from '@/db/queries/trainings/list';
import { getTrainingForActor } from '@/db/queries/trainings/register';
import type { TrainingEditInput } from '@/lib/schemas/trainings';
import { TrainingForm } from '../../training-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trainings.form');
  return { title: t('editMetaTitle') };
}

/** Decimals as a Swedish reader types them ("6,5"); the schema reads both. */
const decimal = (value: number, locale: string) => (locale === 'en' ? String(value) : String(value).replace('.', ','));

export default async function EditTrainingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const training = await loadForPage(getTrainingForActor(actor, id));
  if (!training.permissions.update) forbidden();
  const [t, locale, groups] = await Promise.all([
    getTranslations('trainings.form'),
    getLocale(),
    listTrainingGroupOptions(actor),
  ]);
  const defaults: TrainingEditInput = {
    id: training.id,
    version: String(training.version),
    countyCode: training.countyCode,
    organiser: training.organiser,
    title: training.title,
    startsOn: training.startsOn,
    endsOn: training.endsOn,
    format: training.format,
    hours: decimal(training.hours, locale),
    themes: training.themes,
    participants: training.participants.map((p) => ({ audience: p.audience, participants: String(p.participants) })),
    evaluation: training.evaluation === null ? '' : decimal(training.evaluation, locale),
    groupId: training.groupId ?? '',
    description: training.description ?? '',
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('editTitle', { title: training.title })}</h1>
      <TrainingForm
        mode="edit"
        defaults={defaults}
        counties={[{ code: training.countyCode, name: countyName(training.county, locale) }]}
        groups={groups}
      />
    </>
  );
}
