import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/app/_i18n/language-switch';
import { requirePerson } from '@/app/_lib/session';
import { listCounties } from '@/db/queries/counties';
import { countyName } from '@/app/_i18n/format';
import { can } from '@/lib/policy';
import { NavLink } from '@/components/ui/nav-link';
import { SESSION_IDLE_SECONDS, SESSION_WARNING_SECONDS } from '@/auth.config';
import { signOutAction } from './actions';
import { IdleWarning } from './idle-warning';
import { NAV_ITEMS } from './navigation';
import { UserMenu } from './user-menu';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The pages themselves send a person with a pending step (a password to change, two-factor
  // sign-in to set up) to do it first; meanwhile the shell shows no menu.
  const person = await requirePerson();
  const [t, counties, locale] = await Promise.all([getTranslations(), listCounties(), getLocale()]);
  const county = counties.find((c) => c.code === person.county);
  const items = person.pending ? [] : NAV_ITEMS.filter((item) => !item.action || can(person, item.action));

  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
      >
        {t('app.skipToContent')}
      </a>
      <header className="no-print bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <Link href="/" className="text-lg font-semibold">
            {t('app.name')}
          </Link>
          <UserMenu
            summary={
              <>
                <span className="sr-only">{t('userMenu.label')} </span>
                {person.name} · {t(`roles.${person.role}`)}
              </>
            }
          >
            <div className="absolute right-0 z-10 mt-2 w-72 rounded border border-slate-300 bg-white p-4 text-slate-900 shadow-lg">
              <dl className="text-sm">
                <dt className="text-slate-600">{t('userMenu.signedInAs')}</dt>
                <dd className="font-medium">{person.name}</dd>
                <dd className="break-all">{person.email}</dd>
                <dt className="mt-2 text-slate-600">{t('userMenu.role')}</dt>
                <dd>{t(`roles.${person.role}`)}</dd>
                {person.region ? (
                  <>
                    <dt className="mt-2 text-slate-600">{t('userMenu.region')}</dt>
                    <dd>{person.region.name}</dd>
                    <dd className="text-slate-700">
                      {counties
                        .filter((c) => person.region!.counties.includes(c.code))
                        .map((c) => countyName(c, locale))
                        .join(', ')}
                    </dd>
                  </>
                ) : (
                  <>
                    <dt className="mt-2 text-slate-600">{t('userMenu.county')}</dt>
                    <dd>{county ? countyName(county, locale) : t('userMenu.noCounty')}</dd>
                  </>
                )}
              </dl>
              <form action={signOutAction} className="mt-4">
                <button
                  type="submit"
                  className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-900"
                >
                  {t('userMenu.signOut')}
                </button>
              </form>
            </div>
          </UserMenu>
        </div>
        {items.length > 0 ? (
          <nav aria-label={t('nav.label')} className="bg-brand-700">
            <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-6">
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href}>{t(`nav.${item.label}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-6 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="no-print mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 border-t border-slate-200 px-6 py-4 text-sm">
        {person.pending ? (
          <span />
        ) : (
          <Link
            href="/account"
            className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
          >
            {t('userMenu.account')}
          </Link>
        )}
        <LanguageSwitch />
      </footer>
      <IdleWarning idleSeconds={SESSION_IDLE_SECONDS} warningSeconds={SESSION_WARNING_SECONDS} />
    </>
  );
}
