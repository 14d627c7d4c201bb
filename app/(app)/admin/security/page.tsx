import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { can } from '@/lib/policy';
import { listTotpRequiredRoles } from '@/db/queries/auth/security-settings';
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from '@/auth.config';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS, signInLimits } from '@/db/queries/auth/sign-in';
import { TwoFactorRolesForm } from './two-factor-roles-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.security');
  return { title: t('title') };
}

export default async function SecurityPage() {
  const actor = await requireActor();
  if (!can(actor, 'user.manage')) forbidden();
  const [required, t] = await Promise.all([
    loadForPage(listTotpRequiredRoles(actor)),
    getTranslations('admin.security'),
  ]);
  const limits = signInLimits();
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <section aria-labelledby="two-factor-heading" className="mt-6">
        <h2 id="two-factor-heading" className="text-xl font-semibold">
          {t('twoFactorHeading')}
        </h2>
        <p className="mt-2 max-w-2xl text-slate-700">{t('twoFactorIntro')}</p>
        <TwoFactorRolesForm required={required} />
      </section>
      <section aria-labelledby="rules-heading" className="mt-10">
        <h2 id="rules-heading" className="text-xl font-semibold">
          {t('rulesHeading')}
        </h2>
        <ul className="mt-2 max-w-2xl list-inside list-disc space-y-1 text-slate-700">
          <li>{t('ruleIdle', { minutes: Math.round(SESSION_IDLE_SECONDS / 60) })}</li>
          <li>{t('ruleAbsolute', { hours: Math.round(SESSION_MAX_AGE_SECONDS / 3600) })}</li>
          <li>{t('ruleLockout', { count: MAX_FAILED_SIGN_INS, minutes: LOCK_MINUTES })}</li>
          <li>{t('ruleAccountLimit', { count: limits.account.limit, minutes: limits.account.windowSeconds / 60 })}</li>
          <li>{t('ruleAddressLimit', { count: limits.address.limit, minutes: limits.address.windowSeconds / 60 })}</li>
          <li>{t('rulePassword')}</li>
        </ul>
      </section>
    </>
  );
}
