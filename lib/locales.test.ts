import { createFormatter } from 'next-intl';
import { describe, expect, test } from 'vitest';
import { dateTimeFormats, LOCALES } from './locales';

const at = new Date('2026-08-05T12:30:05Z'); // 14:30:05 in Stockholm (summer time)
const formatter = (locale: (typeof LOCALES)[number]) =>
  createFormatter({ locale, timeZone: 'Europe/Stockholm', formats: { dateTime: dateTimeFormats(locale) } });

describe('named date formats', () => {
  test('Swedish dates are sv-SE: 2026-08-05 14:30', () => {
    const f = formatter('sv');
    expect(f.dateTime(at, 'date')).toBe('2026-08-05');
    expect(f.dateTime(at, 'dateTime')).toBe('2026-08-05 14:30');
    expect(f.dateTime(at, 'dateLong')).toBe('5 augusti 2026');
  });

  test('English dates name the month and use a 24-hour clock', () => {
    const f = formatter('en');
    expect(f.dateTime(at, 'date')).toBe('Aug 5, 2026');
    expect(f.dateTime(at, 'dateTime')).toBe('Aug 5, 2026, 14:30');
  });

  test('no format in either language is all digits and slashes, or has AM/PM', () => {
    for (const locale of LOCALES) {
      const f = formatter(locale);
      for (const name of Object.keys(dateTimeFormats(locale)) as (keyof ReturnType<typeof dateTimeFormats>)[]) {
        const text = f.dateTime(at, name) + f.dateTimeRange(at, new Date('2026-08-05T14:00:00Z'), name);
        expect(text, `${locale} ${name}`).not.toMatch(/\d{1,2}\/\d{1,2}|[AP]M/);
      }
    }
  });
});
