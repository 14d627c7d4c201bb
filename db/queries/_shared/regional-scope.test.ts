import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/index';
import { loadSessionState } from '@/db/queries/auth/sessions';
import { getCaseForActor } from '@/db/queries/cases/detail';
import { listCasesForActor } from '@/db/queries/cases/list';
import { createCase, deleteCase } from '@/db/queries/cases/register';
import { createGroup, getGroupForActor } from '@/db/queries/coordination/groups';
import { createUser, updateUserByAdmin } from '@/db/queries/users/admin';
import { counties, users } from '@/db/schema';
import { statisticsAccess } from '@/db/statistics/access';
import { getDashboard } from '@/db/statistics/dashboard';
import { getNationalOverview } from '@/db/statistics/overview';
import { getRegionComparison } from '@/db/statistics/region';
import { makeRegionalCoordinator, makeUser, readUser, releaseNow, uniqueEmail } from '@/db/test/helpers';
import { AppError } from '@/lib/errors';
import { yearPeriod } from '@/lib/periods';
import { ACTIONS, can, countyScope, type Action, type Actor } from '@/lib/policy';
import { POLICE_REGIONS, type PoliceRegion } from '@/lib/regions';
import { GroupSchema } from '@/lib/schemas/coordination';
import { CaseSchema, type CaseInput } from '@/lib/schemas/cases';

// The regional coordinator, walked for all seven police regions as the counties table has them:
// each action in a county inside the region and in one outside, then the real queries (cases,
// coordination, figures) in and out of the region, and the account rules (CHECKs, sessions).
// Cases here are of 1993, a year no other test file writes; figures are compared before and after.

const TODAY = '2026-11-27';
const YEAR = 1993;

/** Written by hand from the issue (13): the county work and the groups in the region, no deleting, no users, no audit. */
const INSIDE: Record<Action, boolean> = {
  'case.read': true,
  'case.create': true,
  'case.update': true,
  'case.delete': false,
  'coordination.read': true,
  'coordination.write': true,
  'coordination.manage': true,
  'coordination.delete': false,
  'training.read': true,
  'training.write': true,
  'training.delete': false,
  'statistics.read': true,
  'statistics.read_suppressed': true,
  'statistics.release': false,
  'user.manage': false,
  'audit.read': false,
};
/** Outside the region: what a county role has outside its county (the protected overview). */
const OUTSIDE: Record<Action, boolean> = { ...INSIDE, ...Object.fromEntries(ACTIONS.map((a) => [a, false])) };
OUTSIDE['statistics.read_suppressed'] = true;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function caseForm(countyCode: string, overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    countyCode,
    reportedOn: `${YEAR}-06-15`,
    reportingBody: 'police',
    policeReportNumber: '',
    offences: ['trafficking_sexual'],
    arena: 'apartment',
    onlinePlatform: 'yes',
    crossBorder: 'no',
    crimeEstablished: 'yes',
    coercionDegree: 'degree_2',
    controlMethods: ['debt_bondage'],
    notes: '',
    parties: [
      {
        role: 'victim',
        sex: 'woman',
        ageBand: '18_20',
        originRegion: 'eu_east',
        citizenship: 'ro',
        plaintiffStatus: 'yes',
        residencePermit: 'applied',
        support: ['counselling'],
      },
    ],
    ...overrides,
  };
}

type Region = { name: PoliceRegion; counties: string[] };
let regions: Region[] = [];
let national: Actor;
let analyst: Actor;

beforeAll(async () => {
  const db = await getDb();
  const rows = await db
    .select({ code: counties.code, region: counties.policeRegion })
    .from(counties)
    .orderBy(asc(counties.code));
  const byRegion = new Map<PoliceRegion, string[]>();
  for (const r of rows) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r.code]);
  regions = [...byRegion].map(([name, codes]) => ({ name, counties: codes }));
  [national, analyst] = await Promise.all([makeUser('national_coordinator'), makeUser('national_analyst')]);
});

describe('the counties table has the seven police regions', () => {
  it('and every county lies in one of them', () => {
    expect(regions.map((r) => r.name).sort()).toEqual([...POLICE_REGIONS].sort());
    expect(regions.flatMap((r) => r.counties)).toHaveLength(21);
    expect(regions.find((r) => r.name === 'Syd')!.counties).toEqual(['07', '08', '10', '12']);
    expect(regions.find((r) => r.name === 'Nord')!.counties).toEqual(['22', '23', '24', '25']);
  });
});

describe('policy matrix: the regional coordinator of each region × every action × inside and outside', () => {
  for (const name of POLICE_REGIONS) {
    it(`${name}: every action in every county of the region, none outside but the protected overview`, async () => {
      const region = regions.find((r) => r.name === name)!;
      const actor = await makeRegionalCoordinator(name);
      // The session resolves the region's counties from the counties table.
      expect(actor.region).toEqual({ name, counties: region.counties });
      const outside = regions.filter((r) => r.name !== name).flatMap((r) => r.counties);
      for (const action of ACTIONS) {
        for (const county of region.counties)
          expect(can(actor, action, county), `${action} in ${county}`).toBe(INSIDE[action]);
        for (const county of outside)
          expect(can(actor, action, county), `${action} in ${county}`).toBe(OUTSIDE[action]);
        const scope = countyScope(actor, action);
        expect(scope).toEqual(action === 'statistics.read_suppressed' ? 'all' : INSIDE[action] ? region.counties : []);
      }
    });
  }
});

