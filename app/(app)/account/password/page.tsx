import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireAccountPage } from '@/app/_lib/session';
import { ChangePasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.password');
  return { title: t('title') };
}

export default async function ChangePasswordPage() {
  const person = await requireAccountPage('change_password');
  const t = await getTranslations('account.password');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {person.pending === 'change_password' ? (
        <p role="status" className="mt-4 max-w-xl rounded border border-brand-700 bg-brand-50 p-3">
          {t('mustChange')}
        </p>
      ) : null}
      <p className="mt-4 max-w-xl text-slate-700">{t('rules')}</p>
      <p className="mt-2 max-w-xl text-slate-700">{t('afterwards')}</p>
      <ChangePasswordForm />
    </>
  );
}
