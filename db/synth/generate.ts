// Generators of case records for the demo and for synthetic volume. Pure: the same options give
// the same cases, in report-date order, without touching a database (see insert.ts for that).
import {
  CONTROL_METHODS,
  OFFENCES,
  SUPPORT_MEASURES,
  type AgeBand,
  type Arena,
  type CaseStatus,
  type CoercionDegree,
  type ControlMethod,
  type CrimeEstablished,
  type Offence,
  type OriginRegion,
  type PartyRole,
  type PerpetratorRole,
  type ReportingBody,
  type ResidencePermit,
  type Sex,
  type SupportMeasure,
  type YesNoUnknown,
} from '../../lib/enums';
import { dayOf, firstDayOfYear, isoOf, yearOf } from './dates';
import * as P from './profiles';
import { repeat, Rng, weighted, type Weighted } from './random';

export type SynthParty = {
  role: PartyRole;
  sex: Sex;
  ageBand: AgeBand;
  originRegion: OriginRegion;
  citizenship: string | null;
  plaintiffStatus: YesNoUnknown | null;
  residencePermit: ResidencePermit | null;
  support: SupportMeasure[] | null;
  perpetratorRole: PerpetratorRole | null;
};

export type SynthEvent = { status: CaseStatus; occurredOn: string; note: string | null };

/** A case as the register stores it, without id and reference (given when it is inserted). */
export type SynthCase = {
  countyCode: string;
  reportedOn: string;
  /** When it was registered: office hours on the day of the report, ISO in UTC. */
  createdAt: string;
  reportingBody: ReportingBody;
  policeReportNumber: string | null;
  arena: Arena;
  onlinePlatform: YesNoUnknown;
  crossBorder: YesNoUnknown;
  crimeEstablished: CrimeEstablished;
  coercionDegree: CoercionDegree;
  controlMethods: ControlMethod[];
  notes: string | null;
  offences: Offence[];
  /** Victims first, then perpetrators; the position in the case is the index + 1. */
  parties: SynthParty[];
  /** The status pipeline from 'reported', dates non-decreasing; the last is the case's status. */
  events: SynthEvent[];
  status: CaseStatus;
  statusOn: string;
};

type Ctx = {
  rng: Rng;
  today: number;
  regionOf: ReadonlyMap<string, string>;
  counties: { general: Weighted<string>; sexPurchase: Weighted<string> };
};

function makeCtx(seed: number, counties: readonly P.CountyInfo[], to: string): Ctx {
  return {
    rng: new Rng(seed),
    today: dayOf(to),
    regionOf: new Map(counties.map((c) => [c.code, c.policeRegion])),
    counties: P.countyTables(counties),
  };
}

// ── Small helpers ────────────────────────────────────────────────────────────────────────────

/** Values in the order of their category list, each once: the canonical form the forms store. */
function inListOrder<T extends string>(list: readonly T[], values: Iterable<T>): T[] {
  const set = new Set(values);
  return list.filter((v) => set.has(v));
}

function citizenshipOf(rng: Rng, origin: OriginRegion, pSet: number, preferred?: string | null): string | null {
  const countries = P.COUNTRIES_BY_REGION[origin];
  if (!countries || !rng.chance(pSet)) return null;
  if (preferred && rng.chance(0.85)) return preferred;
  return rng.draw(countries);
}

function permitOf(rng: Rng, origin: OriginRegion, nonEu: Weighted<ResidencePermit>): ResidencePermit {
  return P.FREE_MOVEMENT.has(origin) ? 'not_relevant' : rng.draw(nonEu);
}

function traffickingSupport(rng: Rng, plaintiff: YesNoUnknown, origin: OriginRegion): SupportMeasure[] {
  const r = rng.next();
  if (r < 0.12) return ['unknown'];
  if (r < 0.2) return ['none'];
  const wanted = rng.int(1, 3);
  const chosen = new Set<SupportMeasure>();
  if (plaintiff === 'yes' && rng.chance(0.6)) chosen.add('legal_counsel');
  while (chosen.size < wanted) {
    const measure = rng.draw(P.SUPPORT_POOL);
    if (measure === 'return_programme' && origin === 'sweden') continue;
    chosen.add(measure);
  }
  return inListOrder(SUPPORT_MEASURES, chosen);
}