describe('cases in and out of the region, for every region', () => {
  for (const name of POLICE_REGIONS) {
    it(`${name}: registers in each county of the region and reads it; outside refused and not found`, async () => {
      const region = regions.find((r) => r.name === name)!;
      const actor = await makeRegionalCoordinator(name);
      const outsideCounty = regions.find((r) => r.name !== name)!.counties[0]!;
      const mine: { id: string; reference: string }[] = [];
      for (const county of region.counties) {
        const created = await createCase(actor, CaseSchema.parse(caseForm(county)));
        mine.push(created);
        expect((await getCaseForActor(actor, created.id)).countyCode).toBe(county);
      }
      expect(await refusal(createCase(actor, CaseSchema.parse(caseForm(outsideCounty))))).toBe('forbidden');
      const theirs = await createCase(national, CaseSchema.parse(caseForm(outsideCounty)));
      expect(await refusal(getCaseForActor(actor, theirs.id))).toBe('not_found');
      expect(await refusal(deleteCase(actor, { id: mine[0]!.id, version: 1 }))).toBe('forbidden');
      // The list finds each of the region's cases by reference, and not the other region's.
      for (const c of mine)
        expect((await listCasesForActor(actor, { q: c.reference })).rows.map((r) => r.id)).toEqual([c.id]);
      expect((await listCasesForActor(actor, { q: theirs.reference })).rows).toEqual([]);
      const listed = await listCasesForActor(actor, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
      expect(listed.rows.every((r) => region.counties.includes(r.countyCode))).toBe(true);
    });
  }
});

describe('coordination groups of the region', () => {
  it('reads and manages groups at home in the region, reads a regional group another region runs with a county of it', async () => {
    const syd = await makeRegionalCoordinator('Syd');
    const group = (countyCode: string, participatingCounties: string[] = []) =>
      GroupSchema.parse({
        name: `Grupp ${uniqueEmail('g').split('@')[0]}`,
        kind: participatingCounties.length ? 'regional' : 'county',
        countyCode,
        participatingCounties,
        activeFrom: '2020-01-01',
        activeTo: '',
        description: '',
        members: [{ id: '', organisationType: 'police', organisationName: 'Polisen', contactFunction: 'Samordnare' }],
      });
    const home = await createGroup(syd, group('08'));
    expect((await getGroupForActor(syd, home.id)).permissions).toMatchObject({ manage: true, delete: false });
    const withUs = await createGroup(national, group('06', ['07']));
    expect((await getGroupForActor(syd, withUs.id)).permissions).toMatchObject({ manage: false, writeMeetings: false });
    const elsewhere = await createGroup(national, group('06'));
    expect(await refusal(getGroupForActor(syd, elsewhere.id))).toBe('not_found');
    expect(await refusal(createGroup(syd, group('06')))).toBe('forbidden');
  });
});

describe('figures in and out of the region', () => {
  const period = yearPeriod(YEAR);

  it('the region and its counties in full for its coordinator; other counties and regions refused; the overview protected', async () => {
    const nord = await makeRegionalCoordinator('Nord');
    const before = await getDashboard(nord, { county: null, region: 'Nord', period, today: TODAY });
    expect(before.access).toBe('full');
    expect(before.scope).toMatchObject({ kind: 'region', code: 'nord', nameSv: 'Polisregion Nord' });
    const beforeJamtland = await getDashboard(nord, { county: '23', period, today: TODAY });
    // One case in Jämtland and one in Norrbotten, registered by the regional coordinator.
    await createCase(nord, CaseSchema.parse(caseForm('23')));
    await createCase(nord, CaseSchema.parse(caseForm('25')));
    const after = await getDashboard(nord, { county: null, region: 'Nord', period, today: TODAY });
    expect(after.headline.cases.current.value).toBe(before.headline.cases.current.value! + 2);
    expect(after.headline.cases.current.suppressed).toBe(false);
    const jamtland = await getDashboard(nord, { county: '23', period, today: TODAY });
    expect(jamtland.access).toBe('full');
    expect(jamtland.headline.cases.current.value).toBe(beforeJamtland.headline.cases.current.value! + 1);

    // Side by side: the four counties of Nord, in full, summing to the region.
    const side = await getRegionComparison(nord, { region: 'Nord', period, today: TODAY });
    expect(side.access).toBe('full');
    expect(side.counties.map((c) => c.code)).toEqual(['22', '23', '24', '25']);
    expect(side.counties.every((c) => c.mayOpen && !c.cases.current.suppressed)).toBe(true);
    expect(side.counties.reduce((s, c) => s + c.cases.current.value!, 0)).toBe(side.region.cases.current.value);
    expect(side.region.cases.current.value).toBe(after.headline.cases.current.value);

    // Outside: a county of another region, another region, the nation's dashboard.
    expect(await refusal(getDashboard(nord, { county: '12', period, today: TODAY }))).toBe('forbidden');
    expect(await refusal(getDashboard(nord, { county: null, region: 'Syd', period, today: TODAY }))).toBe('forbidden');
    expect(await refusal(getRegionComparison(nord, { region: 'Syd', period, today: TODAY }))).toBe('forbidden');
    expect(await refusal(getDashboard(nord, { county: null, period, today: TODAY }))).toBe('forbidden');
    await releaseNow(YEAR, TODAY);
    const overview = await getNationalOverview(nord, { period, today: TODAY, trendYears: 1 });
    expect(overview.access).toBe('suppressed');
    expect(overview.counties.filter((c) => c.own).map((c) => c.code)).toEqual(['22', '23', '24', '25']);
    expect(overview.counties.filter((c) => c.mayOpen).map((c) => c.code)).toEqual(['22', '23', '24', '25']);
  });

  it('a regional dashboard: in full for the national coordinator, protected for the analyst, refused to county roles', async () => {
    expect((await getDashboard(national, { county: null, region: 'Syd', period, today: TODAY })).access).toBe('full');
    await releaseNow(YEAR, TODAY);
    const protectedView = await getDashboard(analyst, { county: null, region: 'Syd', period, today: TODAY });
    expect(protectedView.access).toBe('suppressed');
    expect((await getRegionComparison(analyst, { region: 'Syd', period, today: TODAY })).access).toBe('suppressed');
    const skane = await makeUser('county_coordinator', '12');
    expect(statisticsAccess(skane, { view: 'region', region: 'Syd' })).toBeNull();
    expect(await refusal(getDashboard(skane, { county: null, region: 'Syd', period, today: TODAY }))).toBe('forbidden');
    const admin = await makeUser('admin');
    expect(statisticsAccess(admin, { view: 'region', region: 'Syd' })).toBeNull();
  });
});

describe('the account of a regional coordinator', () => {
  it('the database refuses a region without the role, the role without a region, and the role with a county', async () => {
    const db = await getDb();
    const attempt = (values: Partial<typeof users.$inferInsert>) =>
      refusal(
        db
          .insert(users)
          .values({ email: uniqueEmail('check'), displayName: 'X', passwordHash: 'x', role: 'county_staff', ...values })
          .then(() => undefined)
          .catch((e: unknown) => {
            throw new AppError('invalid', String((e as { cause?: { message?: string } }).cause?.message ?? e));
          }),
      );
    expect(await attempt({ role: 'county_staff', countyCode: '01', policeRegion: 'Stockholm' })).toBe('invalid');
    expect(await attempt({ role: 'national_analyst', policeRegion: 'Syd' })).toBe('invalid');
    expect(await attempt({ role: 'regional_coordinator' })).toBe('invalid');
    expect(await attempt({ role: 'regional_coordinator', policeRegion: 'Syd', countyCode: '12' })).toBe('invalid');
    expect(await attempt({ role: 'regional_coordinator', policeRegion: 'Syd' })).toBe('ok');
  });

  it('the data layer refuses the same, by field', async () => {
    const base = { email: uniqueEmail('r'), displayName: 'R', password: 'correct horse battery staple' };
    await expect(createUser(null, { ...base, role: 'regional_coordinator', countyCode: null })).rejects.toMatchObject({
      code: 'invalid',
      details: { field: 'policeRegion' },
    });
    await expect(
      createUser(null, { ...base, role: 'regional_coordinator', countyCode: '12', policeRegion: 'Syd' }),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'countyCode' } });
    await expect(
      createUser(null, { ...base, role: 'county_staff', countyCode: '12', policeRegion: 'Syd' }),
    ).rejects.toMatchObject({ code: 'invalid', details: { field: 'policeRegion' } });
  });

  it('a change of region ends the sessions, and the next one has the new counties', async () => {
    const admin = await makeUser('admin');
    const person = await makeRegionalCoordinator('Syd');
    const before = await readUser(person.id);
    await updateUserByAdmin(admin, {
      id: person.id,
      displayName: 'Test regional coordinator',
      role: 'regional_coordinator',
      countyCode: null,
      policeRegion: 'Väst',
    });
    const after = await readUser(person.id);
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect((await loadSessionState(person.id))!.region).toEqual({ name: 'Väst', counties: ['13', '14'] });
    // Also when the region is changed past the app (a script, SQL): the trigger.
    const db = await getDb();
    await db.update(users).set({ policeRegion: 'Mitt' }).where(eq(users.id, person.id));
    const moved = await readUser(person.id);
    expect(moved.sessionVersion).toBeGreaterThan(after.sessionVersion);
    // A new name alone does not.
    await db.update(users).set({ displayName: 'Nytt namn' }).where(eq(users.id, person.id));
    expect((await readUser(person.id)).sessionVersion).toBe(moved.sessionVersion);
  });
});
