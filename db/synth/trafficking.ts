// Trafficking for sexual purposes and gross procuring (Brå's group): the random cases of later
// years, and Brå's exact figures for 2008–2010 (BRA_GROUPS), which the demo reproduces.
import {
  OFFENCES,
  type CaseStatus,
  type CoercionDegree,
  type Offence,
  type OriginRegion,
  type ReportingBody,
  type Sex,
} from '@/lib/enums';
import {
  controlMethodsOf,
  CROSS_BORDER_PROCURING,
  CROSS_BORDER_TRAFFICKING,
  finish,
  inListOrder,
  makeCtx,
  notesOf,
  onlinePlatformOf,
  pathTo,
  policeReportNumberOf,
  randomPath,
  type Ctx,
  type SynthCase,
  type SynthParty,
} from './case';
import { firstDayOfYear } from './dates';
import { citizenshipOf, perpetrator, permitOf, traffickingSupport, victim } from './parties';
import * as P from './profiles';
import { repeat, weighted } from './random';

type TraffickingSpec = {
  offences: Offence[];
  crimeEstablished: 'yes' | 'uncertain';
  coercionDegree: CoercionDegree;
  perpetratorSexes: Sex[];
  victimCount: number;
  menVictims: number;
  countyCode: string;
  day: number;
  reportingBody: ReportingBody;
  path: CaseStatus[];
};

function traffickingCase(ctx: Ctx, spec: TraffickingSpec): SynthCase {
  const { rng } = ctx;
  const origin = rng.draw(P.VICTIM_ORIGIN_TRAFFICKING);
  const country = rng.draw(P.COUNTRIES_BY_REGION[origin]!);
  const parties: SynthParty[] = [];
  for (let i = 0; i < spec.victimCount; i++) {
    const plaintiff = rng.draw(P.PLAINTIFF_TRAFFICKING);
    parties.push(
      victim({
        sex: i < spec.menVictims ? 'man' : 'woman',
        ageBand: rng.draw(P.VICTIM_AGE_TRAFFICKING),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.9, country),
        plaintiffStatus: plaintiff,
        residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
        support: traffickingSupport(rng, plaintiff, origin),
      }),
    );
  }
  spec.perpetratorSexes.forEach((sex, i) => {
    const r = rng.next();
    const perpOrigin: OriginRegion = r < 0.55 ? origin : r < 0.85 ? 'sweden' : rng.draw(P.PERPETRATOR_OTHER_ORIGIN);
    parties.push(
      perpetrator({
        sex,
        ageBand: rng.draw(P.PERPETRATOR_AGE),
        originRegion: perpOrigin,
        citizenship: citizenshipOf(rng, perpOrigin, 0.75, perpOrigin === origin ? country : null),
        perpetratorRole: rng.draw(i === 0 ? P.FIRST_PERPETRATOR_ROLE : P.OTHER_PERPETRATOR_ROLE),
      }),
    );
  });
  const arena = rng.draw(P.ARENA_TRAFFICKING);
  return finish(
    ctx,
    {
      countyCode: spec.countyCode,
      reportingBody: spec.reportingBody,
      policeReportNumber: policeReportNumberOf(rng, spec.reportingBody, spec.countyCode, spec.day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, spec.day),
      crossBorder: rng.draw(
        spec.offences.includes('trafficking_sexual') ? CROSS_BORDER_TRAFFICKING : CROSS_BORDER_PROCURING,
      ),
      crimeEstablished: spec.crimeEstablished,
      coercionDegree: spec.coercionDegree,
      controlMethods: controlMethodsOf(rng, spec.coercionDegree),
      notes: notesOf(rng, P.NOTES_TRAFFICKING),
      offences: inListOrder(OFFENCES, spec.offences),
      parties,
    },
    spec.day,
    spec.path,
  );
}

