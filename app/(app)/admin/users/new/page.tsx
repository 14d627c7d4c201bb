import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { requireActor } from '@/app/_lib/session';
import { listCounties } from '@/db/queries/counties';
import { can } from '@/lib/policy';
import { NewUserForm } from '../user-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.users.form');
  return { title: t('newTitle') };
}

export default async function NewUserPage() {
  const actor = await requireActor();
  if (!can(actor, 'user.manage')) forbidden();
  const [t, counties, locale] = await Promise.all([getTranslations('admin.users'), listCounties(), getLocale()]);
  const options = counties
    .map((c) => ({ code: c.code, name: countyName(c, locale) }))
    .sort((a, b) => collator(locale).compare(a.name, b.name));
  return (
    <>
      <p>
        <Link href="/admin/users" className="font-medium text-brand-700 underline underline-offset-2">
          {t('backToList')}
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-semibold">{t('form.newTitle')}</h1>
      <NewUserForm counties={options} />
    </>
  );
}