function victim(fields: Omit<SynthParty, 'role' | 'perpetratorRole'>): SynthParty {
  return { role: 'victim', ...fields, perpetratorRole: null };
}

function perpetrator(
  fields: Pick<SynthParty, 'sex' | 'ageBand' | 'originRegion' | 'citizenship' | 'perpetratorRole'>,
): SynthParty {
  return { role: 'perpetrator', ...fields, plaintiffStatus: null, residencePermit: null, support: null };
}

const VIOLENCE: readonly ControlMethod[] = ['physical_abuse', 'sexual_abuse', 'restricts_movement'];
const VIOLENCE_EXTRA: readonly ControlMethod[] = [
  'physical_threats',
  'withholds_documents',
  'takes_earnings',
  'debt_bondage',
  'psychoactive_substances',
  'psychological_abuse',
];
const THREATS: readonly ControlMethod[] = ['physical_threats', 'threats_family', 'false_promises'];
const THREATS_EXTRA: readonly ControlMethod[] = [
  'debt_bondage',
  'takes_earnings',
  'withholds_documents',
  'psychological_abuse',
  'threats_authorities',
];
const VOLUNTARY_EXTRA: readonly ControlMethod[] = ['takes_earnings', 'debt_bondage', 'false_promises'];

/** Methods of control that fit Brå's degree: violence for 1, threats or deception for 2, little for 3. */
function controlMethodsOf(rng: Rng, degree: CoercionDegree): ControlMethod[] {
  const chosen = new Set<ControlMethod>();
  const some = (from: readonly ControlMethod[], p: number) => from.forEach((m) => rng.chance(p) && chosen.add(m));
  if (degree === 'degree_1') {
    chosen.add(rng.pick(VIOLENCE));
    some(VIOLENCE, 0.4);
    some(VIOLENCE_EXTRA, 0.35);
  } else if (degree === 'degree_2') {
    chosen.add(rng.pick(THREATS));
    some(THREATS, 0.3);
    some(THREATS_EXTRA, 0.3);
  } else if (degree === 'degree_3') {
    some(VOLUNTARY_EXTRA, 0.3);
  }
  return inListOrder(CONTROL_METHODS, chosen);
}

function policeReportNumberOf(
  rng: Rng,
  body: ReportingBody,
  countyCode: string,
  day: number,
  regionOf: ReadonlyMap<string, string>,
): string | null {
  if ((body !== 'police' && body !== 'prosecutor') || !rng.chance(0.85)) return null;
  const unit = P.POLICE_UNITS[regionOf.get(countyCode) ?? ''] ?? '5000';
  return `${unit}-K${rng.int(10_000, 999_999)}-${String(yearOf(day) % 100).padStart(2, '0')}`;
}

function onlinePlatformOf(rng: Rng, arena: Arena, day: number): YesNoUnknown {
  if (arena === 'online') return 'yes';
  if (rng.chance(Math.min(0.15 + 0.03 * (yearOf(day) - 2008), 0.7))) return 'yes';
  return rng.chance(0.7) ? 'no' : 'unknown';
}

const CROSS_BORDER_TRAFFICKING = weighted<YesNoUnknown>([
  ['yes', 75],
  ['unknown', 20],
  ['no', 5],
]);
const CROSS_BORDER_PROCURING = weighted<YesNoUnknown>([
  ['yes', 45],
  ['unknown', 35],
  ['no', 20],
]);
const CROSS_BORDER_LOCAL = weighted<YesNoUnknown>([
  ['no', 60],
  ['unknown', 35],
  ['yes', 5],
]);

function notesOf(rng: Rng, own: readonly string[]): string | null {
  if (!rng.chance(0.4)) return null;
  return rng.chance(0.7) ? rng.pick(own) : rng.pick(P.NOTES_GENERAL);
}

function createdAtOf(rng: Rng, day: number): string {
  const hh = String(rng.int(7, 15)).padStart(2, '0');
  const mm = String(rng.int(0, 59)).padStart(2, '0');
  return `${isoOf(day)}T${hh}:${mm}:00Z`;
}

// ── Status pipeline ──────────────────────────────────────────────────────────────────────────

