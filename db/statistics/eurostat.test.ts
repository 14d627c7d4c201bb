import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { rowsOf } from '@/db/rows';
import { demoCounties } from '@/db/seed/demo-cases';
import { generateCases } from '@/db/synth/generate';
import { insertCases } from '@/db/synth/insert';
import { makeUser, releaseNow } from '@/db/test/helpers';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { EUROSTAT_CODE_LISTS, sdmxCsv, type EurostatObservation } from './eurostat';
import { getEurostatTables, getSwedishOffenceTable, SWEDISH_TABLE_OFFENCES } from './exports';

// Eurostat crim_thb against the register's own rows (this file owns 2004): the truth below is SQL
// over the parties and the persons' steps of the trafficking cases, written from the definitions in
// docs/statistics-mapping.md, with no rollup, fact or function of the app.

const YEAR = 2004;
const TODAY = '2026-12-04';
const period = { kind: 'year', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` } as const;

let national: Actor;
let analyst: Actor;

/** Trafficking offences: BrB 4 kap. 1 a §. */
const THB = sql`('trafficking_sexual', 'trafficking_other')`;
const EU = sql`('AT','BE','BG','CY','CZ','DE','DK','EE','ES','FI','FR','GR','HR','HU','IE','IT','LT','LU','LV','MT','NL','PL','PT','RO','SI','SK')`;

/** Whether a step of person s (alias s) names a trafficking offence, or names none in a trafficking case. */
const STEP_IS_THB = sql`(exists (select 1 from perpetrator_step_offences so where so.step_id = s.id and so.offence in ${THB})
  or (not exists (select 1 from perpetrator_step_offences so where so.step_id = s.id)
      and exists (select 1 from case_offences o where o.case_id = s.case_id and o.offence in ${THB})))`;

async function truth(): Promise<Map<string, number>> {
  const db = await getDb();
  const rows = rowsOf<{ k: string; n: number }>(
    await db.execute(sql`
      with victims as (
        select p.* from case_parties p join cases c on c.id = p.case_id
        where c.deleted_at is null and p.role = 'victim' and extract(year from c.reported_on) = ${YEAR}
          and exists (select 1 from case_offences o where o.case_id = c.id and o.offence in ${THB})
      ), suspects as (
        select p.* from case_parties p join cases c on c.id = p.case_id
        where c.deleted_at is null and p.role = 'perpetrator' and extract(year from c.reported_on) = ${YEAR}
          and exists (select 1 from case_offences o where o.case_id = c.id and o.offence in ${THB})
      ), steps as (
        select s.*, p.sex from perpetrator_steps s join case_parties p on p.id = s.party_id join cases c on c.id = s.case_id
        where c.deleted_at is null and extract(year from s.occurred_on) = ${YEAR} and ${STEP_IS_THB}
      ), first_judgments as (
        select s.party_id from perpetrator_steps s where s.step = 'convicted' and ${STEP_IS_THB}
      )
      select 'PER_VICT.' || sex as k, count(*)::int as n from victims group by sex
      union all select 'PER_VICT', count(*)::int from victims
      union all select 'PER_VICT.cit.' || (case
          when citizenship = 'SE' then 'NAT' when citizenship in ${EU} then 'EU27_2020_FOR' when citizenship is not null then 'NEU27_2020_FOR'
          when origin_region = 'sweden' then 'NAT' when origin_region in ('eu_east', 'eu_west') then 'EU27_2020_FOR'
          when origin_region in ('europe_east_non_eu', 'west_africa', 'africa_other', 'middle_east', 'asia', 'latin_america') then 'NEU27_2020_FOR'
          else 'UNK' end), count(*)::int from victims group by 1
      union all select 'PER_VICT.age.' || (case when age_band in ('0_14', '15_17') then 'Y_LT18' when age_band = 'unknown' then 'UNK' else 'Y_GE18' end), count(*)::int
        from victims group by 1
      union all select 'PER_SUSP.' || sex, count(*)::int from suspects group by sex
      union all select 'PER_SUSP', count(*)::int from suspects
      union all select 'PER_PRSC.' || sex, count(*)::int from steps where step = 'prosecuted' group by sex
      union all select 'PER_PRSC', count(*)::int from steps where step = 'prosecuted'
      union all select 'PER_CNV.' || sex, count(*)::int from steps
        where step = 'convicted' or (step = 'convicted_on_appeal' and party_id not in (select party_id from first_judgments)) group by sex
      union all select 'PER_CNV', count(*)::int from steps
        where step = 'convicted' or (step = 'convicted_on_appeal' and party_id not in (select party_id from first_judgments))`),
  );
  return new Map(rows.map((r) => [r.k, r.n]));
}

const SEX_OF: Record<string, string> = { F: 'woman', M: 'man', UNK: 'unknown' };

/** The truth's key of an observation. */
function keyOf(o: EurostatObservation): string {
  if (o.sex !== 'T') return `${o.leg_stat}.${SEX_OF[o.sex]}`;
  if (o.citizen !== 'TOTAL') return `${o.leg_stat}.cit.${o.citizen}`;
  if (o.age !== 'TOTAL') return `${o.leg_stat}.age.${o.age}`;
  return o.leg_stat;
}

beforeAll(async () => {
  const db = await getDb();
  await db.execute(sql`delete from cases where reported_on between '2004-01-01' and '2004-12-31'`);
  const creator = await makeUser('admin');
  const batch = [
    ...generateCases({ seed: 2004, counties: demoCounties(), from: '2004-01-01', to: '2004-12-31', total: 3000 }),
  ];
  await db.transaction((tx) => insertCases(tx, batch, { createdBy: creator.id }));
  [national, analyst] = await Promise.all([makeUser('national_coordinator'), makeUser('national_analyst')]);
}, 120_000);

describe('Eurostat crim_thb', () => {
  it('counts trafficking victims and the persons suspected, prosecuted and convicted of trafficking, as SQL over the rows does', async () => {
    const { access, observations } = await getEurostatTables(national, { period, today: TODAY });
    expect(access).toBe('full');
    const expected = await truth();
    // The data reach every legal status (a test over zeros could not fail).
    for (const k of ['PER_VICT', 'PER_SUSP', 'PER_PRSC', 'PER_CNV']) expect(expected.get(k), k).toBeGreaterThan(0);
    expect(observations.map((o) => [keyOf(o), o.count.value])).toEqual(
      observations.map((o) => [keyOf(o), expected.get(keyOf(o)) ?? 0]),
    );
    // Fewer than all the register's victims: procuring and sex purchase are other offences.
    const all = rowsOf<{ n: number }>(
      await (
        await getDb()
      ).execute(
        sql`select count(*)::int as n from case_parties p join cases c on c.id = p.case_id where c.deleted_at is null and p.role = 'victim' and extract(year from c.reported_on) = ${YEAR}`,
      ),
    )[0]!.n;
    expect(expected.get('PER_VICT')!).toBeLessThan(all);
  });

  it('uses only the committed, cited code lists, one year per observation, every legal status with its total', async () => {
    const { observations } = await getEurostatTables(national, { period, today: TODAY });
    const lists = EUROSTAT_CODE_LISTS;
    for (const o of observations) {
      expect(Object.keys(lists.leg_stat.codes)).toContain(o.leg_stat);
      expect(Object.keys(lists.sex.codes)).toContain(o.sex);
      expect(Object.keys(lists.citizen.codes)).toContain(o.citizen);
      expect(Object.keys(lists.age.codes)).toContain(o.age);
      expect(o.year).toBe(YEAR);
    }
    for (const list of Object.values(lists)) if (typeof list === 'object') expect(list.source).toMatch(/\S{20}/);
    const csv = sdmxCsv(observations).split('\r\n');
    expect(csv[0]).toBe('freq,unit,leg_stat,sex,citizen,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG');
    expect(csv).toContain(
      `A,NR,PER_VICT,T,TOTAL,TOTAL,SE,${YEAR},${observations.find((o) => o.leg_stat === 'PER_VICT' && o.sex === 'T' && o.citizen === 'TOTAL' && o.age === 'TOTAL')!.count.value},`,
    );
  });

  it('gives everyone else the release, a hidden value empty with the flag c; refuses a period other than whole years', async () => {
    await releaseNow(YEAR, TODAY);
    const { access, observations } = await getEurostatTables(analyst, { period, today: TODAY });
    expect(access).toBe('suppressed');
    const expected = await truth();
    for (const o of observations)
      if (!o.count.suppressed) expect([keyOf(o), o.count.value]).toEqual([keyOf(o), expected.get(keyOf(o)) ?? 0]);
    const line = sdmxCsv([
      { ...observations[0]!, count: { value: null, suppressed: true, reason: 'protected' } },
    ]).split('\r\n')[1];
    expect(line).toMatch(/,SE,2004,,c$/);
    await expect(
      getEurostatTables(national, { period: { kind: 'custom', from: '2004-02-01', to: '2004-12-31' }, today: TODAY }),
    ).rejects.toThrow(AppError);
  });

  it('gives the Swedish national table of the other offences: cases and persons at each step, as SQL over the rows does', async () => {
    const { rows } = await getSwedishOffenceTable(national, { period, today: TODAY });
    const db = await getDb();
    const raw = rowsOf<{ offence: string; figure: string; n: number }>(
      await db.execute(sql`
        select o.offence::text as offence, 'cases' as figure, count(*)::int as n
        from cases c join case_offences o on o.case_id = c.id
        where c.deleted_at is null and extract(year from c.reported_on) = ${YEAR} group by 1
        union all
        select o.offence::text, 'suspected', count(*)::int
        from case_parties p join cases c on c.id = p.case_id join case_offences o on o.case_id = c.id
        where c.deleted_at is null and p.role = 'perpetrator' and extract(year from c.reported_on) = ${YEAR} group by 1
        union all
        select x.offence::text, s.step::text, count(*)::int
        from perpetrator_steps s join cases c on c.id = s.case_id
        cross join lateral (
          select so.offence from perpetrator_step_offences so where so.step_id = s.id
          union
          select o.offence from case_offences o where o.case_id = s.case_id
            and not exists (select 1 from perpetrator_step_offences so where so.step_id = s.id)
        ) x
        where c.deleted_at is null and extract(year from s.occurred_on) = ${YEAR} group by 1, 2`),
    );
    const truthOf = (offence: string, figure: string) =>
      raw.find((r) => r.offence === offence && r.figure === figure)?.n ?? 0;
    expect(new Set(rows.map((r) => r.offence))).toEqual(new Set(SWEDISH_TABLE_OFFENCES));
    expect(rows.map((r) => [r.offence, r.figure, r.count.value])).toEqual(
      rows.map((r) => [r.offence, r.figure, truthOf(r.offence, r.figure)]),
    );
    // The data reach the steps (a table of zeros could not fail).
    expect(rows.filter((r) => r.figure === 'prosecuted').some((r) => (r.count.value ?? 0) > 0)).toBe(true);
  });
});
