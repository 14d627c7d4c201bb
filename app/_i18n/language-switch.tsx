'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { setLocaleAction } from './actions';
import { LOCALES, type Locale } from '@/lib/locales';

/** Each language's name in itself, so that a person who reads only that one finds it. */
const NATIVE_NAMES: Record<Locale, string> = { sv: 'Svenska', en: 'English' };

export function LanguageSwitch() {
  const t = useTranslations('language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t('label')} className="flex flex-wrap items-center gap-2">
      <span aria-hidden="true">{t('label')}:</span>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={code === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              // Also when it is the language shown already: a signed-in person's choice is stored on the account.
              await setLocaleAction({ locale: code });
              router.refresh();
            })
          }
          className="rounded px-2 py-1 underline-offset-2 hover:underline aria-pressed:font-semibold aria-pressed:no-underline"
        >
          {NATIVE_NAMES[code]}
        </button>
      ))}
    </div>
  );
}
