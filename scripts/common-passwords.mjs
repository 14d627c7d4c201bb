// Regenerate lib/common-passwords.json: the 1,000 most common passwords, in order of frequency,
// from @zxcvbn-ts/language-common (MIT; a frequency-ranked list of leaked passwords).
//   node scripts/common-passwords.mjs
// db/password-policy.test.ts checks that the committed file still matches the package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const source = path.join(
  path.dirname(require.resolve('@zxcvbn-ts/language-common/package.json')),
  'src',
  'passwords.json',
);
const top = JSON.parse(readFileSync(source, 'utf8')).slice(0, 1000);
writeFileSync('lib/common-passwords.json', `${JSON.stringify(top, null, 0).replaceAll('","', '",\n"')}\n`);
console.log(`lib/common-passwords.json: ${top.length} passwords`);