function randomPath(rng: Rng, outcome: P.Outcome, crime: CrimeEstablished): CaseStatus[] {
  const investigate = crime === 'no' ? outcome.investigate * 0.6 : outcome.investigate;
  const prosecute = crime === 'no' ? 0 : crime === 'uncertain' ? outcome.prosecute * 0.3 : outcome.prosecute;
  const path: CaseStatus[] = ['reported'];
  // A few reports are never followed up in the register.
  if (rng.chance(0.03)) return path;
  if (!rng.chance(investigate)) {
    path.push('closed');
    return path;
  }
  path.push('investigation');
  // Some investigations simply never end.
  if (rng.chance(0.04)) return path;
  if (rng.chance(prosecute)) path.push('prosecuted', rng.chance(outcome.convict) ? 'convicted' : 'acquitted');
  else path.push('discontinued');
  if (rng.chance(outcome.close)) path.push('closed');
  return path;
}

/** The path to a given final status (for figures that must come out exactly). */
function pathTo(rng: Rng, status: CaseStatus): CaseStatus[] {
  switch (status) {
    case 'reported':
      return ['reported'];
    case 'investigation':
      return ['reported', 'investigation'];
    case 'discontinued':
      return ['reported', 'investigation', 'discontinued'];
    case 'prosecuted':
      return ['reported', 'investigation', 'prosecuted'];
    case 'convicted':
      return ['reported', 'investigation', 'prosecuted', 'convicted'];
    case 'acquitted':
      return ['reported', 'investigation', 'prosecuted', 'acquitted'];
    case 'closed': {
      const r = rng.next();
      return r < 0.7
        ? ['reported', 'investigation', 'discontinued', 'closed']
        : r < 0.85
          ? ['reported', 'closed']
          : ['reported', 'investigation', 'closed'];
    }
  }
}

/** Dates along the path; steps that would fall after today have not happened yet. */
function eventsOf(rng: Rng, path: readonly CaseStatus[], reportedDay: number, today: number): SynthEvent[] {
  const events: SynthEvent[] = [{ status: 'reported', occurredOn: isoOf(reportedDay), note: null }];
  let day = reportedDay;
  for (let i = 1; i < path.length; i++) {
    const [min, max] = P.STEP_DAYS[`${path[i - 1]!}>${path[i]!}`] ?? [0, 90];
    day += rng.int(min, max);
    if (day > today) break;
    const notes = P.EVENT_NOTES[path[i]!];
    events.push({ status: path[i]!, occurredOn: isoOf(day), note: notes && rng.chance(0.35) ? rng.pick(notes) : null });
  }
  return events;
}

type CaseCore = Omit<SynthCase, 'events' | 'status' | 'statusOn' | 'createdAt' | 'reportedOn'>;

function finish(ctx: Ctx, core: CaseCore, day: number, path: readonly CaseStatus[]): SynthCase {
  const events = eventsOf(ctx.rng, path, day, ctx.today);
  const last = events[events.length - 1]!;
  return {
    ...core,
    reportedOn: isoOf(day),
    createdAt: createdAtOf(ctx.rng, day),
    events,
    status: last.status,
    statusOn: last.occurredOn,
  };
}

// ── Trafficking for sexual purposes and gross procuring (Brå's group) ────────────────────────

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

