import { z } from 'zod';
import { storableText } from '@/lib/forms/fields';

/**
 * The register must never hold names, identity numbers or contact details of victims or
 * perpetrators (GDPR art. 9 and 10). Every free-text field goes through this one guard, in the
 * form and again in the server action. It is pure so the client bundle can carry it.
 *
 * The guard only sees shapes, not meaning. It first normalises the text (decision 010): Unicode
 * NFKC, every decimal digit of any script to ASCII, invisible characters out, every kind of
 * space, dash, slash and dot to its ASCII form. Then it reads digit groups joined by spaces,
 * dots, hyphens, slashes or a plus as one number, so `850101.1236`, `1985-01-01-1236` and
 * `070.123.45.67` are found like `850101-1236` and `070-123 45 67`, and reads "(at)", "[at]",
 * " at " and " @ " as an @. It refuses what looks like a Swedish personal identity number
 * (checked date and check digit), a coordination number, a phone number or an e-mail address,
 * and lets dates, case, diary, court and police report numbers, amounts, counts, law references
 * and postal codes through. Names cannot be recognised by shape: keeping them out stays with the
 * person writing (the forms say so).
 */
export type PersonalDataKind = 'personal_number' | 'coordination_number' | 'phone' | 'email';

// ─── Normalisation ───────────────────────────────────────────────────────────────────────────

// Format characters are invisible but split a number: soft hyphen, zero-width space and joiners,
// word joiner, direction marks, byte-order mark (pasted from Word or web pages).
const INVISIBLE = /\p{Cf}/gu;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const IS_DIGIT = /^\p{Nd}$/u;
const SPACE = /[\t\p{Zs}]/gu;
const DASH = /[\p{Pd}\u2212\u02d7\u2043]/gu;
const SLASH = /[\u2044\u2215\u29f8]/gu;
const DOT = /[\u00b7\u2027\u2219\u30fb]/gu;

/**
 * Unicode encodes every set of decimal digits as ten consecutive code points, 0 to 9, and where
 * sets touch they are whole sets: a digit's value is its distance from the start of its run,
 * modulo ten. NFKC has already folded full-width and mathematical digits; this reads the rest
 * (Arabic-Indic, Persian, Devanagari, Thai, …).
 */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 0;
  let start = code;
  while (start > 0 && IS_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((code - start) % 10);
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(NON_ASCII_DIGIT, asciiDigit)
    .replace(SPACE, ' ')
    .replace(DASH, '-')
    .replace(SLASH, '/')
    .replace(DOT, '.');
}

// ─── Personal identity and coordination numbers ──────────────────────────────────────────────

// Digit groups read as one number: joined by a hyphen or slash (spaces around allowed), by a
// dot or a plus (the separator of people over 100), or by spaces alone. Never by a comma or a
// colon, which join decimals, clock times and law references. Bounded spaces keep it linear.
const DIGIT_RUN = /\d+(?: {0,3}[-/] {0,3}\d+|[.+]\d+| {1,3}\d+)*/g;
const SPACES_ONLY = /^ +$/;

/**
 * Where a personal number may be split into groups: between century, year, month and day, and
 * before the serial (19|85|01|01|1236). A split inside the serial or after three digits is some
 * other number: "070-123 45 67", "8 112 189 876 kr", "2026-01-15 1 200".
 */
const SPLITS: Record<number, ReadonlySet<number>> = { 10: new Set([2, 4, 6]), 12: new Set([2, 4, 6, 8]) };

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2 && year !== undefined) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Luhn check digit over YYMMDDNNN, weights 2,1,2,… as Skatteverket computes it. */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** The kind of a 10- or 12-digit string that is a valid identity number, or null. */
function identityKind(digits: string): 'personal_number' | 'coordination_number' | null {
  const ten = digits.slice(-10);
  const century = digits.length === 12 ? digits.slice(0, 2) : undefined;
  const [yy, mm, dd, serial, check] = [
    ten.slice(0, 2),
    ten.slice(2, 4),
    ten.slice(4, 6),
    ten.slice(6, 9),
    ten.slice(9),
  ];
  // A 12-digit form names the century; an organisation number's "16" prefix is not one.
  if (century !== undefined && century !== '18' && century !== '19' && century !== '20') return null;
  const month = Number(mm);
  if (month < 1 || month > 12) return null;
  const rawDay = Number(dd);
  // Coordination numbers add 60 to the day. Day 60 (birth day unknown) exists too; refusing it
  // is the safe side.
  const coordination = rawDay >= 60;
  const day = coordination ? rawDay - 60 : rawDay;
  if (day === 0 && !coordination) return null;
  if (day > daysInMonth(month, century === undefined ? undefined : Number(century + yy))) return null;
  if (luhnCheckDigit(yy + mm + dd + serial) !== Number(check)) return null;
  return coordination ? 'coordination_number' : 'personal_number';
}