const TS_OFFENCES = weighted<'ts' | 'pg' | 'both'>([
  ['ts', 55],
  ['pg', 38],
  ['both', 7],
]);
const TS_DEGREE = weighted<CoercionDegree>([
  ['degree_1', 24],
  ['degree_2', 32],
  ['degree_3', 44],
]);
const TS_VICTIMS = weighted<number>([
  [1, 75],
  [2, 13],
  [3, 8],
  [4, 3],
  [6, 1],
]);
const TS_PERPETRATORS = weighted<number>([
  [1, 93],
  [2, 6],
  [3, 1],
]);
/** Women perpetrators: a third overall, mostly in the less severe cases (Brå). */
const WOMAN_PERPETRATOR: Record<CoercionDegree, number> = {
  degree_1: 0.08,
  degree_2: 0.18,
  degree_3: 0.5,
  unknown: 0.3,
};

function offencesOf(choice: 'ts' | 'pg' | 'both'): Offence[] {
  return choice === 'ts'
    ? ['trafficking_sexual']
    : choice === 'pg'
      ? ['procuring_gross']
      : ['trafficking_sexual', 'procuring_gross'];
}

export function randomTraffickingCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const uncertain = rng.chance(18 / 103);
  const degree: CoercionDegree = uncertain ? 'unknown' : rng.draw(TS_DEGREE);
  const perpetratorSexes = Array.from({ length: rng.draw(TS_PERPETRATORS) }, (): Sex =>
    rng.chance(WOMAN_PERPETRATOR[degree]) ? 'woman' : 'man',
  );
  const crime = uncertain ? 'uncertain' : 'yes';
  return traffickingCase(ctx, {
    offences: offencesOf(rng.draw(TS_OFFENCES)),
    crimeEstablished: crime,
    coercionDegree: degree,
    perpetratorSexes,
    victimCount: rng.draw(TS_VICTIMS),
    menVictims: rng.chance(0.015) ? 1 : 0,
    countyCode: rng.draw(ctx.counties.general),
    day,
    reportingBody: rng.draw(P.REPORTING_TRAFFICKING),
    path: randomPath(rng, P.OUTCOMES.trafficking_sexual, crime),
  });
}

// ── Brå's exact figures for 2008–2010 ────────────────────────────────────────────────────────

type BraGroup = {
  crime: 'yes' | 'uncertain';
  degree: CoercionDegree;
  cases: number;
  /** Perpetrators in the cases with more than one; every other case has one. */
  multiPerpetrators: number[];
  /** Women among those perpetrators (the last ones), per multi case. */
  womenInMulti: number[];
  /** Single-perpetrator cases whose perpetrator is a woman. */
  womenSingles: number;
  /** Victims in the cases with more than one; every other case has one. */
  multiVictims: number[];
  menVictims: number;
  offences: { both: number; ts: number; pg: number };
  statuses: [CaseStatus, number][];
};

/**
 * Brå 2011:18 on 2008–2010: 103 cases, 53 trafficking only, 44 gross procuring only, 6 both;
 * crime uncertain in 18; coercion 20/27/38; 111 perpetrators (37 women, mostly in degree-3
 * cases); 151 victims (149 women). Each line below adds up to those totals.
 */
export const BRA_GROUPS: readonly BraGroup[] = [
  {
    crime: 'yes',
    degree: 'degree_1',
    cases: 20,
    multiPerpetrators: [3, 2, 2],
    womenInMulti: [1, 1, 0],
    womenSingles: 0,
    multiVictims: [6, 4, 3, 3, 3, 2, 2, 2],
    menVictims: 0,
    offences: { both: 3, ts: 14, pg: 3 },
    statuses: [
      ['convicted', 7],
      ['acquitted', 2],
      ['prosecuted', 1],
      ['discontinued', 7],
      ['closed', 1],
      ['investigation', 2],
    ],
  },
  {
    crime: 'yes',
    degree: 'degree_2',
    cases: 27,
    multiPerpetrators: [2, 2],
    womenInMulti: [1, 0],
    womenSingles: 4,
    multiVictims: [6, 4, 3, 3, 3, 2, 2, 2, 2],
    menVictims: 0,
    offences: { both: 3, ts: 16, pg: 8 },
    statuses: [
      ['convicted', 6],
      ['acquitted', 2],
      ['prosecuted', 1],
      ['discontinued', 13],
      ['closed', 3],
      ['investigation', 2],
    ],
  },
  {
    crime: 'yes',
    degree: 'degree_3',
    cases: 38,
    multiPerpetrators: [2],
    womenInMulti: [1],
    womenSingles: 23,
    multiVictims: [4, 3, 2, 2, 2, 2],
    menVictims: 1,
    offences: { both: 0, ts: 12, pg: 26 },
    statuses: [
      ['convicted', 2],
      ['acquitted', 1],
      ['prosecuted', 1],
      ['discontinued', 23],
      ['closed', 7],
      ['investigation', 4],
    ],
  },
  {
    crime: 'uncertain',
    degree: 'unknown',
    cases: 18,
    multiPerpetrators: [2],
    womenInMulti: [1],
    womenSingles: 5,
    multiVictims: [3, 2, 2],
    menVictims: 1,
    offences: { both: 0, ts: 11, pg: 7 },
    statuses: [
      ['discontinued', 12],
      ['closed', 4],
      ['investigation', 2],
    ],
  },
];