function randomTraffickingCase(ctx: Ctx, day: number): SynthCase {
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

// ── The other kinds ──────────────────────────────────────────────────────────────────────────

const COUNT_1_2 = weighted<number>([
  [1, 95],
  [2, 5],
]);
const BUYERS = weighted<number>([
  [1, 93],
  [2, 6],
  [3, 1],
]);
const CRIME_SEX_PURCHASE = weighted<CrimeEstablished>([
  ['yes', 88],
  ['uncertain', 10],
  ['no', 2],
]);
const CRIME_USUAL = weighted<CrimeEstablished>([
  ['yes', 80],
  ['uncertain', 18],
  ['no', 2],
]);
const CRIME_LABOUR = weighted<CrimeEstablished>([
  ['yes', 75],
  ['uncertain', 22],
  ['no', 3],
]);
const CRIME_OTHER = weighted<CrimeEstablished>([
  ['yes', 55],
  ['uncertain', 40],
  ['no', 5],
]);
const DEGREE_CHILD = weighted<CoercionDegree>([
  ['unknown', 45],
  ['degree_3', 30],
  ['degree_2', 20],
  ['degree_1', 5],
]);
const DEGREE_PROCURING = weighted<CoercionDegree>([
  ['degree_3', 60],
  ['degree_2', 25],
  ['degree_1', 5],
  ['unknown', 10],
]);
const DEGREE_LABOUR = weighted<CoercionDegree>([
  ['degree_2', 45],
  ['degree_3', 25],
  ['degree_1', 20],
  ['unknown', 10],
]);
const DEGREE_EXPLOITATION = weighted<CoercionDegree>([
  ['degree_2', 50],
  ['degree_3', 40],
  ['unknown', 10],
]);
const PROCURING_VICTIMS = weighted<number>([
  [1, 65],
  [2, 20],
  [3, 10],
  [4, 5],
]);
const PROCURING_PERPETRATORS = weighted<number>([
  [1, 80],
  [2, 17],
  [3, 3],
]);
const LABOUR_VICTIMS = weighted<number>([
  [1, 55],
  [2, 15],
  [3, 12],
  [4, 8],
  [5, 4],
  [6, 3],
  [8, 3],
]);
const LABOUR_PERPETRATORS = weighted<number>([
  [1, 75],
  [2, 20],
  [3, 5],
]);
const PLAINTIFF_CHILD = weighted<YesNoUnknown>([
  ['yes', 90],
  ['unknown', 10],
]);
const PLAINTIFF_PROCURING = weighted<YesNoUnknown>([
  ['yes', 65],
  ['unknown', 20],
  ['no', 15],
]);
const PLAINTIFF_LABOUR = weighted<YesNoUnknown>([
  ['yes', 70],
  ['unknown', 20],
  ['no', 10],
]);
const PERMIT_CHILD = weighted<ResidencePermit>([
  ['granted', 60],
  ['not_relevant', 30],
  ['applied', 10],
]);
const SELLER_SUPPORT = weighted(P.SELLER_SUPPORT.map(([, w], i) => [i, w] as const));
const VICTIM_SEX_PROCURING = weighted<Sex>([
  ['woman', 96],
  ['man', 3],
  ['other', 1],
]);
const SEX_LABOUR_VICTIM = weighted<Sex>([
  ['man', 60],
  ['woman', 38],
  ['other', 2],
]);
const SEX_LABOUR_PERPETRATOR = weighted<Sex>([
  ['man', 80],
  ['woman', 20],
]);
const SEX_PROCURING_PERPETRATOR = weighted<Sex>([
  ['man', 68],
  ['woman', 32],
]);
const CHILD_AGE = weighted<AgeBand>([
  ['15_17', 85],
  ['0_14', 15],
]);
const BUYER_AGE_CHILD = weighted<AgeBand>([
  ['21_25', 12],
  ['26_35', 30],
  ['36_50', 38],
  ['51_plus', 19],
  ['unknown', 1],
]);
const OTHER_SEX = weighted<Sex>([
  ['woman', 70],
  ['man', 28],
  ['unknown', 2],
]);
const OTHER_AGE = weighted<AgeBand>([
  ['15_17', 8],
  ['18_20', 15],
  ['21_25', 25],
  ['26_35', 30],
  ['36_50', 17],
  ['unknown', 5],
]);
const OTHER_ORIGIN = weighted<OriginRegion>([
  ['sweden', 45],
  ['eu_east', 20],
  ['middle_east', 10],
  ['africa_other', 10],
  ['asia', 5],
  ['unknown', 10],
]);
const OTHER_ROLE = weighted<PerpetratorRole>([
  ['other', 50],
  ['exploiter', 30],
  ['unknown', 20],
]);

function buyers(ctx: Ctx, n: number, age: Weighted<AgeBand>): SynthParty[] {
  const { rng } = ctx;
  return Array.from({ length: n }, () => {
    const origin = rng.draw(P.BUYER_ORIGIN);
    return perpetrator({
      sex: rng.draw(P.BUYER_SEX),
      ageBand: rng.draw(age),
      originRegion: origin,
      citizenship: citizenshipOf(rng, origin, 0.7),
      perpetratorRole: 'buyer',
    });
  });
}

function sexPurchaseCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const year = yearOf(day);
  const parties: SynthParty[] = [];
  for (let i = rng.draw(COUNT_1_2); i > 0; i--) {
    const origin = rng.draw(P.SELLER_ORIGIN);
    parties.push(
      victim({
        sex: rng.draw(P.SELLER_SEX),
        ageBand: rng.draw(P.SELLER_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.8),
        plaintiffStatus: rng.draw(P.SELLER_PLAINTIFF),
        residencePermit: permitOf(rng, origin, P.SELLER_PERMIT_NON_EU),
        support: [...P.SELLER_SUPPORT[rng.draw(SELLER_SUPPORT)]![0]],
      }),
    );
  }
  parties.push(...buyers(ctx, rng.draw(BUYERS), P.BUYER_AGE));
  const crime = rng.draw(CRIME_SEX_PURCHASE);
  const arena = rng.draw(P.sexPurchaseArenas(year));
  const body = rng.draw(P.REPORTING_SEX_PURCHASE);
  const countyCode = rng.draw(ctx.counties.sexPurchase);
  const degree: CoercionDegree = crime === 'yes' && rng.chance(0.15) ? 'degree_3' : 'unknown';
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: [],
      notes: notesOf(rng, P.NOTES_SEX_PURCHASE),
      // Now and then the police find procuring behind a purchase.
      offences: year > 2010 && rng.chance(0.02) ? ['procuring', 'sex_purchase'] : ['sex_purchase'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.sex_purchase, crime),
  );
}

function childCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  for (
    let i = rng.draw(
      weighted<number>([
        [1, 90],
        [2, 10],
      ]),
    );
    i > 0;
    i--
  ) {
    const origin = rng.draw(P.CHILD_ORIGIN);
    const support = new Set<SupportMeasure>(['counselling']);
    if (rng.chance(0.8)) support.add('legal_counsel');
    if (rng.chance(0.3)) support.add('health_care');
    if (rng.chance(0.1)) support.add('sheltered_housing');
    parties.push(
      victim({
        sex: rng.draw(P.CHILD_SEX),
        ageBand: rng.draw(CHILD_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.85),
        plaintiffStatus: rng.draw(PLAINTIFF_CHILD),
        residencePermit: permitOf(rng, origin, PERMIT_CHILD),
        support: inListOrder(SUPPORT_MEASURES, support),
      }),
    );
  }
  parties.push(...buyers(ctx, rng.draw(COUNT_1_2), BUYER_AGE_CHILD));
  const crime = rng.draw(CRIME_USUAL);
  const degree = crime === 'yes' ? rng.draw(DEGREE_CHILD) : 'unknown';
  const arena = rng.draw(P.ARENA_CHILD);
  const body = rng.draw(P.REPORTING_CHILD);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_CHILD),
      offences: ['sex_purchase_child'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.sex_purchase_child, crime),
  );
}

function procuringCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  const origin = rng.draw(P.PROCURING_VICTIM_ORIGIN);
  for (let i = rng.draw(PROCURING_VICTIMS); i > 0; i--) {
    const plaintiff = rng.draw(PLAINTIFF_PROCURING);
    parties.push(
      victim({
        sex: rng.draw(VICTIM_SEX_PROCURING),
        ageBand: rng.draw(P.PROCURING_VICTIM_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.85),
        plaintiffStatus: plaintiff,
        residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
        support: traffickingSupport(rng, plaintiff, origin),
      }),
    );
  }
  for (let i = rng.draw(PROCURING_PERPETRATORS); i > 0; i--) {
    const perpOrigin = rng.chance(0.3) ? origin : rng.draw(P.PROCURING_PERPETRATOR_ORIGIN);
    parties.push(
      perpetrator({
        sex: rng.draw(SEX_PROCURING_PERPETRATOR),
        ageBand: rng.draw(P.PERPETRATOR_AGE),
        originRegion: perpOrigin,
        citizenship: citizenshipOf(rng, perpOrigin, 0.75),
        perpetratorRole: rng.draw(P.PROCURING_ROLE),
      }),
    );
  }
  const crime = rng.draw(CRIME_USUAL);
  const degree = crime === 'yes' ? rng.draw(DEGREE_PROCURING) : 'unknown';
  const arena = rng.draw(P.ARENA_PROCURING);
  const body = rng.draw(P.REPORTING_PROCURING);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(origin === 'sweden' ? CROSS_BORDER_LOCAL : CROSS_BORDER_PROCURING),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_TRAFFICKING),
      offences: yearOf(day) > 2010 && rng.chance(0.04) ? ['procuring', 'sex_purchase'] : ['procuring'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.procuring, crime),
  );
}