/** A run of digit groups and the separators between them (`seps[i]` follows `groups[i]`). */
interface Run {
  groups: string[];
  seps: string[];
}

/**
 * Whether groups i..j of a run, holding `length` digits with `splits` at these offsets, may be
 * read as one identity number. Where the run goes on past the window with a hyphen, dot, slash
 * or plus ("2026-11-27–2026-12-03", a date range), only the forms people write a number in
 * count: one group, or YYMMDD/YYYYMMDD and NNNC ("850101-1236/850202-2346" holds two).
 */
function isWindow({ groups, seps }: Run, i: number, j: number, splits: number[], length: number): boolean {
  if (!splits.every((split) => SPLITS[length]?.has(split))) return false;
  const cleanStart = i === 0 || SPACES_ONLY.test(seps[i - 1] ?? '');
  const cleanEnd = j === groups.length - 1 || SPACES_ONLY.test(seps[j] ?? '');
  if ((cleanStart && cleanEnd) || i === j) return true;
  const date = groups[i]?.length ?? 0;
  return j === i + 1 && (date === 6 || date === 8) && groups[j]?.length === 4;
}

/** The first identity number in one run of digit groups; `before`/`after` are its neighbours. */
function identityInRun(text: string, before: string, after: string): 'personal_number' | 'coordination_number' | null {
  const run: Run = { groups: text.match(/\d+/g) ?? [], seps: text.match(/\D+/g) ?? [] };
  // A decimal fraction ("0,8112189876") or the whole part of a decimal is not an identity number.
  const first = /\d,$/.test(before) ? 1 : 0;
  const last = /^,\d/.test(after) ? run.groups.length - 2 : run.groups.length - 1;
  for (let i = first; i <= last; i++) {
    let digits = '';
    const splits: number[] = [];
    // Twelve digits at most: a long run of numbers costs a few steps per group.
    for (let j = i; j <= last && digits.length < 12; j++) {
      if (j > i) splits.push(digits.length);
      digits += run.groups[j];
      if (digits.length !== 10 && digits.length !== 12) continue;
      const kind = isWindow(run, i, j, splits, digits.length) ? identityKind(digits) : null;
      if (kind) return kind;
    }
  }
  return null;
}

function findIdentityNumber(text: string): 'personal_number' | 'coordination_number' | null {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const end = match.index + match[0].length;
    const kind = identityInRun(
      match[0],
      text.slice(Math.max(0, match.index - 2), match.index),
      text.slice(end, end + 2),
    );
    if (kind) return kind;
  }
  return null;
}

// ─── Phone numbers ───────────────────────────────────────────────────────────────────────────

// Dates and clock times would otherwise read as numbers: "05-11-2026" as 05-11 20 26, a US
// "06/30/2019", a Swedish "8/11", opening hours "08.30-16.30". Blank them out before looking for
// phones. ISO dates start with 1 or 2, and clock times with a colon never join a number.
const NUMERIC_DATE = /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[-./ ](?:0?[1-9]|[12]\d|3[01])[-./ ](?:19|20)\d{2}(?!\d)/g;
const DAY_MONTH = /(?<![\d/])(?:0?[1-9]|[12]\d|3[01])\/(?:0?[1-9]|1[0-2])(?!\d|\/\d)/g;
const DOT_TIME = /(?<![\d.])(?:[01]?\d|2[0-3])\.[0-5]\d(?!\d|\.\d)/g;

// How digit groups of a phone number are joined: a space, a hyphen or a slash (with or without
// spaces around it), a dot ("070.123.45.67"), or parentheses round an area code. Never a comma
// or a colon: those join decimals, clock times and law references.
const JOIN = `(?:\\)?(?: ?[-/] ?| |\\.)\\(?|\\)|\\()`;
const INTL_JOIN = `(?:\\)?(?: ?[-/.] ?| )\\(?|\\)|\\()`;

// A phone number never starts inside a word, a number, a decimal or a hyphenated reference.
const PHONE_START = `(?<![\\p{L}\\p{N}_+]|\\d[-.,:/])`;

