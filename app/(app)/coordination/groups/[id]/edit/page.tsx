import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { getGroupForActor } from '@/db/queries/coordination/groups';
import { listCounties } from '@/db/queries/counties';
import { GroupForm } from '../../../group-form';
import type { GroupEditInput } from '@/lib/schemas/coordination';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('coordination.groups.form');
  return { title: t('editMetaTitle') };
}

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const group = await loadForPage(getGroupForActor(actor, id));
  if (!group.permissions.manage) forbidden();
  const [t, allCounties, locale] = await Promise.all([
    getTranslations('coordination.groups.form'),
    listCounties(),
    getLocale(),
  ]);
  const counties = [...allCounties]
    .sort((a, b) => collator(locale).compare(countyName(a, locale), countyName(b, locale)))
    .map((c) => ({ code: c.code, name: countyName(c, locale), choosable: c.code === group.countyCode }));
  // The form works on strings, as inputs give them; the schema turns them back into values.
  const defaults: GroupEditInput = {
    id: group.id,
    version: String(group.version),
    name: group.name,
    countyCode: group.countyCode,
    kind: group.kind,
    participatingCounties: group.participatingCounties,
    description: group.description ?? '',
    activeFrom: group.activeFrom,
    activeTo: group.activeTo ?? '',
    members: group.members.map((m) => ({
      id: m.id,
      organisationType: m.organisationType,
      organisationName: m.organisationName,
      contactFunction: m.contactFunction ?? '',
    })),
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('editTitle', { name: group.name })}</h1>
      <GroupForm mode="edit" defaults={defaults} counties={counties} />
    </>
  );
}
