// A type test: never run, only compiled by `npm run typecheck` (tsc --noEmit). Each
// `@ts-expect-error` fails the typecheck if the line below it compiles, so these prove that the
// translators are typed by the catalogue (lib/i18n.ts): an unknown key, a namespace where a
// message belongs, an unknown namespace or locale, and a key built from any string do not compile.
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import type { Offence } from '@/lib/enums';

export function useUnknownKeysOnTheClient(offence: Offence, anything: string): string[] {
  const t = useTranslations('cases.form');
  const tAll = useTranslations();
  const tEnum = useTranslations('enums');
  // @ts-expect-error: there is no namespace "noSuchNamespace"
  useTranslations('noSuchNamespace');
  return [
    t('save'),
    // @ts-expect-error: "cases.form" has no message "noSuchKey"
    t('noSuchKey'),
    tAll('cases.form.save'),
    // @ts-expect-error: the catalogue has no message "cases.form.noSuchKey"
    tAll('cases.form.noSuchKey'),
    // @ts-expect-error: "cases.form" is a namespace, not a message
    tAll('cases.form'),
    tEnum(`offence.${offence}`),
    // @ts-expect-error: a key built from any string is not known to be in the catalogue
    tEnum(`offence.${anything}`),
  ];
}

export async function unknownKeysOnTheServer(offence: Offence, anything: string): Promise<string[]> {
  const [t, tAll, tEnum] = await Promise.all([
    getTranslations('statistics'),
    getTranslations(),
    getTranslations('enums'),
  ]);
  // @ts-expect-error: there is no namespace "noSuchNamespace"
  await getTranslations('noSuchNamespace');
  // @ts-expect-error: "de" is not one of the app's locales
  await getTranslations({ locale: 'de', namespace: 'statistics' });
  return [
    t('dashboard.trend', { granularity: t('granularities.year') }),
    // @ts-expect-error: "statistics" has no message "noSuchKey"
    t('noSuchKey'),
    tAll('statistics.dashboard.trend', { granularity: '' }),
    // @ts-expect-error: the catalogue has no message "statistics.noSuchKey"
    tAll('statistics.noSuchKey'),
    tEnum(`offence.${offence}`),
    // @ts-expect-error: a key built from any string is not known to be in the catalogue
    tEnum(`offence.${anything}`),
  ];
}
