'use client';

import { IntlErrorCode, NextIntlClientProvider, type AbstractIntlMessages, type Locale } from 'next-intl';
import { dateTimeFormats } from '@/lib/locales';
import { missingMessageFallback } from './strict';

/**
 * next-intl's client provider with the same handling of missing messages as the server: in test
 * runs (strict) a missing key throws, so the page fails instead of showing a key path.
 */
export function IntlClientProvider({
  locale,
  messages,
  timeZone,
  now,
  strict,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  timeZone: string;
  now: Date;
  strict: boolean;
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={messages}
      timeZone={timeZone}
      formats={{ dateTime: dateTimeFormats(locale) }}
      now={now}
      onError={(error) => {
        if (strict && error.code === IntlErrorCode.MISSING_MESSAGE) throw error;
        console.warn(error.message);
      }}
      getMessageFallback={missingMessageFallback}
    >
      {children}
    </NextIntlClientProvider>
  );
}
