import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireAccountPage } from '@/app/_lib/session';
import { getOwnTwoFactorStatus } from '@/db/queries/users/account';
import { TwoFactorManager, TwoFactorSetup } from './two-factor-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.twoFactor');
  return { title: t('title') };
}

export default async function TwoFactorPage() {
  const person = await requireAccountPage('set_up_two_factor');
  const [t, format, status] = await Promise.all([
    getTranslations('account.twoFactor'),
    getFormatter(),
    getOwnTwoFactorStatus(person),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {person.pending === 'set_up_two_factor' ? (
        <p role="status" className="mt-4 max-w-2xl rounded border border-brand-700 bg-brand-50 p-3">
          {t('mustSetUp')}
        </p>
      ) : null}
      <p className="mt-4 max-w-2xl text-slate-700">{t('intro')}</p>
      {status.enabled ? (
        <>
          <p className="mt-4 font-medium">{t('statusOn', { date: format.dateTime(status.enabledAt!, 'dateLong') })}</p>
          <p className="mt-1">{t('codesLeft', { count: status.recoveryCodesLeft })}</p>
          <TwoFactorManager required={status.required} />
        </>
      ) : (
        <TwoFactorSetup />
      )}
    </>
  );
}
