// Developer tool: deep-merge a feature's strings into the catalogues, keeping key order stable.
//   node scripts/merge-messages.mjs my-strings.sv.json my-strings.en.json
import { readFileSync, writeFileSync } from 'node:fs';

function merge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) target[key] = merge(target[key] ?? {}, value);
    else target[key] = value;
  }
  return target;
}

const [svFile, enFile] = process.argv.slice(2);
for (const [locale, file] of [
  ['sv', svFile],
  ['en', enFile],
]) {
  if (!file) continue;
  const path = `messages/${locale}.json`;
  const merged = merge(JSON.parse(readFileSync(path, 'utf8')), JSON.parse(readFileSync(file, 'utf8')));
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
}
