import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/rows';

// The functions that read the big tables by the ids a write touched are planned per call
// (drizzle/0006, 0014, 0019; the statistics functions since decision 016 in 0017 and 0018): a generic plan, cached on a long-lived connection and chosen without
// the ids, hashed all of perpetrator_steps on every write (265 ms a call at 130,000 steps). The
// trigger functions that only collect ids from their transition tables, and the audit log's
// refusal, have nothing worth planning.
const READ_BY_IDS = [
  'perpetrator_steps_check',
  'case_derive_steps',
  'perpetrator_steps_changed',
  'perpetrator_step_offences_check',
  'case_parties_keep_perpetrator',
  'stat_refresh_cases',
  'stat_person_refresh',
];

describe('the functions writes run', () => {
  it('are planned per call where they read the big tables by the touched ids', async () => {
    const db = await getDb();
    const functions = rowsOf<{ name: string; config: string[] | null }>(
      await db.execute(sql`
        select p.proname as name, p.proconfig as config
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema() and p.proname = any(${`{${READ_BY_IDS.join(',')}}`}::text[])
        order by 1`),
    );
    expect(functions.map((f) => f.name)).toEqual([...READ_BY_IDS].sort());
    const unplanned = functions
      .filter((f) => !(f.config ?? []).includes('plan_cache_mode=force_custom_plan'))
      .map((f) => f.name);
    expect(unplanned).toEqual([]);
  });
});
