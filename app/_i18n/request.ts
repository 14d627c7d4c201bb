import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from './locales';

// No locale in the URL: an internal tool with bookmarked pages. The person's choice is a cookie
// (and, once accounts store it, their profile); Swedish otherwise.
export default getRequestConfig(async () => {
  const stored = (await cookies()).get('locale')?.value;
  const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    timeZone: 'Europe/Stockholm',
    now: new Date(),
  };
});