const BRA_YEARS: [number, number][] = [
  [2008, 30],
  [2009, 35],
  [2010, 38],
];
/** Mostly the metropolitan counties, a few elsewhere. */
const BRA_COUNTIES: [string, number][] = [
  ['01', 47],
  ['14', 22],
  ['12', 19],
  ['03', 2],
  ['05', 2],
  ['13', 2],
  ['18', 2],
  ['04', 1],
  ['06', 1],
  ['08', 1],
  ['19', 1],
  ['21', 1],
  ['22', 1],
  ['24', 1],
];
const BRA_BODIES: [ReportingBody, number][] = [
  ['police', 88],
  ['social_services', 5],
  ['prosecutor', 4],
  ['migration_agency', 3],
  ['ngo', 3],
];

export function generateBraCases(seed: number, counties: readonly P.CountyInfo[], to = P.DEMO_TODAY): SynthCase[] {
  const ctx = makeCtx(seed, counties, to);
  const { rng } = ctx;
  type Draft = Omit<TraffickingSpec, 'countyCode' | 'day' | 'reportingBody'>;
  const drafts: Draft[] = [];
  for (const g of BRA_GROUPS) {
    const sexes: Sex[][] = g.multiPerpetrators.map((n, i) =>
      Array.from({ length: n }, (_, j): Sex => (j >= n - g.womenInMulti[i]! ? 'woman' : 'man')),
    );
    for (let i = sexes.length; i < g.cases; i++)
      sexes.push([i - g.multiPerpetrators.length < g.womenSingles ? 'woman' : 'man']);
    rng.shuffle(sexes);
    const victims = rng.shuffle([...g.multiVictims, ...repeat([[1, g.cases - g.multiVictims.length]])]);
    const offences = rng.shuffle(
      repeat<'ts' | 'pg' | 'both'>([
        ['both', g.offences.both],
        ['ts', g.offences.ts],
        ['pg', g.offences.pg],
      ]),
    );
    const statuses = rng.shuffle(repeat(g.statuses));
    const withMan = new Set(rng.shuffle(Array.from({ length: g.cases }, (_, i) => i)).slice(0, g.menVictims));
    for (let i = 0; i < g.cases; i++) {
      drafts.push({
        offences: offencesOf(offences[i]!),
        crimeEstablished: g.crime,
        coercionDegree: g.degree,
        perpetratorSexes: sexes[i]!,
        victimCount: victims[i]!,
        menVictims: withMan.has(i) ? 1 : 0,
        path: pathTo(rng, statuses[i]!),
      });
    }
  }
  const years = rng.shuffle(repeat(BRA_YEARS));
  const countyCodes = rng.shuffle(repeat(BRA_COUNTIES));
  const bodies = rng.shuffle(repeat(BRA_BODIES));
  if (years.length !== drafts.length || countyCodes.length !== drafts.length || bodies.length !== drafts.length)
    throw new Error('Brå tables do not add up');
  const cases = drafts.map((draft, i) => {
    const year = years[i]!;
    const day = rng.int(firstDayOfYear(year), firstDayOfYear(year + 1) - 1);
    return traffickingCase(ctx, { ...draft, countyCode: countyCodes[i]!, day, reportingBody: bodies[i]! });
  });
  return cases.sort((a, b) => (a.reportedOn < b.reportedOn ? -1 : a.reportedOn > b.reportedOn ? 1 : 0));
}
