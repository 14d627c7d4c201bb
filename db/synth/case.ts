// A generated case: its shape, the context every generator draws from, the fields each kind fills
// alike (methods of control, report number, online, cross-border, notes) and the status pipeline.
// Pure: no I/O.
import {
  CONTROL_METHODS,
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
} from '@/lib/enums';
import { dayOf, isoOf, yearOf } from './dates';
import * as P from './profiles';
import { caseEventsOf, personStepsOf, type SynthPersonStep } from './justice';
import { Rng, weighted, type Weighted } from './random';

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
  /**
   * The case's step events: its own (reported, investigation, closed) and those derived from its
   * persons' steps (decision 012); status is the furthest of them.
   */
  events: SynthEvent[];
  status: CaseStatus;
  statusOn: string;
  /** Each party's justice steps (victims: none), in the order of the parties. */
  personSteps: SynthPersonStep[][];
  /** The single pipeline of before decision 012 (what the data migration starts from). */
  pipeline: SynthEvent[];
};

export type Ctx = {
  rng: Rng;
  /** The persons' steps draw from their own stream, so that the cases are those of before 012. */
  justiceRng: Rng;
  today: number;
  regionOf: ReadonlyMap<string, string>;
  counties: { general: Weighted<string>; sexPurchase: Weighted<string> };
};

export function makeCtx(seed: number, counties: readonly P.CountyInfo[], to: string): Ctx {
  return {
    rng: new Rng(seed),
    justiceRng: new Rng(seed ^ 0x5eed12),
    today: dayOf(to),
    regionOf: new Map(counties.map((c) => [c.code, c.policeRegion])),
    counties: P.countyTables(counties),
  };
}

/** Values in the order of their category list, each once: the canonical form the forms store. */
export function inListOrder<T extends string>(list: readonly T[], values: Iterable<T>): T[] {
  const set = new Set(values);
  return list.filter((v) => set.has(v));
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
export function controlMethodsOf(rng: Rng, degree: CoercionDegree): ControlMethod[] {
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

export function policeReportNumberOf(
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

export function onlinePlatformOf(rng: Rng, arena: Arena, day: number): YesNoUnknown {
  if (arena === 'online') return 'yes';
  if (rng.chance(Math.min(0.15 + 0.03 * (yearOf(day) - 2008), 0.7))) return 'yes';
  return rng.chance(0.7) ? 'no' : 'unknown';
}

export const CROSS_BORDER_TRAFFICKING = weighted<YesNoUnknown>([
  ['yes', 75],
  ['unknown', 20],
  ['no', 5],
]);
export const CROSS_BORDER_PROCURING = weighted<YesNoUnknown>([
  ['yes', 45],
  ['unknown', 35],
  ['no', 20],
]);
export const CROSS_BORDER_LOCAL = weighted<YesNoUnknown>([
  ['no', 60],
  ['unknown', 35],
  ['yes', 5],
]);

export function notesOf(rng: Rng, own: readonly string[]): string | null {
  if (!rng.chance(0.4)) return null;
  return rng.chance(0.7) ? rng.pick(own) : rng.pick(P.NOTES_GENERAL);
}

function createdAtOf(rng: Rng, day: number): string {
  const hh = String(rng.int(7, 15)).padStart(2, '0');
  const mm = String(rng.int(0, 59)).padStart(2, '0');
  return `${isoOf(day)}T${hh}:${mm}:00Z`;
}

export function randomPath(rng: Rng, outcome: P.Outcome, crime: CrimeEstablished): CaseStatus[] {
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
export function pathTo(rng: Rng, status: CaseStatus): CaseStatus[] {
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

export type CaseCore = Omit<
  SynthCase,
  'events' | 'status' | 'statusOn' | 'createdAt' | 'reportedOn' | 'personSteps' | 'pipeline'
>;

export function finish(ctx: Ctx, core: CaseCore, day: number, path: readonly CaseStatus[]): SynthCase {
  const pipeline = eventsOf(ctx.rng, path, day, ctx.today);
  const personSteps = personStepsOf(ctx.justiceRng, core, pipeline, ctx.today);
  return {
    ...core,
    reportedOn: isoOf(day),
    createdAt: createdAtOf(ctx.rng, day),
    ...caseEventsOf(pipeline, personSteps),
    personSteps,
    pipeline,
  };
}
