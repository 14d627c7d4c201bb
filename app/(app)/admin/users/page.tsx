import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { countyName } from '@/app/_i18n/format';
import { loadForPage, requireActor } from '@/app/_lib/session';
import { buttonClass } from '@/components/ui/field';
import { listCounties } from '@/db/queries/counties';
import { listUsersForActor } from '@/db/queries/users/admin';
import { can } from '@/lib/policy';
import { ROLES } from '@/lib/roles';
import { USER_STATUSES, UserFilterSchema } from '@/lib/schemas/users';
import { TableScroll } from '@/components/ui/table-scroll';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.users');
  return { title: t('title') };
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!can(actor, 'user.manage')) forbidden();
  const filter = UserFilterSchema.parse(await searchParams);
  const search = filter.q ?? '';
  const users = await loadForPage(listUsersForActor(actor, { search, role: filter.role, status: filter.status }));
  const [t, tRoles, format, counties, locale] = await Promise.all([
    getTranslations('admin.users'),
    getTranslations('roles'),
    getFormatter(),
    listCounties(),
    getLocale(),
  ]);
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  const now = new Date();
  const selectClass = 'mt-1 rounded border border-slate-500 px-2 py-2';

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Link href="/admin/users/new" className={buttonClass}>
          {t('new')}
        </Link>
      </div>
      <form role="search" method="get" className="mt-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="user-search" className="block font-medium">
            {t('searchLabel')}
          </label>
          <input
            id="user-search"
            name="q"
            type="search"
            defaultValue={search}
            className="mt-1 w-72 rounded border border-slate-500 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="user-role" className="block font-medium">
            {t('role')}
          </label>
          <select id="user-role" name="role" defaultValue={filter.role ?? ''} className={selectClass}>
            <option value="">{t('anyRole')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="user-status" className="block font-medium">
            {t('status')}
          </label>
          <select id="user-status" name="status" defaultValue={filter.status ?? ''} className={selectClass}>
            <option value="">{t('anyStatus')}</option>
            {USER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(status)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          {t('search')}
        </button>
      </form>
      <TableScroll label={t('caption', { count: users.length })} className="mt-6">
        <table className="min-w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-medium">{t('caption', { count: users.length })}</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {t('name')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('email')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('role')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('county')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('status')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('twoFactor')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('lastSignIn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const county = u.countyCode ? countyByCode.get(u.countyCode) : undefined;
              const locked = u.lockedUntil && u.lockedUntil > now;
              return (
                <tr key={u.id} className="border-b border-slate-200">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link
                      href={`/admin/users/${u.id}`}
                      className="text-brand-700 underline underline-offset-2 hover:text-brand-900"
                    >
                      {u.displayName}
                    </Link>
                  </th>
                  <td className="py-2 pr-4">{u.email}</td>
                  <td className="py-2 pr-4">{tRoles(u.role)}</td>
                  <td className="py-2 pr-4">
                    {county
                      ? countyName(county, locale)
                      : u.policeRegion
                        ? t('region', { region: u.policeRegion })
                        : '–'}
                  </td>
                  <td className="py-2 pr-4">
                    {!u.active
                      ? t('inactive')
                      : locked
                        ? t('locked', { time: format.dateTime(u.lockedUntil!, 'time') })
                        : t('active')}
                    {u.active && u.mustChangePassword ? (
                      <span className="block text-slate-600">{t('mustChangePassword')}</span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4">{u.totpEnabled ? t('twoFactorOn') : t('twoFactorOff')}</td>
                  <td className="py-2 pr-4">
                    {u.lastSignInAt ? format.dateTime(u.lastSignInAt, 'dateTime') : t('never')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {users.length === 0 ? <p className="mt-4">{t('none')}</p> : null}
      </TableScroll>
    </>
  );
}
