import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getActor } from '@/app/_lib/session';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: t('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getActor()) redirect('/');
  const [{ callbackUrl }, t, tApp] = await Promise.all([searchParams, getTranslations('login'), getTranslations('app')]);
  return (
    <main id="main" className="mx-auto max-w-md px-6 py-16">
      <p className="text-lg font-semibold text-brand-700">{tApp('name')}</p>
      <p className="mt-1 text-sm text-slate-600">{tApp('tagline')}</p>
      <h1 className="mt-8 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('intro')}</p>
      <LoginForm callbackUrl={callbackUrl} />
    </main>
  );
}
