import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import { LanguageSwitch } from '@/app/_i18n/language-switch';
import { requireAccountPage } from '@/app/_lib/session';
import { getOwnTwoFactorStatus } from '@/db/queries/users/account';
import { listCounties } from '@/db/queries/counties';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('title') };
}

export default async function AccountPage() {
  const person = await requireAccountPage(null);
  const [t, tRoles, format, counties, locale, twoFactor] = await Promise.all([
    getTranslations('account'),
    getTranslations('roles'),
    getFormatter(),
    listCounties(),
    getLocale(),
    getOwnTwoFactorStatus(person),
  ]);
  const county = counties.find((c) => c.code === person.county);
  const link = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <dl className="mt-6 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">{t('name')}</dt>
        <dd>{person.name}</dd>
        <dt className="text-slate-600">{t('email')}</dt>
        <dd className="break-all">{person.email}</dd>
        <dt className="text-slate-600">{t('role')}</dt>
        <dd>{tRoles(person.role)}</dd>
        {person.region ? (
          <>
            <dt className="text-slate-600">{t('region')}</dt>
            <dd>
              {person.region.name} (
              {counties
                .filter((c) => person.region!.counties.includes(c.code))
                .map((c) => countyName(c, locale))
                .join(', ')}
              )
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-600">{t('county')}</dt>
            <dd>{county ? countyName(county, locale) : t('noCounty')}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="password-heading" className="mt-8">
        <h2 id="password-heading" className="text-xl font-semibold">
          {t('password.heading')}
        </h2>
        <p className="mt-2">
          <Link href="/account/password" className={link}>
            {t('password.change')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="two-factor-heading" className="mt-8">
        <h2 id="two-factor-heading" className="text-xl font-semibold">
          {t('twoFactor.heading')}
        </h2>
        <p className="mt-2">
          {twoFactor.enabled
            ? t('twoFactor.statusOn', { date: format.dateTime(twoFactor.enabledAt!, 'dateLong') })
            : twoFactor.required
              ? t('twoFactor.statusRequired')
              : t('twoFactor.statusOff')}
        </p>
        <p className="mt-2">
          <Link href="/account/two-factor" className={link}>
            {twoFactor.enabled ? t('twoFactor.manage') : t('twoFactor.setUp')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="language-heading" className="mt-8">
        <h2 id="language-heading" className="text-xl font-semibold">
          {t('language.heading')}
        </h2>
        <p className="mt-2 text-slate-700">{t('language.intro')}</p>
        <div className="mt-2">
          <LanguageSwitch />
        </div>
      </section>
    </>
  );
}
