import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { collator, countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { listCounties } from '@/db/queries/counties';
import { getUserForActor } from '@/db/queries/users/admin';
import { AccountActions, EditUserForm } from '../user-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.users');
  return { title: t('detailTitle') };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const user = await loadForPage(getUserForActor(actor, id));
  const [t, tRoles, format, counties, locale] = await Promise.all([
    getTranslations('admin.users'),
    getTranslations('roles'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const county = counties.find((c) => c.code === user.countyCode);
  const options = counties
    .map((c) => ({ code: c.code, name: countyName(c, locale) }))
    .sort((a, b) => collator(locale).compare(a.name, b.name));
  const date = (value: Date | null) => (value ? format.dateTime(value, 'dateTime') : t('never'));
  const locked = user.lockedUntil && user.lockedUntil > new Date();

  return (
    <>
      <p>
        <Link href="/admin/users" className="font-medium text-brand-700 underline underline-offset-2">
          {t('backToList')}
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-semibold">{user.displayName}</h1>
      <dl className="mt-6 grid max-w-2xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
        <dt className="text-slate-600">{t('email')}</dt>
        <dd className="break-all">{user.email}</dd>
        <dt className="text-slate-600">{t('role')}</dt>
        <dd>{tRoles(user.role)}</dd>
        <dt className="text-slate-600">{t('county')}</dt>
        <dd>
          {county ? countyName(county, locale) : user.policeRegion ? t('region', { region: user.policeRegion }) : '–'}
        </dd>
        <dt className="text-slate-600">{t('status')}</dt>
        <dd>
          {!user.active
            ? t('inactive')
            : locked
              ? t('locked', { time: format.dateTime(user.lockedUntil!, 'time') })
              : t('active')}
        </dd>
        <dt className="text-slate-600">{t('twoFactor')}</dt>
        <dd>{user.totpEnabled ? t('twoFactorOnSince', { date: date(user.totpEnabledAt) }) : t('twoFactorOff')}</dd>
        <dt className="text-slate-600">{t('passwordState')}</dt>
        <dd>
          {user.mustChangePassword
            ? t('mustChangePassword')
            : t('passwordChangedAt', { date: date(user.passwordChangedAt ?? user.createdAt) })}
        </dd>
        <dt className="text-slate-600">{t('lastSignIn')}</dt>
        <dd>{date(user.lastSignInAt)}</dd>
        <dt className="text-slate-600">{t('createdAt')}</dt>
        <dd>{date(user.createdAt)}</dd>
      </dl>

      <section aria-labelledby="edit-heading" className="mt-10">
        <h2 id="edit-heading" className="text-xl font-semibold">
          {t('editHeading')}
        </h2>
        <EditUserForm
          user={{
            id: user.id,
            displayName: user.displayName,
            role: user.role,
            countyCode: user.countyCode,
            policeRegion: user.policeRegion,
          }}
          counties={options}
        />
      </section>

      <section aria-labelledby="access-heading" className="mt-10">
        <h2 id="access-heading" className="text-xl font-semibold">
          {t('accessHeading')}
        </h2>
        <AccountActions
          user={{ id: user.id, displayName: user.displayName, active: user.active, totpEnabled: user.totpEnabled }}
          self={user.id === actor.id}
        />
      </section>
    </>
  );
}
