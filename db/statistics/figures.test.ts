import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CaseEditSchema,
  CaseSchema,
  PerpetratorStepSchema,
  StatusStepSchema,
  type CaseInput,
  type PartyInput,
} from '@/lib/schemas/cases';
import {
  AGE_BANDS,
  COERCION_DEGREES,
  CRIME_ESTABLISHED,
  OFFENCES,
  ORIGIN_REGIONS,
  REPORTING_BODIES,
  SEXES,
  type Offence,
} from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { getDb } from '@/db';
import type { Actor } from '@/lib/policy';
import { quarterPeriod, yearPeriod, type Period } from '@/lib/periods';
import { makeUser, releaseNow } from '@/db/test/helpers';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { createCase, deleteCase, restoreCase, updateCase } from '@/db/queries/cases/register';
import { recordStatusStep } from '@/db/queries/cases/status';
import { recordPerpetratorSteps } from '@/db/queries/cases/justice';
import type { Count } from '@/lib/statistics/figures';
import { getDashboard, type Dashboard } from './dashboard';
import { getEurostatTables, getHtcdsExport } from './exports';
import { getNationalOverview } from './overview';
import { rowsOf } from '@/db/rows';
import { caseRollupDifferences } from './rollup-check';

// This file owns Gävleborg (21) and Jämtland (23) for 1995–1996: no other test writes there,
// so the figures of those counties and years are exactly what the tests below register. Checks
// over the whole database compare with a GROUP BY over all rows, whoever wrote them.

