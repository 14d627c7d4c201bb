import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { personTriggersSql } from './person-sql';

describe('the person rollup triggers', () => {
  it('the newest custom migration that defines them is the SQL the category lists make (npm run stats:sql -- persons)', () => {
    const dir = path.join(process.cwd(), 'drizzle');
    const latest = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .filter((f) => readFileSync(path.join(dir, f), 'utf8').includes('create or replace function stat_person_refresh'))
      .at(-1);
    expect(latest).toBeDefined();
    expect(readFileSync(path.join(dir, latest!), 'utf8')).toBe(personTriggersSql());
  });
});
