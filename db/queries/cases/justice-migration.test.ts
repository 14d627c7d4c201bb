import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Db } from '@/db';
import { rowsOf } from '@/db/rows';
import { generateDemoCases } from '@/db/seed/demo-cases';
import { insertCases } from '@/db/synth/insert';
import { makeUser } from '@/db/test/helpers';

// The data migration of decision 012 (drizzle/0012_justice_path_data.sql) on a copy of the demo
// data as it was before: the single pipeline, no person's steps. Its function runs again here on
// those cases only (it leaves cases that have steps alone), and the derived case step, the events
// and the figures' facts must come out as they were.

let db: Db;
let ids: string[];
/** One parameter (drizzle would spread an array into a row of thousands). */
const idArray = () => `{${ids.join(',')}}`;

type Snapshot = { cases: string[]; events: string[]; facts: string[] };

async function snapshot(): Promise<Snapshot> {
  const text = async (query: ReturnType<typeof sql>) => rowsOf<{ t: string }>(await db.execute(query)).map((r) => r.t);
  return {
    cases: await text(
      sql`select c.id || ' ' || c.status || ' ' || c.status_on as t from cases c where c.id = any(${idArray()}::uuid[]) order by 1`,
    ),
    events:
      await text(sql`select e.case_id || ' ' || e.status || ' ' || e.occurred_on || ' ' || coalesce(e.note, '') as t
      from case_status_events e where e.case_id = any(${idArray()}::uuid[]) order by 1`),
    facts: await text(
      sql`select f::text as t from stat_case_facts f where f.case_id = any(${idArray()}::uuid[]) order by 1`,
    ),
  };
}

let before: Snapshot;
let migrated: number;

beforeAll(async () => {
  db = await getDb();
  const creator = (await makeUser('county_staff', '01')).id;
  // Two thousand and more cases: a copy of the demo's, in the shape of before 012.
  await insertCases(db, generateDemoCases(), { createdBy: creator, legacy: true });
  ids = rowsOf<{ id: string }>(await db.execute(sql`select id from cases where created_by = ${creator}`)).map(
    (r) => r.id,
  );
  before = await snapshot();
  const [result] = rowsOf<{ n: number }>(await db.execute(sql`select justice_path_migrate(${idArray()}::uuid[]) as n`));
  migrated = Number(result!.n);
}, 120_000);

describe('the migration of today’s cases to each perpetrator’s path', () => {
  it('gives each perpetrator of a prosecuted or judged case that step, with the case’s date', async () => {
    expect(migrated).toBeGreaterThan(100);
    const [missing] = rowsOf<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n
        from case_status_events e join case_parties p on p.case_id = e.case_id and p.role = 'perpetrator'
        where e.case_id = any(${idArray()}::uuid[]) and e.status in ('prosecuted', 'convicted', 'acquitted')
          and not exists (select 1 from perpetrator_steps s where s.party_id = p.id and s.step::text = e.status::text
                            and s.occurred_on = e.occurred_on)`),
    );
    expect(missing!.n).toBe(0);
    const [others] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from perpetrator_steps s where s.case_id = any(${idArray()}::uuid[])
        and (s.step not in ('prosecuted', 'convicted', 'acquitted') or (s.step = 'convicted') <> (s.sanction is not distinct from 'unknown'))`),
    );
    expect(others!.n).toBe(0);
  });

  it('names the offences of the person’s role: a buyer’s sex purchase, the others’ the rest, else all', async () => {
    const rows = rowsOf<{ role: string; named: string[]; all: string[] }>(
      await db.execute(sql`
        select p.perpetrator_role as role,
          array(select o.offence::text from perpetrator_step_offences o where o.step_id = s.id order by 1) as named,
          array(select o.offence::text from case_offences o where o.case_id = s.case_id order by 1) as all
        from perpetrator_steps s join case_parties p on p.id = s.party_id where s.case_id = any(${idArray()}::uuid[])`),
    );
    expect(rows.length).toBe(migrated);
    const SP = ['sex_purchase', 'sex_purchase_child'];
    for (const r of rows) {
      const matching = r.all.filter((o) => SP.includes(o) === (r.role === 'buyer'));
      expect(r.named).toEqual(matching.length > 0 ? matching : r.all);
    }
    expect(
      rows.some((r) => r.role === 'buyer' && r.named.every((o) => SP.includes(o)) && r.all.length > r.named.length),
    ).toBe(true);
  });

  it('leaves every case’s step, its events (notes included) and its figures as they were', async () => {
    const after = await snapshot();
    expect(after.cases).toEqual(before.cases);
    expect(after.events).toEqual(before.events);
    expect(after.facts).toEqual(before.facts);
  });

  it('does nothing the second time', async () => {
    const [again] = rowsOf<{ n: number }>(
      await db.execute(sql`select justice_path_migrate(${idArray()}::uuid[]) as n`),
    );
    expect(Number(again!.n)).toBe(0);
  });
});
