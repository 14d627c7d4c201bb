// What a new password must satisfy (OWASP ASVS 2.1): at least 12 characters, not one of the 1,000
// most common passwords (lib/common-passwords.json, from @zxcvbn-ts/language-common; regenerate with
// scripts/common-passwords.mjs), and not containing the local part of the person's e-mail address.
// Pure (no I/O): the server checks it; the form checks the length only.
import COMMON_PASSWORDS from './common-passwords.json';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/**
 * Every entry of the list is shorter than 12 characters, so the list alone would never refuse
 * anything long enough. A common password padded with digits and symbols ("password1234!") or
 * repeated ("qwertyqwerty") is as weak as the word itself, so those are refused too.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (core.length >= 4 && common.has(core)) return true;
  for (let size = 1; size <= lower.length / 2; size++) {
    if (lower.length % size !== 0) continue;
    const unit = lower.slice(0, size);
    if (unit.repeat(lower.length / size) === lower && (size < 4 || common.has(unit))) return true;
  }
  return false;
}

/** The local part of the address and its longer pieces ("anna.andersson" → also "andersson"). */
function emailParts(email: string): string[] {
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  const pieces = local.split(/[._+\-]/).filter((p) => p.length >= 4);
  return [...new Set([local, ...pieces])].filter((p) => p.length >= 3);
}

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (emailParts(email).some((part) => lower.includes(part))) return 'contains_email';
  if (isCommonPassword(password)) return 'common';
  return null;
}

/** The catalogue key that explains a problem to the person. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  return `validation.password.${problem}`;
}