/** Swedish national form: 0, then area code and subscriber number; 8–10 digits in all. */
const NATIONAL_PHONE = new RegExp(`${PHONE_START}\\(?0[1-9]\\d*(?:${JOIN}\\d+)*`, 'gu');
/** International form: + or 00, a country code (never 0), then the number. */
const INTERNATIONAL_PHONE = new RegExp(`${PHONE_START}(?:\\+|00) ?\\(?[1-9]\\d*(?:${INTL_JOIN}\\d+)*`, 'gu');

const THOUSANDS = /^\d{3}(?: \d{3})*$/;
// "+15 000 000", "+5 000-10 000": a signed amount or range grouped in thousands.
const GROUPED = `\\d{1,3}(?: \\d{3})+`;
const SIGNED_THOUSANDS = new RegExp(`^\\+ ?${GROUPED}(?: ?- ?${GROUPED})?$`);
const ROUND = / 000$/;
const AMOUNT_UNIT = /^ ?(?:kr|kronor|sek|eur|euro|usd|dollar|%|procent|tkr|mnkr|mdkr|miljoner|miljarder)(?!\p{L})/iu;
const AFTER_THOUSANDS_GROUP = /(?:^|\D)\d{1,3} $/;

const AFTER_DIGIT_GROUP = /\d $/;
// E.164 allows 15 digits; no reading needs more. Bounds the work on long runs of numbers.
const MAX_PHONE_DIGITS = 15;
// The look-behind tests above need at most the 5 characters before a candidate.
const CONTEXT = 6;

/**
 * The ways to read a candidate: cut after each digit group, longest first, because
 * "070-123 45 67 2 gånger" holds a phone. When the candidate follows another number with only a
 * space between ("2025 070-123 45 67", but also the tail of "SE45 5000 0000 0583 9825 7466"),
 * only the whole candidate counts.
 */
function readings(candidate: string, before: string): string[] {
  if (AFTER_DIGIT_GROUP.test(before)) return [candidate];
  const cuts: string[] = [];
  let digits = 0;
  for (const group of candidate.matchAll(/\d+/g)) {
    digits += group[0].length;
    if (digits > MAX_PHONE_DIGITS) break;
    cuts.unshift(candidate.slice(0, group.index + group[0].length));
  }
  return cuts;
}

function isNationalPhone(prefix: string, before: string): boolean {
  const digits = prefix.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 10) return false;
  const groups = prefix.match(/\d+/g) ?? [];
  // Stockholm's 08 is the only two-digit area code: "05/11-07/11" is a date range.
  if (groups.length > 1 && groups[0]?.length === 2 && groups[0] !== '08') return false;
  // A subscriber number never starts with 0: "1 050 000 000" is an amount, not 050-000 000.
  if (groups.length > 1 && groups[1]?.startsWith('0')) return false;
  // "2 070 500 000 kr": the tail of a number grouped in thousands.
  if (THOUSANDS.test(prefix) && AFTER_THOUSANDS_GROUP.test(before)) return false;
  return true;
}

function isInternationalPhone(prefix: string, before: string, after: string): boolean {
  const withoutTrunk = prefix.replace(/\(0\)/g, '');
  let digits = withoutTrunk.replace(/\D/g, '');
  if (!prefix.startsWith('+')) {
    // "21 004 500 000 000": the tail of a number grouped in thousands, not 00 + a country code.
    if (THOUSANDS.test(prefix) && AFTER_THOUSANDS_GROUP.test(before)) return false;
    digits = digits.slice(2);
  }
  if (digits.startsWith('46')) {
    // Sweden: 7–9 digits after +46; people often keep the trunk 0 ("+46 070 …").
    const national = digits.slice(2).replace(/^0/, '');
    if (national.length >= 7 && national.length <= 9 && !national.startsWith('0')) return true;
  }
  if (digits.length < 8 || digits.length > 15) return false;
  // "+15 000 000 kr" is a change in an amount; "+40 721 234 567" is a Romanian mobile.
  if (SIGNED_THOUSANDS.test(prefix) && (ROUND.test(prefix) || AMOUNT_UNIT.test(after))) return false;
  return true;
}

