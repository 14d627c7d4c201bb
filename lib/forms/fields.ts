// zod building blocks for forms whose values arrive as strings (inputs, selects, checkbox groups,
// FormData) and for list filters read from URL parameters. Pure: the client bundle imports it.
// Every register's schema (cases, coordination, trainings, accounts) builds on these.
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT } from './storable';

export const REQUIRED = 'validation.required';
export const EARLIEST_DATE = '1990-01-01';

/** What PostgreSQL accepts as a uuid (any version); ids are checked before they reach a query. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Today's date in Sweden as 'YYYY-MM-DD', whatever the time zone of the browser or server. */
export function todayInStockholm(now: Date = new Date()): string {
  // sv-SE formats dates as ISO 'YYYY-MM-DD'.
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Text PostgreSQL can store (no NUL, no lone surrogate): chain on a free-text field so that the
 * form says so at the field. The action wrapper refuses such text in any field anyway.
 */
export function storableText(schema: z.ZodString = z.string()) {
  return schema.refine(isStorableText, UNSTORABLE_TEXT);
}

export const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** A required select: any string in (a select's empty option is ''), one of the values out. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string({ error: REQUIRED })
    .pipe(z.enum(values, { error: (issue) => (isBlank(issue.input) ? REQUIRED : 'validation.choice') }));
}

/** Sort by the order of the category list, so that stored arrays and audit diffs are canonical. */
export function inListOrder<T extends string>(list: readonly T[]) {
  return (values: T[]) => [...values].sort((a, b) => list.indexOf(a) - list.indexOf(b));
}

/** What react-hook-form gives for a checkbox group: an array, false when none is ticked, a string for a lone box. */
export const checkboxInput = z
  .union([z.array(z.string()), z.string(), z.literal(false), z.null()])
  .optional()
  .transform((value) => (Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : []));

/**
 * For the lists of an edit (parties, members, attendees…): the key must be there. A missing key
 * is not an empty list: a forged or broken update would otherwise empty them; an explicit empty
 * list (or an unticked checkbox group, `false`) still is one.
 */
export function present<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>, Exclude<z.input<T>, undefined>> {
  // zod reads a key as optional from the first schema of the pipe: a custom one is not. The cast:
  // zod cannot type a pipe into a generic T whose input excludes undefined (TS2345 without it).
  return z.custom((value) => value !== undefined, { error: REQUIRED }).pipe(schema) as never;
}

/** A checkbox group of category values: each at most once, in the list's order. */
export function checkboxes<const T extends readonly [string, ...string[]]>(values: T) {
  return checkboxInput
    .pipe(z.array(z.enum(values, { error: 'validation.choice' })))
    .refine((list) => new Set(list).size === list.length, 'validation.duplicate')
    .transform(inListOrder<T[number]>(values));
}

/** A checkbox group of ids (e.g. member organisations): each a uuid, each once, sorted. */
export function idCheckboxes() {
  return checkboxInput
    .pipe(z.array(z.string().regex(UUID_PATTERN, 'validation.choice')))
    .transform((list) => [...new Set(list.map((id) => id.toLowerCase()))].sort());
}

/** A county code: two digits. */
export const countyCode = z
  .string({ error: REQUIRED })
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{2}$/.test(value))
      ctx.addIssue({ code: 'custom', message: value === '' ? REQUIRED : 'validation.county' });
  });

/** A checkbox group of county codes: each once, in code order. */
export const countyCheckboxes = checkboxInput
  .pipe(z.array(z.string().regex(/^\d{2}$/, 'validation.county')))
  .transform((list) => [...new Set(list)].sort());

/** A record's id, required; `message` says what could not be identified (the case register names the case). */
export function idField(message = 'validation.recordId') {
  return z.string({ error: message }).trim().regex(UUID_PATTERN, message);
}
export const recordId = idField();

/** An id chosen in a select, required: '' → "required". */
export const chosenId = z
  .string({ error: REQUIRED })
  .trim()
  .superRefine((value, ctx) => {
    if (!UUID_PATTERN.test(value))
      ctx.addIssue({ code: 'custom', message: value === '' ? REQUIRED : 'validation.choice' });
  })
  .transform((value) => value.toLowerCase());

/** An optional id (a hidden input for rows that exist, '' for new ones; an optional select): '' → null. */
export const optionalId = z
  .string()
  .nullish()
  .transform((value) => (value == null || value.trim() === '' ? null : value.trim().toLowerCase()))
  .pipe(z.string().regex(UUID_PATTERN, 'validation.choice').nullable());

/** The version a form was loaded with (a hidden input: a string). */
export function versionField(message = 'validation.recordVersion') {
  return z
    .union([z.string(), z.number()], { error: message })
    .transform((value) => (typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value)))
    .pipe(z.number({ error: message }).int(message).min(1, message));
}
export const version = versionField();

