import { z } from 'zod';

/**
 * The register must never hold names, identity numbers or contact details of victims or
 * perpetrators (GDPR art. 9 and 10). Every free-text field goes through this one guard, in the
 * form and again in the server action. It is pure so the client bundle can carry it.
 *
 * The guard only sees shapes, not meaning: it refuses text that looks like a Swedish personal
 * identity number (checked date and check digit), a coordination number, a phone number or an
 * e-mail address, and lets dates, case and police report numbers, amounts, counts, law
 * references and postal codes through. Names cannot be recognised by shape: keeping them out stays
 * with the person writing (the forms should say so).
 */
export type PersonalDataKind = 'personal_number' | 'coordination_number' | 'phone' | 'email';

// Spaces people and word processors put between digit groups.
const SP = '[ \\u00a0\\u202f\\u2007]';
const HYPHEN = '[-\\u2010\\u2011]';

// Characters that are invisible but split a number (pasted from Word or web pages).
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** NFKC turns full-width digits and @ into ASCII ones; invisible characters would hide a number. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

// ─── Personal identity and coordination numbers ──────────────────────────────────────────────

// [YY]YYMMDD, optional separator ('-', '+' for people over 100, a space or an en dash from
// autocorrect), NNN, check digit. Not inside a longer number or after a decimal comma.
const IDENTITY_NUMBER = new RegExp(
  `(?<!\\d)(?<!\\d[.,])(\\d{2})?(\\d{2})(\\d{2})(\\d{2})(?:${HYPHEN}|\\+|${SP}|\\u2013)?(\\d{3})(\\d)(?!\\d)(?![.,]\\d)`,
  'gu',
);

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

function identityKind(match: RegExpMatchArray): 'personal_number' | 'coordination_number' | null {
  const [, century, yy = '', mm = '', dd = '', serial = '', check = ''] = match;
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

function findIdentityNumber(text: string): 'personal_number' | 'coordination_number' | null {
  for (const match of text.matchAll(IDENTITY_NUMBER)) {
    const kind = identityKind(match);
    if (kind) return kind;
  }
  return null;
}

// ─── Phone numbers ───────────────────────────────────────────────────────────────────────────

// A date written day first would otherwise read as a number: "05-11-2026" as 05-11 20 26. Blank
// such dates out before looking for phones. ISO dates start with 1 or 2, and clock times use ':'
// or '.', which never join a Swedish number, so neither needs it.
const DAY_FIRST_DATE = /(?<!\d)(?:0?[1-9]|[12]\d|3[01])([-./ ])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}(?!\d)/gu;

// How digit groups of a phone number are joined: a space, a hyphen (with or without spaces
// around it), a slash ("08/123 45 67"), or parentheses round an area code. Never a dot, comma
// or en dash: those join decimals, thousands and ranges.
const JOIN = `(?:\\)?(?:${SP}?(?:${HYPHEN}|/)${SP}?|${SP})\\(?|\\)|\\()`;
const INTL_JOIN = `(?:\\)?(?:${SP}?(?:${HYPHEN}|/|\\.)${SP}?|${SP})\\(?|\\)|\\()`;

// A phone number never starts inside a word, a number, a decimal or a hyphenated reference.
const PHONE_START = `(?<![\\p{L}\\p{N}_+]|\\d[.,:/\\u2013]|\\d${HYPHEN})`;

/** Swedish national form: 0, then area code and subscriber number; 8–10 digits in all. */
const NATIONAL_PHONE = new RegExp(`${PHONE_START}\\(?0[1-9]\\d*(?:${JOIN}\\d+)*`, 'gu');
/** International form: + or 00, a country code (never 0), then the number. */
const INTERNATIONAL_PHONE = new RegExp(`${PHONE_START}(?:\\+|00)${SP}?\\(?[1-9]\\d*(?:${INTL_JOIN}\\d+)*`, 'gu');

const THOUSANDS = new RegExp(`^\\d{3}(?:${SP}\\d{3})*$`, 'u');
// "+15 000 000", "+5 000-10 000": a signed amount or range grouped in thousands.
const GROUPED = `\\d{1,3}(?:${SP}\\d{3})+`;
const SIGNED_THOUSANDS = new RegExp(`^\\+${SP}?${GROUPED}(?:${SP}?${HYPHEN}${SP}?${GROUPED})?$`, 'u');
const ROUND = new RegExp(`${SP}000$`, 'u');
const AMOUNT_UNIT = new RegExp(
  `^${SP}?(?:kr|kronor|sek|eur|euro|usd|dollar|%|procent|tkr|mnkr|mdkr|miljoner|miljarder)(?!\\p{L})`,
  'iu',
);
const AFTER_THOUSANDS_GROUP = new RegExp(`(?:^|\\D)\\d{1,3}${SP}$`, 'u');

const AFTER_DIGIT_GROUP = new RegExp(`\\d${SP}$`, 'u');
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
  // A subscriber number never starts with 0: "1 050 000 000" is an amount, not 050-000 000.
  const groups = prefix.match(/\d+/g) ?? [];
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
  const masked = text.replace(DAY_FIRST_DATE, blank);
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

// Only real addresses (local@domain.tld); "namn at exempel punkt se" is not worth the false
// positives. The look-behind makes the scan linear: a match starts only at the start of a word.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

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
  if (normalised.includes('@') && EMAIL.test(normalised)) return 'email';
  return null;
}

/**
 * A required-or-not free-text field: trimmed, at most `max` characters, free of personal data.
 * Messages are catalogue keys (`validation.tooLong`, `validation.personalData.<kind>`).
 * Chain `.min(1, 'validation.required')` where the field must be filled in.
 */
export function guardedText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .superRefine((value, ctx) => {
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
