import { cookies } from 'next/headers';
import { IntlErrorCode } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { log } from '@/db/log';
import { currentSession } from '@/app/_lib/session';
import { dateTimeFormats, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from '@/lib/locales';
import { missingMessageFallback, strictMessages } from './strict';

// No locale in the URL: an internal tool with bookmarked pages. A signed-in person's language is
// stored on their account (chosen in the footer, any device); before sign-in the 'locale' cookie
// decides; Swedish otherwise.
export default getRequestConfig(async () => {
  const [session, jar] = await Promise.all([currentSession().catch(() => null), cookies()]);
  const stored = jar.get(LOCALE_COOKIE)?.value;
  const locale = session?.locale ?? (isLocale(stored) ? stored : DEFAULT_LOCALE);
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    timeZone: 'Europe/Stockholm',
    formats: { dateTime: dateTimeFormats(locale) },
    now: new Date(),
    // A key missing from the catalogue fails the page in test runs (I18N_STRICT=1) and shows up
    // as "[missing: key]" and a log line otherwise, instead of passing silently.
    onError(error) {
      if (strictMessages() && error.code === IntlErrorCode.MISSING_MESSAGE) throw error;
      log.warn({ event: 'i18n_error', code: error.code, message: error.message }, 'message catalogue problem');
    },
    getMessageFallback: missingMessageFallback,
  };
});
