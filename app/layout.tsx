import type { Metadata } from 'next';
import { getLocale, getMessages, getNow, getTimeZone, getTranslations } from 'next-intl/server';
import { IntlClientProvider } from './_i18n/client-provider';
import { strictMessages } from './_i18n/strict';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: { default: t('name'), template: `%s – ${t('name')}` },
    description: t('tagline'),
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '48x48' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: '/icon-192.png',
    },
    manifest: '/manifest.webmanifest',
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, timeZone, now] = await Promise.all([getLocale(), getMessages(), getTimeZone(), getNow()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-white text-slate-900 antialiased">
        <IntlClientProvider locale={locale} messages={messages} timeZone={timeZone} now={now} strict={strictMessages()}>
          {children}
        </IntlClientProvider>
      </body>
    </html>
  );
}
