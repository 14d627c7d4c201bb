import type { County } from '@/db/schema';
import type { Locale } from '@/lib/locales';

/** The county's name in the person's language. */
export function countyName(county: Pick<County, 'nameSv' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? county.nameEn : county.nameSv;
}

/** Sort strings the way a Swedish reader expects (å, ä, ö last). */
export function collator(locale: Locale | string): Intl.Collator {
  return new Intl.Collator(locale === 'en' ? 'en' : 'sv', { sensitivity: 'base', numeric: true });
}
