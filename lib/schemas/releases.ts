import { z } from 'zod';

// The statistics releases (issue 14, decision 017): the release day of the following year on
// which a complete year is released automatically, and the year the national coordinator releases.

/** 'MM-DD' of a day that exists every year (no 29 February): the automatic release day. */
export function isReleaseDay(day: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [month, date] = [Number(m[1]), Number(m[2])];
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && date >= 1 && date <= days[month - 1]!;
}

const DAY_MESSAGE = 'statistics.releases.errors.day';

/** A select's number (a string) or a number, whole, within [min, max]. */
const selected = (min: number, max: number) =>
  z
    .union([z.string(), z.number()], { error: DAY_MESSAGE })
    .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v)))
    .pipe(z.number({ error: DAY_MESSAGE }).int(DAY_MESSAGE).min(min, DAY_MESSAGE).max(max, DAY_MESSAGE));

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The release day form: automatic or not, the month and the day; `version`: the setting's as the
 * form was loaded (0 while it has never been set). The day must exist every year when automatic.
 */
export const ReleaseDaySchema = z
  .object({
    automatic: z.boolean({ error: 'validation.choice' }),
    month: selected(1, 12),
    day: selected(1, 31),
    version: z
      .union([z.string(), z.number()], { error: 'validation.recordVersion' })
      // '' is no version (Number('') would be 0, "never set").
      .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v)))
      .pipe(
        z
          .number({ error: 'validation.recordVersion' })
          .int('validation.recordVersion')
          .min(0, 'validation.recordVersion'),
      ),
  })
  .superRefine((v, ctx) => {
    if (v.automatic && !isReleaseDay(`${pad(v.month)}-${pad(v.day)}`))
      ctx.addIssue({ code: 'custom', path: ['day'], message: DAY_MESSAGE });
  });
export type ReleaseDayInput = z.input<typeof ReleaseDaySchema>;
export type ReleaseDayOutput = z.output<typeof ReleaseDaySchema>;

/** The day the form chose, as 'MM-DD', or null: by hand only. */
export function releaseDayOf(v: ReleaseDayOutput): string | null {
  return v.automatic ? `${pad(v.month)}-${pad(v.day)}` : null;
}

/** The year to release: a whole number (whether it is complete, the data layer decides). */
export const ReleaseYearSchema = z.object({
  year: z
    .union([z.string(), z.number()], { error: 'statistics.releases.errors.notComplete' })
    .transform((v) => Number(v))
    .pipe(z.number().int('statistics.releases.errors.notComplete')),
});