function labourCase(ctx: Ctx, day: number, kind: 'trafficking_other' | 'exploitation'): SynthCase {
  const { rng } = ctx;
  const parties: SynthParty[] = [];
  const origin = rng.draw(P.LABOUR_VICTIM_ORIGIN);
  const country = rng.draw(P.COUNTRIES_BY_REGION[origin]!);
  for (let i = rng.draw(LABOUR_VICTIMS); i > 0; i--) {
    const plaintiff = rng.draw(PLAINTIFF_LABOUR);
    parties.push(
      victim({
        sex: rng.draw(SEX_LABOUR_VICTIM),
        ageBand: rng.draw(P.LABOUR_VICTIM_AGE),
        originRegion: origin,
        citizenship: citizenshipOf(rng, origin, 0.9, country),
        plaintiffStatus: plaintiff,
        residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
        support: traffickingSupport(rng, plaintiff, origin),
      }),
    );
  }
  for (let i = rng.draw(LABOUR_PERPETRATORS); i > 0; i--) {
    const r = rng.next();
    const perpOrigin: OriginRegion = r < 0.55 ? origin : r < 0.8 ? 'sweden' : rng.draw(P.PERPETRATOR_OTHER_ORIGIN);
    parties.push(
      perpetrator({
        sex: rng.draw(SEX_LABOUR_PERPETRATOR),
        ageBand: rng.draw(P.PERPETRATOR_AGE),
        originRegion: perpOrigin,
        citizenship: citizenshipOf(rng, perpOrigin, 0.75, perpOrigin === origin ? country : null),
        perpetratorRole: rng.draw(P.LABOUR_ROLE),
      }),
    );
  }
  const crime = rng.draw(CRIME_LABOUR);
  const degree = crime === 'yes' ? rng.draw(kind === 'exploitation' ? DEGREE_EXPLOITATION : DEGREE_LABOUR) : 'unknown';
  const arena = rng.draw(P.ARENA_LABOUR);
  const body = rng.draw(kind === 'exploitation' ? P.REPORTING_EXPLOITATION : P.REPORTING_LABOUR);
  const countyCode = rng.draw(ctx.counties.general);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_TRAFFICKING),
      crimeEstablished: crime,
      coercionDegree: degree,
      controlMethods: controlMethodsOf(rng, degree),
      notes: notesOf(rng, P.NOTES_LABOUR),
      offences: [kind],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES[kind], crime),
  );
}

function otherCase(ctx: Ctx, day: number): SynthCase {
  const { rng } = ctx;
  const origin = rng.draw(OTHER_ORIGIN);
  const plaintiff = rng.draw(PLAINTIFF_PROCURING);
  const perpOrigin = rng.draw(OTHER_ORIGIN);
  const parties = [
    victim({
      sex: rng.draw(OTHER_SEX),
      ageBand: rng.draw(OTHER_AGE),
      originRegion: origin,
      citizenship: citizenshipOf(rng, origin, 0.8),
      plaintiffStatus: plaintiff,
      residencePermit: permitOf(rng, origin, P.PERMIT_NON_EU),
      support: traffickingSupport(rng, plaintiff, origin),
    }),
    perpetrator({
      sex: rng.draw(SEX_LABOUR_PERPETRATOR),
      ageBand: rng.draw(P.PERPETRATOR_AGE),
      originRegion: perpOrigin,
      citizenship: citizenshipOf(rng, perpOrigin, 0.7),
      perpetratorRole: rng.draw(OTHER_ROLE),
    }),
  ];
  const crime = rng.draw(CRIME_OTHER);
  const body = rng.draw(P.REPORTING_OTHER);
  const countyCode = rng.draw(ctx.counties.general);
  const arena: Arena = rng.chance(0.5) ? 'unknown' : rng.pick(['apartment', 'online', 'other'] as const);
  return finish(
    ctx,
    {
      countyCode,
      reportingBody: body,
      policeReportNumber: policeReportNumberOf(rng, body, countyCode, day, ctx.regionOf),
      arena,
      onlinePlatform: onlinePlatformOf(rng, arena, day),
      crossBorder: rng.draw(CROSS_BORDER_LOCAL),
      crimeEstablished: crime,
      coercionDegree: 'unknown',
      controlMethods: [],
      notes: notesOf(rng, P.NOTES_GENERAL),
      offences: ['other'],
      parties,
    },
    day,
    randomPath(rng, P.OUTCOMES.other, crime),
  );
}

