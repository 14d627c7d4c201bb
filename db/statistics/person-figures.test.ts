import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { recordPerpetratorSteps } from '@/db/queries/cases/justice';
import { createCase, deleteCase, restoreCase, updateCase } from '@/db/queries/cases/register';
import { rowsOf } from '@/db/rows';
import { demoCounties } from '@/db/seed/demo-cases';
import { generateCases } from '@/db/synth/generate';
import { insertCases } from '@/db/synth/insert';
import { makeUser, releaseNow } from '@/db/test/helpers';
import { AGE_BANDS, OFFENCES, ORIGIN_REGIONS, SEXES, type Offence } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { yearPeriod, type Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import {
  CaseEditSchema,
  CaseSchema,
  PerpetratorStepSchema,
  type CaseInput,
  type PartyInput,
} from '@/lib/schemas/cases';
import type { Count } from '@/lib/statistics/figures';
import { getDashboard, type Dashboard } from './dashboard';
import { PERSON_STATUSES } from './measures';
import { personRollupDifferences } from './rollup-check';

// Persons by legal status (decision 014). This file owns Västernorrland (22) and Värmland (17)
// for cases reported 2001–2002: no other test writes there. The checks over whole rollup tables
// compare with a GROUP BY over all rows, whoever wrote them.

const TODAY = '2026-11-27';
const A = '22';
const B = '17';

const victim = (sex: string): PartyInput =>
  ({
    role: 'victim',
    sex,
    ageBand: '21_25',
    originRegion: 'eu_east',
    citizenship: '',
    plaintiffStatus: 'yes',
    residencePermit: 'not_relevant',
    support: ['counselling'],
  }) as PartyInput;
const perpetrator = (
  sex: string,
  perpetratorRole = 'exploiter',
  ageBand = '36_50',
  originRegion = 'sweden',
): PartyInput => ({ role: 'perpetrator', sex, ageBand, originRegion, citizenship: '', perpetratorRole }) as PartyInput;

function form(overrides: Partial<CaseInput>): CaseInput {
  return {
    countyCode: A,
    reportedOn: '2001-01-01',
    reportingBody: 'police',
    policeReportNumber: '',
    offences: ['sex_purchase'],
    arena: 'apartment',
    onlinePlatform: 'unknown',
    crossBorder: 'unknown',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_3',
    controlMethods: [],
    notes: '',
    parties: [],
    ...overrides,
  };
}

/** One step for some of the case's perpetrators (by position among them). */
async function personStep(
  actor: Actor,
  id: string,
  who: number[],
  step: string,
  occurredOn: string,
  offences: Offence[] = [],
  sanction = '',
) {
  const detail = await getCaseForActor(actor, id);
  await recordPerpetratorSteps(
    actor,
    PerpetratorStepSchema.parse({
      id,
      version: String(detail.version),
      partyIds: who.map((i) => detail.perpetratorPaths[i]!.partyId),
      step,
      occurredOn,
      offences,
      sanction,
    }),
  );
}

const v = (c: Count) => (c.suppressed ? 'hidden' : c.value);
const byStatus = (d: Dashboard) => Object.fromEntries(d.persons.map((p) => [p.status, v(p.current)]));

let national: Actor;
let analyst: Actor;
let coordinatorA: Actor;
let coordinatorB: Actor;

beforeAll(async () => {
  [national, analyst, coordinatorA, coordinatorB] = await Promise.all([
    makeUser('national_coordinator'),
    makeUser('national_analyst'),
    makeUser('county_coordinator', A),
    makeUser('county_coordinator', B),
  ]);
  const db = await getDb();
  await db.execute(
    sql`delete from cases where county_code in (${A}, ${B}) and reported_on between '2001-01-01' and '2002-12-31'`,
  );
  // Hand-computable: a trafficking case with two perpetrators, one convicted and one acquitted a
  // year later, and a sex-purchase case whose buyer accepted a summary penalty order.
  const trafficking = await createCase(
    coordinatorA,
    CaseSchema.parse(
      form({
        reportedOn: '2001-03-01',
        offences: ['trafficking_sexual', 'procuring_gross'],
        parties: [victim('woman'), perpetrator('man'), perpetrator('woman', 'recruiter')],
      }),
    ),
  );
  await personStep(coordinatorA, trafficking.id, [0, 1], 'prosecuted', '2001-06-01', ['trafficking_sexual']);
  await personStep(coordinatorA, trafficking.id, [0], 'convicted', '2002-02-01', ['trafficking_sexual'], 'probation');
  await personStep(coordinatorA, trafficking.id, [1], 'acquitted', '2002-03-03', ['trafficking_sexual']);
  const purchase = await createCase(
    coordinatorA,
    CaseSchema.parse(form({ reportedOn: '2001-05-01', parties: [perpetrator('man', 'buyer')] })),
  );
  await personStep(coordinatorA, purchase.id, [0], 'penalty_order', '2001-07-01', ['sex_purchase'], 'fine');
});

describe('persons by legal status on the dashboard', () => {
  it('counts each perpetrator in the year of each step: suspected in the year of the report', async () => {
    const d2001 = await getDashboard(coordinatorA, { county: A, period: yearPeriod(2001), today: TODAY });
    expect(byStatus(d2001)).toMatchObject({
      suspected: 3,
      prosecuted: 2,
      penalty_order: 1,
      convicted: 0,
      acquitted: 0,
    });
    const d2002 = await getDashboard(coordinatorA, { county: A, period: yearPeriod(2002), today: TODAY });
    expect(byStatus(d2002)).toMatchObject({ suspected: 0, prosecuted: 0, convicted: 1, acquitted: 1 });
    expect(d2002.persons.find((p) => p.status === 'convicted')!.previous.value).toBe(0);
  });

  it('breaks them down by sex and by the offences the step names', async () => {
    const d = await getDashboard(coordinatorA, { county: A, period: yearPeriod(2001), today: TODAY });
    const suspected = d.persons.find((p) => p.status === 'suspected')!;
    expect(Object.fromEntries(suspected.bySex.map((r) => [r.key, v(r.current)]))).toMatchObject({ man: 2, woman: 1 });
    // Suspected carry the case's offences; a prosecution the ones it names.
    expect(Object.fromEntries(suspected.byOffence.map((r) => [r.key, v(r.current)]))).toMatchObject({
      trafficking_sexual: 2,
      procuring_gross: 2,
      sex_purchase: 1,
    });
    const prosecuted = d.persons.find((p) => p.status === 'prosecuted')!;
    expect(Object.fromEntries(prosecuted.byOffence.map((r) => [r.key, v(r.current)]))).toMatchObject({
      trafficking_sexual: 2,
      procuring_gross: 0,
    });
  });

  it('gives the median days from each person’s step before (the report for a first step)', async () => {
    const d2001 = await getDashboard(coordinatorA, { county: A, period: yearPeriod(2001), today: TODAY });
    const median = (d: Dashboard, s: string) => d.persons.find((p) => p.status === s)!.medianDays.current.value;
    expect(median(d2001, 'prosecuted')).toBe(92); // 1 March → 1 June
    expect(median(d2001, 'penalty_order')).toBe(61); // 1 May → 1 July
    expect(median(d2001, 'suspected')).toBeNull();
    const d2002 = await getDashboard(coordinatorA, { county: A, period: yearPeriod(2002), today: TODAY });
    expect(median(d2002, 'convicted')).toBe(245); // 1 June 2001 → 1 February 2002
    expect(median(d2002, 'acquitted')).toBe(275);
  });

  it('hides small person counts from viewers outside the county, and the medians taken over them', async () => {
    await releaseNow(2001, TODAY);
    const d = await getDashboard(analyst, { county: A, period: yearPeriod(2001), today: TODAY });
    expect(d.access).toBe('suppressed');
    const prosecuted = d.persons.find((p) => p.status === 'prosecuted')!;
    expect(prosecuted.current.suppressed).toBe(true);
    expect(prosecuted.medianDays.current.suppressed).toBe(true);
    for (const p of d.persons) {
      for (const c of [p.current, ...p.bySex.map((r) => r.current), ...p.byOffence.map((r) => r.current)])
        if (!c.suppressed) expect(c.value === 0 || c.value! >= d.threshold).toBe(true);
    }
    // The suspected are the perpetrators of the cases reported: hidden together.
    const suspected = d.persons.find((p) => p.status === 'suspected')!;
    expect(suspected.current.suppressed).toBe(d.headline.perpetrators.current.suppressed);
  });
});

// ── The person rollups always equal a GROUP BY over the rows ─────────────────────────────────

/** Rows of the rollup tables that differ from a GROUP BY over the persons' steps and the cases' perpetrators. */
const differences = personRollupDifferences;

const NONE = {
  stat_person_days: 0,
  stat_person_months: 0,
  stat_person_years: 0,
  stat_person_step_years: 0,
  stat_person_pending: 0,
};

/** Persons per status of a period in some counties, from the rows (the dashboard's raw twin). */
async function rawPersons(counties: readonly string[], period: Period) {
  const db = await getDb();
  const list = sql.join(
    counties.map((c) => sql`${c}`),
    sql`, `,
  );
  const rows = rowsOf<{ status: string; n: number; median: number | null }>(
    await db.execute(sql`
      select 'suspected' as status, count(*)::int as n, null as median from case_parties p join cases c on c.id = p.case_id
      where c.deleted_at is null and p.role = 'perpetrator' and c.county_code in (${list}) and c.reported_on between ${period.from}::date and ${period.to}::date
      union all
      select s.step::text, count(*)::int,
        percentile_cont(0.5) within group (order by s.occurred_on - case
          when s.step in ('convicted', 'acquitted') then (select x.occurred_on from perpetrator_steps x where x.party_id = s.party_id and x.step = 'prosecuted')
          when s.step in ('convicted_on_appeal', 'acquitted_on_appeal') then (select x.occurred_on from perpetrator_steps x where x.party_id = s.party_id and x.step in ('convicted', 'acquitted'))
          else c.reported_on end)
      from perpetrator_steps s join cases c on c.id = s.case_id
      where c.deleted_at is null and c.county_code in (${list}) and s.occurred_on between ${period.from}::date and ${period.to}::date
      group by 1`),
  );
  return Object.fromEntries(
    PERSON_STATUSES.map((s) => {
      const r = rows.find((x) => x.status === s);
      return [s, { n: r?.n ?? 0, median: r?.median === null || r?.median === undefined ? null : Number(r.median) }];
    }),
  );
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the person rollups always equal a GROUP BY over the rows', () => {
  it('after random registrations, edits, persons’ steps, deletions and restorations', async () => {
    const random = rng(2001);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const day = (year: number) =>
      `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const parties = (): PartyInput[] =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        random() < 0.3
          ? victim(pick(SEXES))
          : perpetrator(pick(SEXES), pick(['exploiter', 'buyer', 'recruiter']), pick(AGE_BANDS), pick(ORIGIN_REGIONS)),
      );
    const randomCase = (): Partial<CaseInput> => ({
      countyCode: pick([A, B]),
      reportedOn: day(pick([2001, 2002])),
      offences: [...new Set([pick(OFFENCES), ...(random() < 0.3 ? [pick(OFFENCES)] : [])])],
      parties: parties(),
    });
    const coordinators: Record<string, Actor> = { [A]: coordinatorA, [B]: coordinatorB };
    const ids: string[] = [];
    let stepsRecorded = 0;
    for (let i = 0; i < 25; i++) {
      const c = randomCase();
      ids.push((await createCase(coordinators[c.countyCode!]!, CaseSchema.parse(form(c)))).id);
    }
    for (let i = 0; i < 90; i++) {
      const id = pick(ids);
      const detail = await getCaseForActor(national, id).catch(() => null);
      if (!detail) continue;
      const actor = coordinators[detail.county.code]!;
      const action = random();
      if (detail.deletedAt) {
        await restoreCase(actor, { id });
      } else if (
        action < 0.5 &&
        detail.mayRecordPersonSteps &&
        detail.perpetratorPaths.some((p) => p.next.length > 0)
      ) {
        // Several persons at once where they stand at the same step, else one.
        const path = pick(detail.perpetratorPaths.filter((p) => p.next.length > 0));
        const next = pick(path.next);
        const together = detail.perpetratorPaths.filter((p) => p.next.includes(next) && random() < 0.5);
        const persons = [...new Set([path, ...together])];
        const latestOn = [detail.reportedOn, ...persons.flatMap((p) => p.steps.map((s) => s.occurredOn))]
          .sort()
          .at(-1)!;
        const later = `2003-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
        await recordPerpetratorSteps(
          actor,
          PerpetratorStepSchema.parse({
            id,
            version: String(detail.version),
            partyIds: persons.map((p) => p.partyId),
            step: next,
            occurredOn: latestOn < later && random() < 0.7 ? later : latestOn,
            offences: ['discontinued', 'prosecution_waived'].includes(next) ? [] : [pick(detail.offences)],
            sanction:
              next === 'penalty_order' || next.startsWith('convicted') ? pick(['fine', 'conditional_sentence']) : '',
          }),
        );
        stepsRecorded += persons.length;
      } else if (action < 0.8) {
        const changed = randomCase();
        const reportedOn = detail.statusEvents.length > 1 ? detail.reportedOn : changed.reportedOn;
        // Keep the persons (ids and all) half the time, so that a sex or an offence changes under their steps.
        const keep = random() < 0.5;
        await updateCase(
          actor,
          CaseEditSchema.parse({
            ...form({
              ...changed,
              countyCode: detail.county.code,
              reportedOn,
              ...(keep
                ? { offences: [...new Set([...detail.offences, ...((changed.offences ?? []) as Offence[])])] }
                : {}),
            }),
            ...(keep
              ? {
                  parties: detail.parties.map((p) => ({
                    ...p,
                    sex: p.role === 'perpetrator' && random() < 0.5 ? pick(SEXES) : p.sex,
                    citizenship: p.citizenship ?? '',
                  })),
                }
              : {}),
            id,
            version: String(detail.version),
          }),
        ).catch((error: unknown) => {
          if (!(error instanceof AppError && error.code === 'invalid')) throw error;
        });
      } else {
        await deleteCase(actor, { id, version: detail.version });
      }
    }
    // The writes reached the persons' paths (a test that never recorded a step could not fail).
    expect(stepsRecorded).toBeGreaterThan(20);
    const db = await getDb();
    expect(await differences(db)).toEqual(NONE);
    for (const [counties, period] of [
      [[A], yearPeriod(2002)],
      [[B], yearPeriod(2003)],
      [[A], { kind: 'custom', from: '2001-03-14', to: '2003-08-20' }],
    ] as [string[], Period][]) {
      const d = await getDashboard(national, { county: counties[0]!, period, today: TODAY });
      const raw = await rawPersons(counties, period);
      for (const p of d.persons) {
        expect([p.status, p.current.value]).toEqual([p.status, raw[p.status]!.n]);
        if (p.status !== 'suspected')
          expect([p.status, p.medianDays.current.value]).toEqual([p.status, raw[p.status]!.median]);
      }
    }
  }, 180_000);

  it('after a bulk load of generated cases with their persons’ paths (db:synth’s statement), in its transaction', async () => {
    const db = await getDb();
    const creator = await makeUser('admin');
    const rollback = new Error('rollback');
    await db
      .transaction(async (tx) => {
        const batch = [
          ...generateCases({ seed: 7, counties: demoCounties(), from: '2015-01-01', to: '2016-12-31', total: 400 }),
        ];
        const inserted = await insertCases(tx, batch, { createdBy: creator.id });
        expect(inserted.steps).toBeGreaterThan(0);
        // The rollups are applied at commit: run the deferred work now to look at them.
        await tx.execute(sql`set constraints all immediate`);
        expect(await differences(tx)).toEqual(NONE);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(await differences(db)).toEqual(NONE);
  }, 120_000);
});

