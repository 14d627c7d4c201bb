import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { todayInStockholm } from '@/lib/forms/fields';
import { requireActor } from '@/app/_lib/session';
import { can, countyScope } from '@/lib/policy';
import { listCounties } from '@/db/queries/counties';
import { GroupForm } from '../../group-form';
import type { GroupEditInput } from '@/lib/schemas/coordination';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.groups.form');
  return { title: t('newTitle') };
}

export default async function NewGroupPage() {
  const actor = await requireActor();
  // The action refuses it anyway; this gives the person the 403 page instead of an empty form.
  if (!can(actor, 'coordination.manage')) forbidden();
  const [t, allCounties, locale] = await Promise.all([
    getTranslations('coordination.groups.form'),
    listCounties(),
    getLocale(),
  ]);
  const scope = countyScope(actor, 'coordination.manage');
  const counties = [...allCounties]
    .sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)))
    .map((c) => ({ code: c.code, name: countyName(c, locale), choosable: scope === 'all' || scope.includes(c.code) }));
  const own = counties.filter((c) => c.choosable);
  const defaults: GroupEditInput = {
    id: '',
    version: '1',
    name: '',
    countyCode: own.length === 1 ? own[0]!.code : '',
    kind: '',
    participatingCounties: [],
    description: '',
    activeFrom: todayInStockholm(),
    activeTo: '',
    members: [],
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
      <GroupForm mode="create" defaults={defaults} counties={counties} />
    </>
  );
}
