import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statisticsTriggersSql } from './rollup-sql';

describe('the rollup triggers', () => {
  it('the newest custom migration that defines them is the SQL the category lists make (npm run stats:sql)', () => {
    const dir = path.join(process.cwd(), 'drizzle');
    const latest = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .filter((f) => readFileSync(path.join(dir, f), 'utf8').includes('create or replace function stat_refresh_cases'))
      .at(-1);
    expect(latest).toBeDefined();
    expect(readFileSync(path.join(dir, latest!), 'utf8')).toBe(statisticsTriggersSql());
  });
});
