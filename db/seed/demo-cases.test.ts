import { sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus } from '@/lib/enums';
import { caseStepOf } from '@/lib/justice';
import { getDb, type Db } from '@/db';
import { generateCases, plannedCaseCount } from '@/db/synth/generate';
import { COUNTRIES_BY_REGION, DEMO_TODAY } from '@/db/synth/profiles';
import { makeUser } from '@/db/test/helpers';
import { demoCounties, generateDemoCases, seedDemoCases } from './demo-cases';
import { rowsOf } from '@/db/rows';

// All test files share one database, so every query here is limited to the cases this file's own
// user created (created_by), whatever other tests have registered.

let db: Db;
let creator: string;
let inserted: number;

async function rows<T>(query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** { key: count } from rows of { k, n }. */
async function counts(query: SQL): Promise<Record<string, number>> {
  return Object.fromEntries((await rows<{ k: string; n: number }>(query)).map((r) => [r.k, Number(r.n)]));
}

// Brå's group: trafficking for sexual purposes and/or gross procuring, reported 2008–2010.
const bra = () => sql`(
  select c.* from cases c
  where c.created_by = ${creator} and c.reported_on between '2008-01-01' and '2010-12-31'
    and exists (select 1 from case_offences o where o.case_id = c.id and o.offence in ('trafficking_sexual', 'procuring_gross'))
)`;
const demo = () => sql`(select c.* from cases c where c.created_by = ${creator})`;

beforeAll(async () => {
  db = await getDb();
  creator = (await makeUser('county_staff', '01')).id;
  inserted = await seedDemoCases(db, creator);
});

describe('demo cases: Brå 2008–2010 figures, exactly', () => {
  it('has 103 cases: 53 trafficking only, 44 gross procuring only, 6 both, none with any other offence or deleted', async () => {
    const combos = await counts(sql`
      select k, count(*)::int as n from (
        select string_agg(o.offence::text, '+' order by o.offence::text) as k
        from ${bra()} b join case_offences o on o.case_id = b.id group by b.id
      ) x group by k`);
    expect(combos).toEqual({ trafficking_sexual: 53, procuring_gross: 44, 'procuring_gross+trafficking_sexual': 6 });
    const [other] = await rows<{ offences: number; deleted: number }>(sql`
      select (select count(*) from ${bra()} b join case_offences o on o.case_id = b.id
                where o.offence not in ('trafficking_sexual', 'procuring_gross'))::int as offences,
             (select count(*) from ${bra()} b where b.deleted_at is not null)::int as deleted`);
    expect(other).toEqual({ offences: 0, deleted: 0 });
  });

  it('is uncertain in 18 (coercion unknown) and has coercion degrees 20 / 27 / 38 in the other 85', async () => {
    expect(
      await counts(
        sql`select b.crime_established || '/' || b.coercion_degree as k, count(*)::int as n from ${bra()} b group by 1`,
      ),
    ).toEqual({ 'uncertain/unknown': 18, 'yes/degree_1': 20, 'yes/degree_2': 27, 'yes/degree_3': 38 });
  });

  it('has 111 perpetrators, 37 of them women, and 151 victims, 149 of them women, every one from abroad', async () => {
    expect(
      await counts(
        sql`select p.role || '/' || p.sex as k, count(*)::int as n from ${bra()} b join case_parties p on p.case_id = b.id group by 1`,
      ),
    ).toEqual({ 'perpetrator/man': 74, 'perpetrator/woman': 37, 'victim/woman': 149, 'victim/man': 2 });
    const [foreign] = await rows<{ n: number }>(sql`
      select count(*)::int as n from ${bra()} b join case_parties p on p.case_id = b.id
      where p.role = 'victim' and p.origin_region in ('sweden', 'unknown')`);
    expect(foreign!.n).toBe(0);
  });

  it('puts women perpetrators mostly in the less severe cases', async () => {
    const byDegree = await counts(sql`
      select b.coercion_degree as k, count(*)::int as n from ${bra()} b
      where exists (select 1 from case_parties p where p.case_id = b.id and p.role = 'perpetrator' and p.sex = 'woman') group by 1`);
    const total = Object.values(byDegree).reduce((s, n) => s + n, 0);
    expect(byDegree.degree_3! / total).toBeGreaterThan(0.5);
    expect(byDegree.degree_1 ?? 0).toBeLessThanOrEqual(2);
  });

  it('has usually one perpetrator and one victim per case', async () => {
    const perCase = await rows<{ perpetrators: number; victims: number }>(sql`
      select count(*) filter (where p.role = 'perpetrator')::int as perpetrators, count(*) filter (where p.role = 'victim')::int as victims
      from ${bra()} b join case_parties p on p.case_id = b.id group by b.id`);
    expect(perCase).toHaveLength(103);
    expect(perCase.filter((c) => c.perpetrators === 1).length).toBeGreaterThanOrEqual(90);
    expect(perCase.filter((c) => c.victims === 1).length).toBeGreaterThanOrEqual(70);
    expect(perCase.every((c) => c.perpetrators >= 1 && c.victims >= 1)).toBe(true);
  });

  it('has victims mostly from Eastern Europe and West Africa, with a citizenship that fits the region', async () => {
    const victims = await rows<{ origin: string; citizenship: string | null }>(sql`
      select p.origin_region as origin, p.citizenship from ${bra()} b join case_parties p on p.case_id = b.id where p.role = 'victim'`);
    const main = victims.filter((v) => ['eu_east', 'europe_east_non_eu', 'west_africa'].includes(v.origin)).length;
    expect(main / victims.length).toBeGreaterThan(0.85);
    expect(main).toBeLessThan(victims.length); // a few from elsewhere
    const withCitizenship = victims.filter((v) => v.citizenship !== null);
    expect(withCitizenship.length / victims.length).toBeGreaterThan(0.8);
    for (const v of withCitizenship)
      expect(COUNTRIES_BY_REGION[v.origin as keyof typeof COUNTRIES_BY_REGION]?.values).toContain(v.citizenship);
    const countries = new Set(withCitizenship.map((v) => v.citizenship));
    for (const c of ['RO', 'BG', 'NG']) expect(countries).toContain(c);
  });

  it('has victims younger than perpetrators: victims mostly 18–25, some 15–17; perpetrators 26–50', async () => {
    const ages = await counts(
      sql`select p.role || '/' || p.age_band as k, count(*)::int as n from ${bra()} b join case_parties p on p.case_id = b.id group by 1`,
    );
    const victims = 151;
    expect(((ages['victim/18_20'] ?? 0) + (ages['victim/21_25'] ?? 0)) / victims).toBeGreaterThan(0.6);
    expect(ages['victim/15_17'] ?? 0).toBeGreaterThan(3);
    expect(((ages['perpetrator/26_35'] ?? 0) + (ages['perpetrator/36_50'] ?? 0)) / 111).toBeGreaterThan(0.75);
    expect(ages['perpetrator/15_17'] ?? 0).toBe(0);
    expect(ages['perpetrator/0_14'] ?? 0).toBe(0);
  });

  it('is mostly reported by the police, mostly in Stockholm, Västra Götaland and Skåne', async () => {
    const bodies = await counts(sql`select b.reporting_body as k, count(*)::int as n from ${bra()} b group by 1`);
    expect(bodies.police! / 103).toBeGreaterThan(0.8);
    const counties = await counts(sql`select b.county_code as k, count(*)::int as n from ${bra()} b group by 1`);
    const metro = (counties['01'] ?? 0) + (counties['14'] ?? 0) + (counties['12'] ?? 0);
    expect(metro / 103).toBeGreaterThan(0.8);
    expect(metro).toBeLessThan(103);
  });

  it('has few convictions: most cases discontinued or still under investigation', async () => {
    const statuses = await counts(sql`select b.status as k, count(*)::int as n from ${bra()} b group by 1`);
    expect(statuses.convicted).toBeGreaterThanOrEqual(10);
    expect(statuses.convicted).toBeLessThanOrEqual(20);
    expect(statuses.acquitted).toBeGreaterThan(0);
    expect(((statuses.discontinued ?? 0) + (statuses.investigation ?? 0)) / 103).toBeGreaterThan(0.5);
  });
});

describe('demo cases: the rest of the register', () => {
  // How long the seed takes is measured on a fresh database and recorded in BENCHMARKS.md, not here:
  // a timed assertion fails on a loaded machine and proves nothing on an idle one.
  it('seeds about 2,000–3,000 cases', () => {
    expect(inserted).toBe(generateDemoCases().length);
    expect(inserted).toBeGreaterThan(2000);
    expect(inserted).toBeLessThan(3000);
  });

  it('has cases in every county, most in the metropolitan ones, sex purchase rising sharply in 2010', async () => {
    const counties = await counts(sql`select d.county_code as k, count(*)::int as n from ${demo()} d group by 1`);
    expect(Object.keys(counties)).toHaveLength(21);
    expect(((counties['01'] ?? 0) + (counties['14'] ?? 0) + (counties['12'] ?? 0)) / inserted).toBeGreaterThan(0.6);
    const sexPurchase = await counts(sql`
      select extract(year from d.reported_on)::text as k, count(*)::int as n
      from ${demo()} d join case_offences o on o.case_id = d.id and o.offence = 'sex_purchase' group by 1`);
    expect(sexPurchase['2010']!).toBeGreaterThan(3 * sexPurchase['2009']!);
    expect(sexPurchase['2025']!).toBeGreaterThan(50);
    const offences = await counts(
      sql`select o.offence as k, count(*)::int as n from ${demo()} d join case_offences o on o.case_id = d.id group by 1`,
    );
    for (const offence of ['trafficking_other', 'exploitation', 'procuring', 'sex_purchase_child', 'other'])
      expect(offences[offence]).toBeGreaterThan(0);
  });

  it('gives every case a victim and a perpetrator, and buyers in sex purchase cases', async () => {
    const [missing] = await rows<{ n: number }>(sql`
      select count(*)::int as n from ${demo()} d
      where not exists (select 1 from case_parties p where p.case_id = d.id and p.role = 'victim')
         or not exists (select 1 from case_parties p where p.case_id = d.id and p.role = 'perpetrator')`);
    expect(missing!.n).toBe(0);
    const buyers = await counts(sql`
      select p.perpetrator_role || '/' || p.sex || '/' || p.origin_region as k, count(*)::int as n
      from ${demo()} d join case_parties p on p.case_id = d.id and p.role = 'perpetrator'
      where exists (select 1 from case_offences o where o.case_id = d.id and o.offence = 'sex_purchase')
        and not exists (select 1 from case_offences o where o.case_id = d.id and o.offence <> 'sex_purchase')
      group by 1`);
    const all = Object.values(buyers).reduce((s, n) => s + n, 0);
    expect(Object.keys(buyers).every((k) => k.startsWith('buyer/'))).toBe(true);
    expect((buyers['buyer/man/sweden'] ?? 0) / all).toBeGreaterThan(0.7);
  });

  it('carries the furthest of its step events (decision 012), none before the report or after the demo’s today', async () => {
    const cases = await rows<{ id: string; reported_on: string; status: CaseStatus; status_on: string }>(
      sql`select d.id, d.reported_on::text, d.status, d.status_on::text from ${demo()} d`,
    );
    const events = await rows<{ case_id: string; status: CaseStatus; occurred_on: string }>(sql`
      select e.case_id, e.status, e.occurred_on::text from ${demo()} d join case_status_events e on e.case_id = d.id
      order by e.case_id, e.occurred_on, e.status`);
    const byCase = new Map<string, { status: CaseStatus; occurredOn: string }[]>();
    for (const e of events)
      byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), { status: e.status, occurredOn: e.occurred_on }]);
    for (const c of cases) {
      const steps = byCase.get(c.id) ?? [];
      expect(steps[0]).toEqual({ status: 'reported', occurredOn: c.reported_on });
      const furthest = caseStepOf(steps);
      expect([c.status, c.status_on]).toEqual([furthest.status, furthest.occurredOn]);
      expect(steps.every((s) => s.occurredOn >= c.reported_on && s.occurredOn <= DEMO_TODAY)).toBe(true);
    }
  });

  it('gives perpetrators realistic outcomes: sex purchase mostly penalty orders with fines, trafficking rarely a conviction', async () => {
    const outcomes = await counts(sql`
      select (case when exists (select 1 from case_offences o where o.case_id = d.id and o.offence <> 'sex_purchase')
                   then 'other' else 'sex_purchase' end) || '/' || s.step || '/' || coalesce(s.sanction::text, '-') as k,
             count(*)::int as n
      from ${demo()} d join perpetrator_steps s on s.case_id = d.id group by 1`);
    const sum = (prefix: string) =>
      Object.entries(outcomes)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((a, [, n]) => a + n, 0);
    // Of the sex-purchase convictions (orders and judgments), most are penalty orders, most of them fines.
    const orders = sum('sex_purchase/penalty_order/');
    expect(orders / (orders + sum('sex_purchase/convicted/'))).toBeGreaterThan(0.7);
    expect((outcomes['sex_purchase/penalty_order/fine'] ?? 0) / orders).toBeGreaterThan(0.8);
    // Trafficking: far more persons' investigations discontinued than persons convicted.
    const trafficking = await counts(sql`
      select s.step as k, count(*)::int as n from ${demo()} d join perpetrator_steps s on s.case_id = d.id
      where exists (select 1 from case_offences o where o.case_id = d.id and o.offence = 'trafficking_sexual')
      group by 1`);
    expect(trafficking.convicted!).toBeGreaterThan(0);
    expect(trafficking.discontinued!).toBeGreaterThan(2 * trafficking.convicted!);
    expect(trafficking.acquitted!).toBeGreaterThan(0);
    // Prison sentences carry a band; sanctions only where the step has one.
    const [bad] = await rows<{ n: number }>(sql`
      select count(*)::int as n from ${demo()} d join perpetrator_steps s on s.case_id = d.id
      where (s.sanction = 'prison') <> (s.prison_band is not null) or s.sanction = 'unknown'`);
    expect(bad!.n).toBe(0);
  });

  it('numbers references per county and year in report-date order, and the counters continue from the last', async () => {
    const refs = await rows<{ reference: string; county_code: string; letter: string; reported_on: string }>(sql`
      select d.reference, d.county_code, k.letter, d.reported_on::text from ${demo()} d join counties k on k.code = d.county_code`);
    expect(new Set(refs.map((r) => r.reference)).size).toBe(refs.length);
    const groups = new Map<string, { n: number; reported_on: string }[]>();
    for (const r of refs) {
      const match = /^([A-Z]{1,2})-(\d{4})-(\d{4,})$/.exec(r.reference);
      expect(match, r.reference).not.toBeNull();
      expect(match![1]).toBe(r.letter);
      expect(match![2]).toBe(r.reported_on.slice(0, 4));
      const key = `${r.county_code}-${match![2]}`;
      groups.set(key, [...(groups.get(key) ?? []), { n: Number(match![3]), reported_on: r.reported_on }]);
    }
    const counters = new Map(
      (
        await rows<{ county_code: string; year: number; last_number: number }>(
          sql`select county_code, year, last_number from case_reference_counters`,
        )
      ).map((c) => [`${c.county_code}-${c.year}`, Number(c.last_number)]),
    );
    for (const [key, list] of groups) {
      list.sort((a, b) => a.n - b.n);
      // One unbroken run of numbers, in report-date order.
      expect(list[list.length - 1]!.n - list[0]!.n + 1).toBe(list.length);
      for (let i = 1; i < list.length; i++) expect(list[i]!.reported_on >= list[i - 1]!.reported_on).toBe(true);
      expect(counters.get(key)).toBeGreaterThanOrEqual(list[list.length - 1]!.n);
    }
    // No case anywhere holds a number the counters would hand out next.
    const [ahead] = await rows<{ n: number }>(sql`
      select count(*)::int as n from cases c join counties k on k.code = c.county_code
      join case_reference_counters r on r.county_code = c.county_code and c.reference like k.letter || '-' || r.year || '-%'
      where split_part(c.reference, '-', 3)::int > r.last_number`);
    expect(ahead!.n).toBe(0);
  });

  it('writes notes as short generic sentences without numbers or contact details', async () => {
    const notes = await rows<{ note: string }>(sql`
      select d.notes as note from ${demo()} d where d.notes is not null
      union select e.note from ${demo()} d join case_status_events e on e.case_id = d.id where e.note is not null`);
    expect(notes.length).toBeGreaterThan(0);
    for (const { note } of notes) expect(note).toMatch(/^[A-ZÅÄÖa-zåäö ,.]{5,80}$/);
  });

  it('generates the same data every time', () => {
    const first = generateDemoCases();
    const second = generateDemoCases();
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('does nothing the second time', async () => {
    const [before] = await rows<{ n: number }>(sql`select count(*)::int as n from ${demo()} d`);
    expect(await seedDemoCases(db, creator)).toBe(0);
    const [after] = await rows<{ n: number }>(sql`select count(*)::int as n from ${demo()} d`);
    expect(after!.n).toBe(before!.n);
    expect(before!.n).toBe(inserted);
  });
});

describe('synthetic volume (npm run db:synth)', () => {
  it('generates exactly the number asked for, in report-date order, the same for the same seed', () => {
    const options = { seed: 42, counties: demoCounties(), total: 3001 };
    const first = [...generateCases(options)];
    expect(first).toHaveLength(3001);
    expect(plannedCaseCount(options)).toBe(3001);
    for (let i = 1; i < first.length; i++) expect(first[i]!.reportedOn >= first[i - 1]!.reportedOn).toBe(true);
    expect(first[first.length - 1]!.reportedOn <= DEMO_TODAY).toBe(true);
    expect([...generateCases(options)]).toEqual(first);
    expect([...generateCases({ ...options, seed: 43 })]).not.toEqual(first);
  });
});
