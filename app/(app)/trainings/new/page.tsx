import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { todayInStockholm } from '@/lib/forms/fields';
import { requireActor } from '@/app/_lib/session';
import { can, countyScope } from '@/lib/policy';
import { listCounties } from '@/db/queries/counties';
import { listTrainingGroupOptions } from '@/db/queries/trainings/list';
import type { TrainingEditInput } from '@/lib/schemas/trainings';
import { TrainingForm } from '../training-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('trainings.form');
  return { title: t('newTitle') };
}

export default async function NewTrainingPage() {
  const actor = await requireActor();
  if (!can(actor, 'training.write')) forbidden();
  const [t, allCounties, locale, groups] = await Promise.all([
    getTranslations('trainings.form'),
    listCounties(),
    getLocale(),
    listTrainingGroupOptions(actor),
  ]);
  const scope = countyScope(actor, 'training.write');
  const counties = allCounties
    .filter((c) => scope === 'all' || scope.includes(c.code))
    .sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)))
    .map((c) => ({ code: c.code, name: countyName(c, locale) }));
  const today = todayInStockholm();
  const defaults: TrainingEditInput = {
    id: '',
    version: '1',
    countyCode: counties.length === 1 ? counties[0]!.code : '',
    organiser: counties.length === 1 ? 'county_board' : '',
    title: '',
    startsOn: today,
    endsOn: today,
    format: '',
    hours: '',
    themes: [],
    participants: [{ audience: '', participants: '' }],
    evaluation: '',
    groupId: '',
    description: '',
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
      <TrainingForm mode="create" defaults={defaults} counties={counties} groups={groups} />
    </>
  );
}