/** The date `years` years after today in Sweden. */
export function yearsAhead(years: number, today: string = todayInStockholm()): string {
  return `${Number(today.slice(0, 4)) + years}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/**
 * A date input: required, a real date, not before 1990; `future` says how far ahead it may be
 * ('none': not after today in Sweden, or a number of years).
 */
export function dateField({ future }: { future: 'none' | number }) {
  return z
    .string({ error: REQUIRED })
    .trim()
    .superRefine((value, ctx) => {
      const latest = future === 'none' ? todayInStockholm() : yearsAhead(future);
      const message =
        value === ''
          ? REQUIRED
          : !isIsoDate(value)
            ? 'validation.date'
            : value < EARLIEST_DATE
              ? 'validation.dateTooEarly'
              : value > latest
                ? future === 'none'
                  ? 'validation.dateFuture'
                  : 'validation.dateTooLate'
                : null;
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}

/** The same, optional: '' → null. */
export function optionalDateField(options: { future: 'none' | number }) {
  return z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .pipe(dateField(options).nullable());
}

/** A clock time 'HH:MM' (24 h), as <input type="time"> gives it. */
export const timeField = z
  .string({ error: REQUIRED })
  .trim()
  .transform((value) => value.slice(0, 5))
  .superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: REQUIRED });
    else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) ctx.addIssue({ code: 'custom', message: 'validation.time' });
  });

/**
 * The whole number in what a person typed, or null: digits, or digits grouped in thousands the
 * Swedish way ("1 200", "12 000", with a space, no-break or narrow no-break space), leading and
 * trailing spaces aside. Other spaces inside are refused: " 1 2 " is not 12.
 */
export function readWholeNumber(typed: string): number | null {
  const text = typed.trim();
  return /^\d+$/.test(text) || /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/.test(text)
    ? Number(text.replace(/[ \u00a0\u202f]/g, ''))
    : null;
}

/** A whole number typed into an input ('' → `empty`), within [min, max]. */
export function wholeNumber({ min, max, empty }: { min: number; max: number; empty?: number }) {
  return z
    .union([z.string(), z.number()], { error: REQUIRED })
    .transform((value, ctx) => {
      const text = typeof value === 'number' ? String(value) : value.trim();
      if (text === '') {
        if (empty !== undefined) return empty;
        ctx.addIssue({ code: 'custom', message: REQUIRED });
        return z.NEVER;
      }
      const number = readWholeNumber(text);
      if (number === null) {
        ctx.addIssue({ code: 'custom', message: 'validation.wholeNumber' });
        return z.NEVER;
      }
      return number;
    })
    .pipe(z.number().min(min, 'validation.numberRange').max(max, 'validation.numberRange'));
}

/**
 * A decimal typed the Swedish way or the English way ("3,5" or "3.5") with at most one decimal,
 * within [min, max] (`exclusiveMin`: strictly above min). Optional when `optional`: '' → null.
 */
export function decimalNumber({
  min,
  max,
  exclusiveMin = false,
}: {
  min: number;
  max: number;
  exclusiveMin?: boolean;
}) {
  return z.union([z.string(), z.number()], { error: REQUIRED }).transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.');
    if (text === '') {
      ctx.addIssue({ code: 'custom', message: REQUIRED });
      return z.NEVER;
    }
    if (!/^\d+(\.\d)?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'validation.decimal' });
      return z.NEVER;
    }
    const number = Number(text);
    if (number > max || number < min || (exclusiveMin && number === min)) {
      ctx.addIssue({ code: 'custom', message: 'validation.numberRange' });
      return z.NEVER;
    }
    return number;
  });
}

export function optionalDecimalNumber(options: { min: number; max: number }) {
  return z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) =>
      value === null || value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value,
    )
    .pipe(decimalNumber(options).nullable());
}

// ---------------------------------------------------------------------------------------------
// URL parameters of lists: never throw; what does not fit is dropped.

/**
 * A search parameter as Next gives it: a string, several strings, or nothing. Takes the first;
 * text that could not reach a query (a NUL) is dropped like any other value that does not fit.
 */
export const param = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined)
  .transform((value) => (value !== undefined && isStorableText(value) ? value : undefined))
  .catch(undefined);

export function paramIn<const T extends readonly string[]>(values: T) {
  return param.transform((value) =>
    (values as readonly string[]).includes(value ?? '') ? (value as T[number]) : undefined,
  );
}

export function paramMatching(test: (value: string) => boolean) {
  return param.transform((value) => (value !== undefined && test(value) ? value : undefined));
}

export const countyParam = paramMatching((v) => /^\d{2}$/.test(v));
export const dateParam = paramMatching(isIsoDate);
export const idParam = paramMatching((v) => UUID_PATTERN.test(v)).transform((v) => v?.toLowerCase());
export const flagParam = param.transform((value) => value === '1');
/** A page number, 1 when missing or odd. */
export const pageParam = param.transform((value) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
});

/**
 * A check across fields (end after start, no member twice) in the same round as the fields' own
 * errors: zod skips a refinement once any field failed outright, so a person would fix the other
 * errors first and only then learn that the end is before the start. It runs whenever the input is
 * an object and the fields it reads are valid themselves (a time that is not one cannot be
 * compared), on the client and the server alike.
 */
export function whenValid(...fields: string[]): {
  when: (payload: { value: unknown; issues: readonly { path?: readonly PropertyKey[] }[] }) => boolean;
} {
  return {
    when: ({ value, issues }) =>
      typeof value === 'object' &&
      value !== null &&
      issues.every((issue) => {
        const head = issue.path?.[0];
        return head !== undefined && !fields.includes(String(head));
      }),
  };
}

/** What the page after a save says happened (`?saved=created`): the record registered, or changed. */
export const SAVED_KINDS = ['created', 'updated'] as const;
export type SavedKind = (typeof SAVED_KINDS)[number];
export const savedParam = z.enum(SAVED_KINDS).optional().catch(undefined);

/** Where a form sends the person after a save: the record's page, told what was saved. */
export function savedHref(path: string, kind: SavedKind): string {
  return `${path}?saved=${kind}`;
}