function caseOfKind(ctx: Ctx, kind: P.CaseKind, day: number): SynthCase {
  switch (kind) {
    case 'sex_purchase':
      return sexPurchaseCase(ctx, day);
    case 'procuring':
      return procuringCase(ctx, day);
    case 'trafficking_sexual':
      return randomTraffickingCase(ctx, day);
    case 'trafficking_other':
    case 'exploitation':
      return labourCase(ctx, day, kind);
    case 'sex_purchase_child':
      return childCase(ctx, day);
    case 'other':
      return otherCase(ctx, day);
  }
}

// ── The stream ───────────────────────────────────────────────────────────────────────────────

export type GenerateOptions = {
  seed: number;
  counties: readonly P.CountyInfo[];
  /** First and last report date, 'YYYY-MM-DD' (default 2008-01-01 … the demo's today). */
  from?: string;
  to?: string;
  /** Exactly this many cases, in the proportions of YEARLY_CASES; default: YEARLY_CASES as they are. */
  total?: number;
  /** Leave out trafficking and gross procuring reported 2008–2010 (the demo adds Brå's own). */
  omitBraPeriod?: boolean;
};

type Cell = { year: number; kind: P.CaseKind; first: number; last: number; count: number };

/** How many cases of each kind each year: the rates times the part of the year covered, rounded so the sum is exact. */
function plan(options: GenerateOptions): Cell[] {
  const from = dayOf(options.from ?? P.FIRST_DEMO_DAY);
  const to = dayOf(options.to ?? P.DEMO_TODAY);
  const cells: (Cell & { weight: number })[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const yearStart = firstDayOfYear(year);
    const yearDays = firstDayOfYear(year + 1) - yearStart;
    for (const kind of P.CASE_KINDS) {
      const starts = P.KIND_STARTS[kind];
      const first = Math.max(from, yearStart, starts ? dayOf(starts) : -Infinity);
      const last = Math.min(to, yearStart + yearDays - 1);
      const omitted = options.omitBraPeriod && kind === 'trafficking_sexual' && year <= 2010;
      const weight = last < first || omitted ? 0 : (P.yearlyRate(kind, year) * (last - first + 1)) / yearDays;
      cells.push({ year, kind, first, last, count: 0, weight });
    }
  }
  const sum = cells.reduce((s, c) => s + c.weight, 0);
  const scale = options.total === undefined ? 1 : sum > 0 ? options.total / sum : 0;
  let exact = 0;
  let given = 0;
  for (const cell of cells) {
    exact += cell.weight * scale;
    cell.count = Math.round(exact) - given;
    given += cell.count;
  }
  return cells;
}

export function plannedCaseCount(options: GenerateOptions): number {
  return plan(options).reduce((s, c) => s + c.count, 0);
}

/** Cases in report-date order, a year at a time (so a million need little memory). */
export function* generateCases(options: GenerateOptions): Generator<SynthCase> {
  const ctx = makeCtx(options.seed, options.counties, options.to ?? P.DEMO_TODAY);
  const cells = plan(options);
  const years = [...new Set(cells.map((c) => c.year))];
  for (const year of years) {
    const yearStart = firstDayOfYear(year);
    const yearDays = firstDayOfYear(year + 1) - yearStart;
    const perDay = new Map<P.CaseKind, Uint32Array>();
    for (const cell of cells) {
      if (cell.year !== year || cell.count === 0) continue;
      const counts = new Uint32Array(yearDays);
      for (let i = 0; i < cell.count; i++) counts[ctx.rng.int(cell.first, cell.last) - yearStart]! += 1;
      perDay.set(cell.kind, counts);
    }
    for (let d = 0; d < yearDays; d++) {
      for (const kind of P.CASE_KINDS) {
        const n = perDay.get(kind)?.[d] ?? 0;
        for (let i = 0; i < n; i++) yield caseOfKind(ctx, kind, yearStart + d);
      }
    }
  }
}
