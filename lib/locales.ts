export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

/** The language before sign-in (and the default of a person who has not chosen one). */
export const LOCALE_COOKIE = 'locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

// Dates and times by each language's convention, never ambiguous: Swedish as sv-SE (2026-08-05,
// 14:30), English with the month in words and a 24-hour clock (5 Aug 2026, 14:30) — "5/8/26" reads
// as two different days on either side of the Atlantic. Pages name a format; next-intl applies it
// (app/_i18n/request.ts and the client provider give it these).
const H23 = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const DATE = {
  sv: { year: 'numeric', month: '2-digit', day: '2-digit' },
  en: { day: 'numeric', month: 'short', year: 'numeric' },
} as const;

export function dateTimeFormats(locale: Locale) {
  return {
    /** 2026-08-05 · 5 Aug 2026 */
    date: DATE[locale],
    /** 5 aug. 2026 · 5 Aug 2026 */
    dateMedium: { day: 'numeric', month: 'short', year: 'numeric' },
    /** 5 augusti 2026 · 5 August 2026 */
    dateLong: { day: 'numeric', month: 'long', year: 'numeric' },
    /** 2026-08-05 14:30 · 5 Aug 2026, 14:30 */
    dateTime: { ...DATE[locale], ...H23 },
    /** 2026-08-05 14:30:05 · 5 Aug 2026, 14:30:05 */
    dateTimeSeconds: { ...DATE[locale], ...H23, second: '2-digit' },
    /** 5 aug. 2026 14:30 · 5 Aug 2026, 14:30 (for ranges: 5 aug. 2026 14:30–16:00) */
    dateMediumTime: { day: 'numeric', month: 'short', year: 'numeric', ...H23 },
    /** 5 augusti 2026 14:30 · 5 August 2026 at 14:30 */
    dateLongTime: { day: 'numeric', month: 'long', year: 'numeric', ...H23 },
    /** onsdag 5 augusti 2026 14:30 · Wednesday, 5 August 2026 at 14:30 */
    dateFullTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...H23 },
    /** 14:30 */
    time: H23,
    /** aug. 2026 · Aug 2026 */
    monthYear: { month: 'short', year: 'numeric' },
  } as const satisfies Record<string, Intl.DateTimeFormatOptions>;
}

export type DateTimeFormats = ReturnType<typeof dateTimeFormats>;