function findPhone(text: string): boolean {
  const blank = (found: string) => 'x'.repeat(found.length);
  const masked = text.replace(NUMERIC_DATE, blank).replace(DAY_MONTH, blank).replace(DOT_TIME, blank);
  for (const match of masked.matchAll(INTERNATIONAL_PHONE)) {
    const before = masked.slice(Math.max(0, match.index - CONTEXT), match.index);
    const found = readings(match[0], before).some((prefix) => {
      const end = match.index + prefix.length;
      return isInternationalPhone(prefix, before, masked.slice(end, end + 16));
    });
    if (found) return true;
  }
  for (const match of masked.matchAll(NATIONAL_PHONE)) {
    const before = masked.slice(Math.max(0, match.index - CONTEXT), match.index);
    if (readings(match[0], before).some((prefix) => isNationalPhone(prefix, before))) return true;
  }
  return false;
}

// ─── E-mail addresses ────────────────────────────────────────────────────────────────────────

// An address, also written out: "name @ example.se", "name (at) example.se", "name [at]
// example [dot] se", "name at example.se", "namn snabel-a exempel.se". The look-behind lets a
// match start only at the start of a word, and no part can take what the next one needs, so the
// scan is linear.
const LOCAL_CHAR = `\\p{L}\\p{N}_.%+'\\-`;
const OPEN = '[(\\[{<]';
const CLOSE = '[)\\]}>]';
const EMAIL_AT = ` {0,3}@ {0,3}| {0,3}${OPEN} {0,3}(?:at|snabel-?a) {0,3}${CLOSE} {0,3}| {1,3}(?:at|snabel-a) {1,3}`;
const EMAIL_DOT = `\\.| {0,3}${OPEN} {0,3}(?:dot|punkt) {0,3}${CLOSE} {0,3}`;
const LABEL = '[\\p{L}\\p{N}][\\p{L}\\p{N}-]*';
const EMAIL = new RegExp(
  `(?<![${LOCAL_CHAR}])([${LOCAL_CHAR}]+)(${EMAIL_AT})(${LABEL}(?:(?:${EMAIL_DOT})${LABEL})*)`,
  'giu',
);
const DOMAIN_DOT = new RegExp(EMAIL_DOT, 'iu');

/**
 * A top-level domain makes any of these forms an address. Without one only a written @ counts,
 * before a host name of two or more characters that starts with a letter ("name@example"): a
 * spaced or written-out "at" needs the domain, or "Möte @ länsstyrelsen" and "we met at
 * Länsstyrelsen" would count; "5@10 kr" and "a@b" do not ("user@localhost" is an address too).
 */
function isAddress(local: string, at: string, domain: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(local)) return false;
  const labels = domain.split(DOMAIN_DOT);
  const tld = labels.length > 1 ? (labels[labels.length - 1] ?? '') : '';
  if (/^\p{L}{2,}$/u.test(tld)) return true;
  if (at !== '@') return false;
  const host = labels[0] ?? '';
  return /^\p{L}[\p{L}\p{N}-]+$/u.test(host);
}

function findEmail(text: string): boolean {
  EMAIL.lastIndex = 0;
  for (let match = EMAIL.exec(text); match; match = EMAIL.exec(text)) {
    if (isAddress(match[1] ?? '', match[2] ?? '', match[3] ?? '')) return true;
    // A rejected candidate may hold the start of a real one ("look at kalle@example.se").
    EMAIL.lastIndex = match.index + 1;
  }
  return false;
}

// ─── The guard ───────────────────────────────────────────────────────────────────────────────

/**
 * The kind of personal data the text seems to contain, or null. Identity numbers come before
 * contact details: a 10-digit number that is both a valid personnummer and phone-shaped is
 * reported as a personal identity number.
 */
export function findPersonalData(text: string): PersonalDataKind | null {
  if (!text) return null;
  const normalised = normalise(text);
  const identity = findIdentityNumber(normalised);
  if (identity) return identity;
  if (findPhone(normalised)) return 'phone';
  if (findEmail(normalised)) return 'email';
  return null;
}

/**
 * A required-or-not free-text field: trimmed, at most `max` characters, free of personal data.
 * Messages are catalogue keys (`validation.tooLong`, `validation.personalData.<kind>`).
 * Chain `.min(1, 'validation.required')` where the field must be filled in.
 */
export function guardedText(max: number) {
  return storableText(z.string().trim().max(max, 'validation.tooLong')).superRefine((value, ctx) => {
    const kind = findPersonalData(value);
    if (kind) ctx.addIssue({ code: 'custom', message: `validation.personalData.${kind}`, input: value });
  });
}

/** The same for an optional field: '', blanks, undefined and null all become null. */
export function optionalGuardedText(max: number) {
  return guardedText(max)
    .nullish()
    .transform((value): string | null => value || null);
}
