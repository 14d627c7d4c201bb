import { getTranslations } from 'next-intl/server';

/** Shown while the figures are computed. */
export default async function Loading() {
  const t = await getTranslations('statistics');
  return (
    <div role="status" aria-live="polite" className="mt-8 animate-pulse">
      <p className="font-medium">{t('loading')}</p>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <div className="h-24 rounded bg-slate-200" />
        <div className="h-24 rounded bg-slate-200" />
        <div className="h-24 rounded bg-slate-200" />
      </div>
    </div>
  );
}
