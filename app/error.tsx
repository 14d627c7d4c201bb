'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/field';

// A page that failed (the database away for a moment, a bug) says so in the person's language and
// offers to try again; the digest lets support find the server's log line (decision 011: the log
// holds no content, so neither does this page).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-4 text-slate-700">{t('body')}</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-600">{t('reference', { digest: error.digest })}</p> : null}
      <div className="mt-8 flex flex-wrap items-center gap-6">
        <button type="button" onClick={reset} className={buttonClass}>
          {t('retry')}
        </button>
        <Link href="/" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
          {t('back')}
        </Link>
      </div>
    </main>
  );
}
