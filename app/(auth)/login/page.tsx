import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { Messages } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/app/_i18n/language-switch';
import { currentSession, PENDING_PATHS } from '@/app/_lib/session';
import { ssoConfig } from '@/lib/sso';
import { LoginForm, SsoButton } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: t('title') };
}

/** Notices the sign-in page may be opened with (?reason= after a sign-out, ?error= from Auth.js). */
const NOTICES: Record<string, keyof Messages['login']['notices']> = {
  idle: 'idle',
  password_changed: 'passwordChanged',
  signed_out: 'signedOut',
};

type SearchParams = { callbackUrl?: string; reason?: string; error?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const person = await currentSession();
  if (person) redirect(person.pending ? PENDING_PATHS[person.pending] : '/');
  const [{ callbackUrl, reason, error }, t, tApp] = await Promise.all([
    searchParams,
    getTranslations('login'),
    getTranslations('app'),
  ]);
  const sso = ssoConfig();
  const notice = typeof reason === 'string' ? NOTICES[reason] : undefined;
  // Auth.js sends errors of single sign-on here; the only one a person can act on is a missing account.
  const problem = typeof error === 'string' ? (error === 'sso_no_account' ? 'ssoNoAccount' : 'ssoFailed') : undefined;
  return (
    <>
      <main id="main" className="mx-auto max-w-md px-6 py-16">
        <p className="text-lg font-semibold text-brand-700">{tApp('name')}</p>
        <p className="mt-1 text-sm text-slate-600">{tApp('tagline')}</p>
        <h1 className="mt-8 text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('intro')}</p>
        {notice ? (
          <p role="status" className="mt-4 rounded border border-brand-700 bg-brand-50 p-3">
            {t(`notices.${notice}`)}
          </p>
        ) : null}
        {problem ? (
          <p role="alert" className="mt-4 rounded border border-red-700 bg-red-50 p-3 text-red-800">
            {t(`errors.${problem}`)}
          </p>
        ) : null}
        <LoginForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
        {sso ? (
          <SsoButton name={sso.name} callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
        ) : null}
      </main>
      <footer className="mx-auto max-w-md border-t border-slate-200 px-6 py-4 text-sm">
        <LanguageSwitch />
      </footer>
    </>
  );
}