// ── Concurrent writers in one county ─────────────────────────────────────────────────────────

describe.skipIf(!process.env.DATABASE_URL)('concurrent writers in one county (PostgreSQL)', () => {
  /**
   * Two coordinators each correct the offences of two steps of their own case, in opposite
   * orders: the prosecution's (June) and the conviction's (September) keys of both cases are
   * the same rollup rows. Applied per statement, each would hold one month's rows and wait for
   * the other's: a deadlock. Applied at commit in key order (decision 014), both go through.
   */
  async function correctInOppositeOrders(immediate: boolean): Promise<PromiseSettledResult<unknown>[]> {
    const db = await getDb();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await createCase(
        coordinatorA,
        CaseSchema.parse(
          form({
            reportedOn: '2002-04-02',
            offences: ['trafficking_sexual', 'procuring_gross'],
            parties: [perpetrator('man')],
          }),
        ),
      );
      await personStep(coordinatorA, id, [0], 'prosecuted', '2002-06-10', ['trafficking_sexual']);
      await personStep(coordinatorA, id, [0], 'convicted', '2002-09-10', ['trafficking_sexual'], 'fine');
      ids.push(id);
    }
    const stepOf = async (caseId: string, step: string) =>
      rowsOf<{ id: string }>(
        await db.execute(sql`select id from perpetrator_steps where case_id = ${caseId} and step = ${step}`),
      )[0]!.id;
    const order = [
      [await stepOf(ids[0]!, 'prosecuted'), await stepOf(ids[0]!, 'convicted')],
      [await stepOf(ids[1]!, 'convicted'), await stepOf(ids[1]!, 'prosecuted')],
    ];
    const { default: postgres } = await import('postgres');
    const client = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    try {
      const [one, two] = await Promise.all([client.reserve(), client.reserve()]);
      const writers = [one, two];
      for (const w of writers) {
        await w`begin`;
        if (immediate) await w`set constraints stat_case_pending_apply immediate`;
      }
      const add = (w: (typeof writers)[number], step: string) =>
        w`insert into perpetrator_step_offences (step_id, offence) values (${step}, 'procuring_gross')`;
      await add(one, order[0]![0]!);
      await add(two, order[1]![0]!);
      const results = await Promise.allSettled(
        writers.map(async (w, i) => {
          try {
            await add(w, order[i]![1]!);
            await w`commit`;
          } catch (error) {
            await w`rollback`;
            throw error;
          }
        }),
      );
      one.release();
      two.release();
      return results;
    } finally {
      await client.end();
    }
  }

  it('never deadlock on the person rollups, and the rollups equal a GROUP BY afterwards', async () => {
    const results = await correctInOppositeOrders(false);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await differences(await getDb())).toEqual(NONE);
  }, 60_000);

  it('would deadlock if the sums were applied statement by statement (the test can fail)', async () => {
    const results = await correctInOppositeOrders(true);
    const codes = results.map((r) => (r.status === 'rejected' ? String((r.reason as { code?: string }).code) : 'ok'));
    expect(codes.sort()).toEqual(['40P01', 'ok']);
    expect(await differences(await getDb())).toEqual(NONE);
  }, 60_000);
});