const TODAY = '2026-11-27';
const Y = '23';
const OTHER = '21';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${error.message}`;
    throw error;
  }
}

const victim = (sex: string, ageBand: string, originRegion: string, citizenship = ''): PartyInput =>
  ({
    role: 'victim',
    sex,
    ageBand,
    originRegion,
    citizenship,
    plaintiffStatus: 'yes',
    residencePermit: 'not_relevant',
    support: ['counselling'],
  }) as PartyInput;
const perpetrator = (sex: string, ageBand: string, originRegion: string, citizenship = ''): PartyInput =>
  ({ role: 'perpetrator', sex, ageBand, originRegion, citizenship, perpetratorRole: 'exploiter' }) as PartyInput;

function form(overrides: Partial<CaseInput>): CaseInput {
  return {
    countyCode: Y,
    reportedOn: '1996-01-01',
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

async function register(actor: Actor, overrides: Partial<CaseInput>, steps: [string, string][] = []): Promise<string> {
  const { id } = await createCase(actor, CaseSchema.parse(form(overrides)));
  for (const [status, occurredOn] of steps) await step(actor, id, status, occurredOn);
  return id;
}

/**
 * A step of the case's pipeline. Since decision 012 a prosecution, judgment or discontinuation of
 * a case with perpetrators is each person's: recorded here for all of them, for all the offences.
 */
async function step(actor: Actor, id: string, status: string, occurredOn: string) {
  const detail = await getCaseForActor(actor, id);
  if (detail.perpetratorPaths.length > 0 && ['discontinued', 'prosecuted', 'convicted', 'acquitted'].includes(status)) {
    await recordPerpetratorSteps(
      actor,
      PerpetratorStepSchema.parse({
        id,
        version: String(detail.version),
        partyIds: detail.perpetratorPaths.map((p) => p.partyId),
        step: status,
        occurredOn,
        offences: status === 'discontinued' ? [] : detail.offences,
        sanction: status === 'convicted' ? 'fine' : '',
      }),
    );
    return;
  }
  await recordStatusStep(
    actor,
    StatusStepSchema.parse({ id, version: String(detail.version), status, occurredOn, note: '' }),
  );
}

const v = (c: Count) => (c.suppressed ? 'hidden' : c.value);

let national: Actor;
let analyst: Actor;
let admin: Actor;
let coordinatorY: Actor;
let coordinatorOther: Actor;
let staffY: Actor;

beforeAll(async () => {
  [national, analyst, admin, coordinatorY, coordinatorOther, staffY] = await Promise.all([
    makeUser('national_coordinator'),
    makeUser('national_analyst'),
    makeUser('admin'),
    makeUser('county_coordinator', Y),
    makeUser('county_coordinator', OTHER),
    makeUser('county_staff', Y),
  ]);
  // A second run on the same PostgreSQL database starts from nothing in this file's counties and years.
  const db = await getDb();
  await db.execute(
    sql`delete from cases where county_code in (${Y}, ${OTHER}) and reported_on between '1995-01-01' and '1996-12-31'`,
  );

  // The hand-computable dataset: Jämtland 1996 (and one case in 1995, the previous period).
  await register(
    staffY,
    {
      reportedOn: '1996-02-10',
      offences: ['trafficking_sexual', 'procuring_gross'],
      coercionDegree: 'degree_1',
      parties: [
        victim('woman', '18_20', 'eu_east', 'ro'),
        victim('woman', '21_25', 'west_africa', 'ng'),
        perpetrator('man', '36_50', 'sweden', 'se'),
      ],
    },
    [
      ['investigation', '1996-02-20'],
      ['prosecuted', '1996-04-20'],
      ['convicted', '1996-06-19'],
    ],
  );
  await register(
    staffY,
    {
      reportedOn: '1996-05-05',
      reportingBody: 'social_services',
      offences: ['procuring'],
      crimeEstablished: 'uncertain',
      coercionDegree: 'unknown',
      parties: [victim('woman', '15_17', 'sweden'), perpetrator('woman', '26_35', 'eu_east')],
    },
    [
      ['investigation', '1996-05-15'],
      ['discontinued', '1996-06-01'],
    ],
  );
  await register(
    staffY,
    {
      reportedOn: '1996-11-30',
      reportingBody: 'ngo',
      parties: [victim('man', '26_35', 'asia', 'th'), perpetrator('man', '51_plus', 'sweden')],
    },
    [
      ['investigation', '1996-12-30'],
      ['prosecuted', '1997-01-29'],
    ],
  );
  const deleted = await register(staffY, {
    reportedOn: '1996-08-01',
    offences: ['trafficking_other'],
    coercionDegree: 'degree_2',
    parties: [victim('man', '36_50', 'europe_east_non_eu', 'ua')],
  });
  const detail = await getCaseForActor(coordinatorY, deleted);
  await deleteCase(coordinatorY, { id: deleted, version: detail.version });
  await register(staffY, {
    reportedOn: '1995-03-03',
    parties: [victim('woman', '21_25', 'eu_east', 'bg'), perpetrator('man', '36_50', 'sweden')],
  });

  // Gävleborg 1996: six sex-purchase cases with one buyer each.
  const other = await makeUser('county_staff', OTHER);
  for (let i = 0; i < 6; i++)
    await register(other, {
      countyCode: OTHER,
      reportedOn: `1996-0${i + 1}-15`,
      parties: [perpetrator('man', '36_50', 'sweden')],
    });
  // Protected viewers see releases (issue 14): release the years as they are now, rather than
  // depend on an automatic release at the first protected read, whenever that comes.
  for (const year of [1995, 1996]) await releaseNow(year, TODAY);
});

describe('the county dashboard on a small dataset (Jämtland 1996)', () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await getDashboard(coordinatorY, { county: Y, period: yearPeriod(1996), today: TODAY });
  });

  it('counts the cases, per 100,000 inhabitants, victims and perpetrators, beside 1995', () => {
    expect(d.access).toBe('full');
    expect(d.previousPeriod).toEqual(yearPeriod(1995));
    expect(v(d.headline.cases.current)).toBe(3);
    expect(v(d.headline.cases.previous)).toBe(1);
    expect(d.headline.cases.change.value).toBe(2);
    expect(d.headline.casesPer100k.current.value).toBeCloseTo((3 / 132_839) * 100_000, 6);
    expect(v(d.headline.victims.current)).toBe(4);
    expect(v(d.headline.perpetrators.current)).toBe(3);
    expect(d.headline.crimeEstablishedShare.current.value).toBeCloseTo(2 / 3, 9);
    expect(d.headline.crimeEstablishedShare.previous.value).toBe(1);
  });

  it('breaks the cases down by offence, combination, coercion, crime established and reporting body (the deleted case left out)', () => {
    const byKey = (rows: { key: string; current: Count }[]) =>
      Object.fromEntries(rows.filter((r) => r.current.value !== 0).map((r) => [r.key, v(r.current)]));
    expect(byKey(d.byOffence)).toEqual({ trafficking_sexual: 1, procuring_gross: 1, procuring: 1, sex_purchase: 1 });
    expect(
      Object.fromEntries(
        d.offenceCombinations.filter((c) => c.current.value).map((c) => [c.offences.join('+'), v(c.current)]),
      ),
    ).toEqual({ 'trafficking_sexual+procuring_gross': 1, procuring: 1, sex_purchase: 1 });
    expect(byKey(d.coercion)).toEqual({ degree_1: 1, degree_3: 1, unknown: 1 });
    expect(byKey(d.crimeEstablished)).toEqual({ yes: 2, uncertain: 1 });
    expect(byKey(d.reportingBodies)).toEqual({ police: 1, social_services: 1, ngo: 1 });
  });

  it('describes victims and perpetrators by sex, age band and origin', () => {
    const byKey = (rows: { key: string; current: Count }[]) =>
      Object.fromEntries(rows.filter((r) => r.current.value !== 0).map((r) => [r.key, v(r.current)]));
    expect(byKey(d.victims.sex)).toEqual({ woman: 3, man: 1 });
    expect(byKey(d.victims.age)).toEqual({ '15_17': 1, '18_20': 1, '21_25': 1, '26_35': 1 });
    expect(byKey(d.victims.origin)).toEqual({ sweden: 1, eu_east: 1, west_africa: 1, asia: 1 });
    expect(byKey(d.perpetrators.sex)).toEqual({ man: 2, woman: 1 });
    expect(byKey(d.perpetrators.age)).toEqual({ '26_35': 1, '36_50': 1, '51_plus': 1 });
    expect(byKey(d.perpetrators.origin)).toEqual({ sweden: 2, eu_east: 1 });
  });

  it('follows the cases through the funnel with the median days between the steps', () => {
    expect(d.funnel.map((f) => [f.step, v(f.current)])).toEqual([
      ['reported', 3],
      ['investigation', 3],
      ['prosecuted', 2],
      ['convicted', 1],
    ]);
    expect(d.funnel[2]!.shareOfReported.value).toBeCloseTo(2 / 3, 9);
    // Days to investigation 10, 10, 30; investigation → prosecution 60, 30; prosecution → conviction 60.
    expect(d.medians.map((m) => [m.from, m.to, m.current.value])).toEqual([
      ['reported', 'investigation', 10],
      ['investigation', 'prosecuted', 45],
      ['prosecuted', 'convicted', 60],
    ]);
  });

  it('shows the trend by month, quarter and year', async () => {
    expect(d.trend.granularity).toBe('month');
    expect(d.trend.points).toHaveLength(12);
    expect(d.trend.points.filter((p) => p.value.value).map((p) => [p.start, p.value.value])).toEqual([
      ['1996-02-01', 1],
      ['1996-05-01', 1],
      ['1996-11-01', 1],
    ]);
    const byQuarter = await getDashboard(coordinatorY, {
      county: Y,
      period: { kind: 'custom', from: '1995-01-01', to: '1996-12-31' },
      granularity: 'quarter',
      today: TODAY,
    });
    expect(byQuarter.trend.points.filter((p) => p.value.value).map((p) => [p.start, p.value.value])).toEqual([
      ['1995-01-01', 1],
      ['1996-01-01', 1],
      ['1996-04-01', 1],
      ['1996-10-01', 1],
    ]);
    expect(v(byQuarter.headline.cases.current)).toBe(4);
    const byYear = await getDashboard(coordinatorY, {
      county: Y,
      period: { kind: 'custom', from: '1995-01-01', to: '1996-12-31' },
      granularity: 'year',
      today: TODAY,
    });
    expect(byYear.trend.points.map((p) => [p.start, p.value.value])).toEqual([
      ['1995-01-01', 1],
      ['1996-01-01', 3],
    ]);
  });

  it('compares a quarter with the one before and a custom period with as many days before it', async () => {
    const q2 = await getDashboard(coordinatorY, { county: Y, period: quarterPeriod(1996, 2), today: TODAY });
    expect(q2.previousPeriod).toEqual(quarterPeriod(1996, 1));
    expect([v(q2.headline.cases.current), v(q2.headline.cases.previous)]).toEqual([1, 1]);
    const custom = await getDashboard(coordinatorY, {
      county: Y,
      period: { kind: 'custom', from: '1996-02-11', to: '1996-11-30' },
      today: TODAY,
    });
    expect(custom.previousPeriod).toEqual({ kind: 'custom', from: '1995-04-23', to: '1996-02-10' });
    expect([v(custom.headline.cases.current), v(custom.headline.cases.previous)]).toEqual([2, 1]);
  });

  it('filters by offence: cases with any of the chosen offences', async () => {
    const f = await getDashboard(national, {
      county: Y,
      period: yearPeriod(1996),
      offences: ['trafficking_sexual', 'procuring'],
      today: TODAY,
    });
    expect(v(f.headline.cases.current)).toBe(2);
    expect(v(f.headline.victims.current)).toBe(3);
  });

  it('exports the trafficking and exploitation cases as HTCDS records, without references, report numbers, ids or dates', async () => {
    const out = await getHtcdsExport(coordinatorY, { county: Y, period: yearPeriod(1996), today: TODAY });
    // Of the three live cases of 1996 only the first has a trafficking offence (procuring and sex
    // purchase are other offences); the deleted trafficking case is not there.
    expect(out.records).toHaveLength(1);
    const text = JSON.stringify(out.records);
    expect(text).not.toMatch(/Z-1996-|[0-9a-f]{8}-[0-9a-f]{4}-|1996-\d\d-\d\d/);
    const [record] = out.records!;
    expect(record).toMatchObject({
      cas_Status: 'Active',
      cas_ReferringOrganisation: { org_Type: 'LawEnforcement' },
      lagesbild_ReportYear: 1996,
      lagesbild_CaseStatus: 'convicted',
      lagesbild_Offences: ['trafficking_sexual', 'procuring_gross'],
    });
    expect(
      record!.lagesbild_Victims
        .map((p) => `${p.prs_Gender}/${p.prs_Citizenship.join()}/${p.vic_TypeOfExploitation.join()}`)
        .sort(),
    ).toEqual(['Feminine/NG/SexualExploitation', 'Feminine/RO/SexualExploitation']);
    expect(
      record!.lagesbild_Perpetrators.map((p) => [p.prs_Gender, p.lagesbild_JusticeSteps.map((s) => s.lagesbild_Step)]),
    ).toEqual([['Masculine', ['prosecuted', 'convicted']]]);
  });
});

describe('who sees what', () => {
  it('refuses the admin everything, and a county role the dashboard of another county', async () => {
    expect(await refusal(getDashboard(admin, { county: Y, period: yearPeriod(1996), today: TODAY }))).toMatch(
      /^forbidden/,
    );
    expect(await refusal(getNationalOverview(admin, { period: yearPeriod(1996), today: TODAY }))).toMatch(/^forbidden/);
    expect(
      await refusal(getDashboard(coordinatorOther, { county: Y, period: yearPeriod(1996), today: TODAY })),
    ).toMatch(/^forbidden/);
    expect(
      await refusal(getDashboard(coordinatorOther, { county: null, period: yearPeriod(1996), today: TODAY })),
    ).toMatch(/^forbidden/);
    expect(await refusal(getEurostatTables(admin, { period: yearPeriod(1996), today: TODAY }))).toMatch(/^forbidden/);
  });

  it('shows the analyst every county, suppressed, for calendar years only and without offence filters', async () => {
    const d = await getDashboard(analyst, { county: Y, period: yearPeriod(1996), today: TODAY });
    expect(d.access).toBe('suppressed');
    expect(d.headline.cases.current).toEqual({ value: null, suppressed: true, reason: 'protected' });
    expect(d.headline.casesPer100k.current).toEqual({ value: null, suppressed: true });
    expect(d.headline.crimeEstablishedShare.current.suppressed).toBe(true);
    expect(d.headline.cases.change.suppressed).toBe(true);
    expect(d.medians.every((m) => m.current.suppressed)).toBe(true);
    expect(await refusal(getDashboard(analyst, { county: Y, period: quarterPeriod(1996, 1), today: TODAY }))).toBe(
      'invalid:period_not_allowed',
    );
    expect(
      await refusal(
        getDashboard(analyst, { county: Y, period: yearPeriod(1996), offences: ['procuring'], today: TODAY }),
      ),
    ).toBe('invalid:filter_not_allowed');
  });

  it('never shows anyone outside the county a count from 1 to 4, and shows zeros', async () => {
    const d = await getDashboard(analyst, { county: Y, period: yearPeriod(1996), today: TODAY });
    const counts: Count[] = [];
    JSON.stringify(d, (key, value: unknown) => {
      if (value && typeof value === 'object' && 'suppressed' in value && 'value' in value) counts.push(value as Count);
      return value;
    });
    expect(counts.length).toBeGreaterThan(100);
    for (const c of counts)
      if (!c.suppressed && Number.isInteger(c.value)) expect(c.value === 0 || (c.value as number) >= 5).toBe(true);
    expect(counts.some((c) => c.value === 0 && !c.suppressed)).toBe(true);
  });

  it('shows a county role its own county in full in the national overview, and the others suppressed', async () => {
    const o = await getNationalOverview(coordinatorY, { period: yearPeriod(1996), today: TODAY });
    expect(o.access).toBe('suppressed');
    const own = o.counties.find((c) => c.code === Y)!;
    expect(own.own).toBe(true);
    expect(own.cases.current).toEqual({ value: 3, suppressed: false });
    const other = o.counties.find((c) => c.code === OTHER)!;
    expect(other.mayOpen).toBe(false);
    expect(other.cases.current.value).toBe(6);
    const analystView = await getNationalOverview(analyst, { period: yearPeriod(1996), today: TODAY });
    expect(analystView.counties.find((c) => c.code === Y)!.cases.current).toEqual({
      value: null,
      suppressed: true,
      reason: 'protected',
    });
    expect(analystView.counties.every((c) => c.mayOpen)).toBe(true);
  });

  it('gives the national coordinator everything in full, also the HTCDS records of the nation', async () => {
    const d = await getDashboard(national, { county: Y, period: yearPeriod(1996), today: TODAY });
    expect(d.access).toBe('full');
    expect(v(d.headline.cases.current)).toBe(3);
    const analystExport = await getHtcdsExport(analyst, { county: null, period: yearPeriod(1996), today: TODAY });
    expect(analystExport.records).toBeNull();
    expect(analystExport.figures.length).toBeGreaterThan(10);
  });
});

// ── Figures always equal a GROUP BY over the rows ────────────────────────────────────────────

/** Everything the rollups hold, computed from the rows with plain joins (no rollups, no facts). */
async function rawFigures(counties: readonly string[], period: Period, offences: readonly Offence[] = []) {
  const db = await getDb();
  const list = sql.join(
    counties.map((c) => sql`${c}`),
    sql`, `,
  );
  const offenceFilter = offences.length
    ? sql` and exists (select 1 from case_offences o where o.case_id = c.id and o.offence::text in (${sql.join(
        offences.map((o) => sql`${o}`),
        sql`, `,
      )}))`
    : sql``;
  const base = sql`from cases c where c.deleted_at is null and c.county_code in (${list}) and c.reported_on between ${period.from}::date and ${period.to}::date${offenceFilter}`;
  const [cases] = rowsOf<Record<string, number>>(
    await db.execute(sql`select count(*)::int as cases,
      ${sql.raw(CRIME_ESTABLISHED.map((x) => `count(*) filter (where c.crime_established = '${x}')::int as "crime_${x}"`).join(', '))},
      ${sql.raw(COERCION_DEGREES.map((x) => `count(*) filter (where c.coercion_degree = '${x}')::int as "coercion_${x}"`).join(', '))},
      ${sql.raw(REPORTING_BODIES.map((x) => `count(*) filter (where c.reporting_body = '${x}')::int as "body_${x}"`).join(', '))},
      ${sql.raw(['investigation', 'prosecuted', 'convicted'].map((s) => `count(*) filter (where exists (select 1 from case_status_events e where e.case_id = c.id and e.status = '${s}'))::int as "reached_${s}"`).join(', '))},
      ${sql.raw(OFFENCES.map((o) => `count(*) filter (where exists (select 1 from case_offences o where o.case_id = c.id and o.offence = '${o}'))::int as "offence_${o}"`).join(', '))}
      ${base}`),
  );
  const parties = rowsOf<{ k: string; n: number }>(
    await db.execute(sql`select x.k, count(*)::int as n from (
      select p.role || '/sex/' || p.sex as k from case_parties p join cases c on c.id = p.case_id where c.deleted_at is null and c.county_code in (${list}) and c.reported_on between ${period.from}::date and ${period.to}::date${offenceFilter}
      union all select p.role || '/age/' || p.age_band from case_parties p join cases c on c.id = p.case_id where c.deleted_at is null and c.county_code in (${list}) and c.reported_on between ${period.from}::date and ${period.to}::date${offenceFilter}
      union all select p.role || '/origin/' || p.origin_region from case_parties p join cases c on c.id = p.case_id where c.deleted_at is null and c.county_code in (${list}) and c.reported_on between ${period.from}::date and ${period.to}::date${offenceFilter}
    ) x group by 1`),
  );
  const [medians] = rowsOf<Record<string, number | null>>(
    await db.execute(sql`select
      percentile_cont(0.5) within group (order by (select e.occurred_on - c.reported_on from case_status_events e where e.case_id = c.id and e.status = 'investigation')) as investigation,
      -- Each step counts from the step before it that the case has (a penalty order convicts without a prosecution, decision 012).
      percentile_cont(0.5) within group (order by (select p.occurred_on - coalesce((select i.occurred_on from case_status_events i where i.case_id = c.id and i.status = 'investigation'), c.reported_on) from case_status_events p where p.case_id = c.id and p.status = 'prosecuted')) as prosecuted,
      percentile_cont(0.5) within group (order by (select v.occurred_on - coalesce((select p.occurred_on from case_status_events p where p.case_id = c.id and p.status = 'prosecuted'), (select i.occurred_on from case_status_events i where i.case_id = c.id and i.status = 'investigation'), c.reported_on) from case_status_events v where v.case_id = c.id and v.status = 'convicted')) as convicted
      ${base}`),
  );
  return { cases: cases!, parties: Object.fromEntries(parties.map((p) => [p.k, p.n])), medians: medians! };
}

function expectDashboardEqualsRaw(d: Dashboard, raw: Awaited<ReturnType<typeof rawFigures>>) {
  const c = raw.cases;
  expect(d.headline.cases.current.value).toBe(c.cases);
  for (const r of d.crimeEstablished) expect([r.key, r.current.value]).toEqual([r.key, c[`crime_${r.key}`]]);
  for (const r of d.coercion) expect([r.key, r.current.value]).toEqual([r.key, c[`coercion_${r.key}`]]);
  for (const r of d.reportingBodies) expect([r.key, r.current.value]).toEqual([r.key, c[`body_${r.key}`]]);
  for (const r of d.byOffence) expect([r.key, r.current.value]).toEqual([r.key, c[`offence_${r.key}`]]);
  for (const f of d.funnel.slice(1)) expect([f.step, f.current.value]).toEqual([f.step, c[`reached_${f.step}`]]);
  for (const [role, group] of [
    ['victim', d.victims],
    ['perpetrator', d.perpetrators],
  ] as const) {
    for (const r of group.sex)
      expect([role, r.key, r.current.value]).toEqual([role, r.key, raw.parties[`${role}/sex/${r.key}`] ?? 0]);
    for (const r of group.age)
      expect([role, r.key, r.current.value]).toEqual([role, r.key, raw.parties[`${role}/age/${r.key}`] ?? 0]);
    for (const r of group.origin)
      expect([role, r.key, r.current.value]).toEqual([role, r.key, raw.parties[`${role}/origin/${r.key}`] ?? 0]);
  }
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  expect(d.medians.map((m) => m.current.value)).toEqual([
    num(raw.medians.investigation),
    num(raw.medians.prosecuted),
    num(raw.medians.convicted),
  ]);
}

/** A small deterministic random generator. */
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

describe('figures always equal a GROUP BY over the rows', () => {
  it('after random registrations, edits, status steps, deletions and restorations', async () => {
    const random = rng(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const day = (year: number) =>
      `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const parties = (): PartyInput[] =>
      Array.from({ length: Math.floor(random() * 4) }, () =>
        random() < 0.6
          ? victim(
              pick(SEXES),
              pick(AGE_BANDS),
              pick(ORIGIN_REGIONS),
              random() < 0.5 ? pick(['se', 'ro', 'ng', 'th', 'no']) : '',
            )
          : perpetrator(pick(SEXES), pick(AGE_BANDS), pick(ORIGIN_REGIONS)),
      );
    const randomCase = (): Partial<CaseInput> => ({
      countyCode: pick([Y, OTHER]),
      reportedOn: day(pick([1995, 1996])),
      reportingBody: pick(REPORTING_BODIES),
      offences: [...new Set([pick(OFFENCES), ...(random() < 0.2 ? [pick(OFFENCES)] : [])])],
      crimeEstablished: pick(CRIME_ESTABLISHED),
      coercionDegree: pick(COERCION_DEGREES),
      parties: parties(),
    });
    const coordinators: Record<string, Actor> = { [Y]: coordinatorY, [OTHER]: coordinatorOther };
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const c = randomCase();
      ids.push((await createCase(coordinators[c.countyCode!]!, CaseSchema.parse(form(c)))).id);
    }
    for (let i = 0; i < 80; i++) {
      const id = pick(ids);
      const detail = await getCaseForActor(national, id).catch(() => null);
      if (!detail) continue;
      const actor = coordinators[detail.county.code]!;
      const action = random();
      if (detail.deletedAt) {
        await restoreCase(actor, { id });
      } else if (action < 0.2 && detail.mayRecordPersonSteps) {
        // One step of one person's path (decision 012): the case's derived step and its events move.
        const path = pick(detail.perpetratorPaths.filter((p) => p.next.length > 0));
        const latestOn = [detail.reportedOn, ...path.steps.map((s) => s.occurredOn)].sort().at(-1)!;
        const next = pick(path.next);
        await recordPerpetratorSteps(
          actor,
          PerpetratorStepSchema.parse({
            id,
            version: String(detail.version),
            partyIds: [path.partyId],
            step: next,
            occurredOn:
              latestOn < '1997-06-01' ? `1997-${String(6 + Math.floor(random() * 6)).padStart(2, '0')}-01` : latestOn,
            offences: ['discontinued', 'prosecution_waived'].includes(next) ? [] : [pick(detail.offences)],
            sanction: next === 'penalty_order' || next.startsWith('convicted') ? 'fine' : '',
          }),
        );
      } else if (action < 0.35) {
        const next = detail.allowedNextStatuses;
        const latest = detail.statusEvents
          .map((e) => e.occurredOn)
          .sort()
          .at(-1)!;
        if (next.length === 0) continue;
        const on = latest < '1997-06-01' ? `1997-${String(6 + Math.floor(random() * 6)).padStart(2, '0')}-01` : latest;
        await recordStatusStep(
          actor,
          StatusStepSchema.parse({
            id,
            version: String(detail.version),
            status: pick(next),
            occurredOn: on > latest ? on : latest,
            note: '',
          }),
        );
      } else if (action < 0.75) {
        const changed = randomCase();
        const reportedOn = detail.statusEvents.length > 1 ? detail.reportedOn : changed.reportedOn;
        // An edit that would drop a person with steps, or an offence a step names, is refused
        // (decision 012) and changes nothing.
        await updateCase(
          actor,
          CaseEditSchema.parse({
            ...form({ ...changed, countyCode: detail.county.code, reportedOn }),
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
    for (const [counties, period] of [
      [[Y], yearPeriod(1996)],
      [[OTHER], yearPeriod(1995)],
      [[Y], { kind: 'custom', from: '1995-03-14', to: '1996-08-20' }],
    ] as [string[], Period][]) {
      const d = await getDashboard(national, { county: counties[0]!, period, today: TODAY });
      expectDashboardEqualsRaw(d, await rawFigures(counties, period));
    }
    const filtered = await getDashboard(national, {
      county: Y,
      period: yearPeriod(1996),
      offences: ['sex_purchase', 'procuring'],
      today: TODAY,
    });
    expectDashboardEqualsRaw(filtered, await rawFigures([Y], yearPeriod(1996), ['sex_purchase', 'procuring']));
  }, 120_000); // 120 writes through the real queries: slow on a busy machine

  it('holds for every row of the rollup tables, whoever wrote the cases', async () => {
    expect(await caseRollupDifferences(await getDb())).toEqual({
      stat_case_days: 0,
      stat_case_months: 0,
      stat_case_years: 0,
      stat_case_step_years: 0,
    });
  });
});
