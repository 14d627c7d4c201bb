import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import COMMON from './common-passwords.json';
import { isCommonPassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('ships the 1,000 most common passwords of @zxcvbn-ts/language-common, in its order', () => {
    const require = createRequire(import.meta.url);
    const source = path.join(
      path.dirname(require.resolve('@zxcvbn-ts/language-common/package.json')),
      'src',
      'passwords.json',
    );
    expect(COMMON).toEqual(JSON.parse(readFileSync(source, 'utf8')).slice(0, 1000));
  });

  it('needs 12 characters', () => {
    expect(passwordProblem('elva tecken', 'a@b.se')).toBe('too_short');
    expect(passwordProblem('tolv  tecken', 'a@b.se')).toBeNull();
  });

  it('refuses the common passwords, padded or repeated, in any case', () => {
    for (const p of COMMON.slice(0, 50)) expect(isCommonPassword(p)).toBe(true);
    for (const p of [
      'Password1234',
      'password1234!',
      '!!qwerty2024!!',
      'monkeymonkey',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      '123456123456',
    ]) {
      expect(passwordProblem(p, 'a@b.se')).toBe('common');
    }
    expect(passwordProblem('correct horse battery staple', 'a@b.se')).toBeNull();
    expect(passwordProblem('Lagesbild-demo-2026', 'admin@lagesbild.test')).toBeNull();
  });

  it('refuses the local part of the e-mail address and its longer pieces', () => {
    expect(passwordProblem('anna.andersson2026', 'Anna.Andersson@lansstyrelsen.se')).toBe('contains_email');
    expect(passwordProblem('secret ANDERSSON words', 'anna.andersson@lansstyrelsen.se')).toBe('contains_email');
    expect(passwordProblem('quiet morning river', 'anna.andersson@lansstyrelsen.se')).toBeNull();
  });
});
