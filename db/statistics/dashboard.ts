import 'server-only';
import {
  AGE_BANDS,
  COERCION_DEGREES,
  CRIME_ESTABLISHED,
  OFFENCES,
  ORIGIN_REGIONS,
  REPORTING_BODIES,
  SEXES,
  TRAINING_AUDIENCES,
  TRAINING_THEMES,
  type AgeBand,
  type CoercionDegree,
  type CrimeEstablished,
  type Offence,
  type OriginRegion,
  type ReportingBody,
  type Sex,
  type TrainingAudience,
  type TrainingTheme,
} from '@/lib/enums';
import { buckets, defaultGranularity, previousPeriod, yearOf, type Granularity, type Period } from '@/lib/periods';
import type { Actor } from '@/lib/policy';
import type { PoliceRegion } from '@/lib/regions';
import {
  categoryRows,
  figure,
  ratio,
  type CategoryRow,
  type Count,
  type Figure,
  type Lookup,
  type Ratio,
  type RatioFigure,
} from '@/lib/statistics/figures';
import { requireStatisticsAccess, type Access } from './access';
import type { ReleaseInfo } from './releases';
import {
  cubeFor,
  cubesFor,
  releasedCubeFor,
  releaseShown,
  fullSums,
  regionScopeOf,
  scopeOf,
  statisticsContext,
  type StatisticsContext,
  type StatisticsScope,
} from './context';
import { countOf, measuresOf, regionKey } from './cube';
import {
  FUNNEL_STEPS,
  maskOf,
  offencesOfMask,
  PERSON_STATUSES,
  personMeasure,
  type FunnelStep,
  type PersonStatus,
} from './measures';
import { loadMedians, type BothMedians, type Medians, type PersonMedians } from './medians';
import { loadActiveGroups, loadTrend, type Counties } from './rollups';

// The county dashboard (or the nation's): every figure beside the previous period of the same
// length, in full or suppressed as access.ts decides.

/** Victims or perpetrators by sex, age band and region of origin. */
type PartyRows = { sex: CategoryRow<Sex>[]; age: CategoryRow<AgeBand>[]; origin: CategoryRow<OriginRegion>[] };

export type Dashboard = {
  scope: StatisticsScope;
  access: Access;
  threshold: number;
  /** For protected views: the release the figures are read from (issue 14); null in full. */
  release: ReleaseInfo | null;
  period: Period;
  previousPeriod: Period;
  offenceFilter: Offence[];
  headline: {
    cases: Figure;
    casesPer100k: RatioFigure;
    victims: Figure;
    perpetrators: Figure;
    crimeEstablishedShare: RatioFigure;
  };
  byOffence: CategoryRow<Offence>[];
  offenceCombinations: ({ offences: Offence[] } & CategoryRow)[];
  coercion: CategoryRow<CoercionDegree>[];
  crimeEstablished: CategoryRow<CrimeEstablished>[];
  reportingBodies: CategoryRow<ReportingBody>[];
  victims: PartyRows;
  perpetrators: PartyRows;
  funnel: { step: 'reported' | FunnelStep; current: Count; previous: Count; shareOfReported: Ratio }[];
  medians: { from: 'reported' | FunnelStep; to: FunnelStep; current: Ratio; previous: Ratio }[];
  /**
   * Perpetrators by legal status in the period of each step (decision 014): each once per case
   * (the register holds no identities), with the median days from the person's step before.
   */
  persons: {
    status: PersonStatus;
    current: Count;
    previous: Count;
    bySex: CategoryRow<Sex>[];
    byOffence: CategoryRow<Offence>[];
    medianDays: { current: Ratio; previous: Ratio };
  }[];
  trend: { granularity: Granularity; points: { start: string; value: Count }[] };
  trainings: {
    trainings: Figure;
    participants: Figure;
    byAudience: CategoryRow<TrainingAudience>[];
    byTheme: CategoryRow<TrainingTheme>[];
  };
  coordination: {
    meetings: Figure;
    organisations: Figure;
    openActionItems: Count;
    overdueActionItems: Count;
    activeGroups: number;
    counties: number;
  };
};

export type DashboardInput = {
  county: string | null;
  /** A police region's dashboard instead (county is then null). */
  region?: PoliceRegion;
  period: Period;
  /** Cases with any of these offences (full viewers only). */
  offences?: readonly Offence[];
  granularity?: Granularity;
  /** Today in Sweden (YYYY-MM-DD): overdue action items. */
  today: string;
};

/** The lookups of the period and the previous one, the offence combinations seen, and the trend. */
type Lookups = { cur: Lookup; prev: Lookup; masks: number[]; trend: Dashboard['trend'] };

type Request = { input: DashboardInput; previous: Period; counties: Counties; mask: number | null };

async function fullLookups(ctx: StatisticsContext, r: Request): Promise<Lookups> {
  const granularity = r.input.granularity ?? defaultGranularity(r.input.period);
  const [c, p, trendRows] = await Promise.all([
    fullSums(ctx, r.input.period, r.counties, r.mask),
    fullSums(ctx, r.previous, r.counties, r.mask),
    loadTrend(ctx.db, r.input.period, r.counties, r.mask, granularity),
  ]);
  const masks = [...new Set([...c.byMask.keys(), ...p.byMask.keys()])].sort((a, b) => a - b);
  const cm = measuresOf(c, masks);
  const pm = measuresOf(p, masks);
  const points = buckets(r.input.period, granularity).map((start) => ({
    start,
    value: countOf(trendRows.get(start) ?? 0),
  }));
  return {
    cur: (m) => countOf(cm.get(m) ?? 0),
    prev: (m) => countOf(pm.get(m) ?? 0),
    masks,
    trend: { granularity, points },
  };
}

/** From the year's cube and the year before's, with a five-year trend of cubes (decision 006). */
async function suppressedLookups(ctx: StatisticsContext, scope: string, period: Period): Promise<Lookups> {
  const year = yearOf(period);
  const years = Array.from({ length: 5 }, (_, i) => year - 4 + i).filter((y) => y >= 1990);
  const cubes = await cubesFor(
    ctx,
    [...new Set([year - 1, ...years])].sort((a, b) => a - b),
  ).then((all) => all.slice(-years.length));
  const [cc, pc] = [await releasedCubeFor(ctx, year), await cubeFor(ctx, year - 1)];
  return {
    cur: (m) => cc.get(scope, m),
    prev: (m) => pc.get(scope, m),
    masks: [...new Set([...cc.masks, ...pc.masks])].sort((a, b) => a - b),
    trend: {
      granularity: 'year',
      points: years.map((y, i) => ({ start: `${y}-01-01`, value: cubes[i]!.get(scope, 'cases') })),
    },
  };
}

function headlineOf({ cur, prev }: Lookups, population: Count): Dashboard['headline'] {
  const cases = figure(cur, prev, 'cases');
  return {
    cases,
    casesPer100k: {
      current: ratio(cases.current, population, 100_000),
      previous: ratio(cases.previous, population, 100_000),
    },
    victims: figure(cur, prev, 'victims'),
    perpetrators: figure(cur, prev, 'perpetrators'),
    crimeEstablishedShare: {
      current: ratio(cur('crime_yes'), cur('cases')),
      previous: ratio(prev('crime_yes'), prev('cases')),
    },
  };
}

const STEPS: ('reported' | FunnelStep)[] = ['reported', ...FUNNEL_STEPS];
const stepMeasure = (s: 'reported' | FunnelStep) => (s === 'reported' ? 'cases' : `reached_${s}`);

function funnelOf({ cur, prev }: Lookups): Dashboard['funnel'] {
  return STEPS.map((s) => ({
    step: s,
    current: cur(stepMeasure(s)),
    previous: prev(stepMeasure(s)),
    shareOfReported: ratio(cur(stepMeasure(s)), cur('cases')),
  }));
}

/** A median is hidden whenever the count of cases it is taken over is. */
function mediansOf({ cur, prev }: Lookups, current: Medians, previous: Medians): Dashboard['medians'] {
  const median = (value: number | null, base: Count): Ratio =>
    base.suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
  return FUNNEL_STEPS.map((to, i) => ({
    from: STEPS[i]!,
    to,
    current: median(current[to], cur(`reached_${to}`)),
    previous: median(previous[to], prev(`reached_${to}`)),
  }));
}

/** The persons of each status; a median hidden whenever the count it is taken over is. */
function personsOf({ cur, prev }: Lookups, current: PersonMedians, previous: PersonMedians): Dashboard['persons'] {
  const median = (value: number | null, base: Count): Ratio =>
    base.suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
  return PERSON_STATUSES.map((status) => ({
    status,
    current: cur(personMeasure(status)),
    previous: prev(personMeasure(status)),
    bySex: categoryRows(cur, prev, `${personMeasure(status)}_sex_`, SEXES),
    byOffence: categoryRows(cur, prev, `${personMeasure(status)}_offence_`, OFFENCES),
    medianDays: {
      current:
        status === 'suspected'
          ? { value: null, suppressed: false }
          : median(current[status], cur(personMeasure(status))),
      previous:
        status === 'suspected'
          ? { value: null, suppressed: false }
          : median(previous[status], prev(personMeasure(status))),
    },
  }));
}

function combinationsOf({ cur, prev, masks }: Lookups): Dashboard['offenceCombinations'] {
  return masks
    .map((m) => ({ offences: offencesOfMask(m), key: String(m), ...figure(cur, prev, `combo_${m}`) }))
    .filter((r) => r.current.value !== 0 || r.previous.value !== 0);
}

/** The breakdowns of the cases and their parties, in the order the dashboard shows them. */
function breakdownsOf(
  l: Lookups,
): Pick<
  Dashboard,
  'byOffence' | 'offenceCombinations' | 'coercion' | 'crimeEstablished' | 'reportingBodies' | 'victims' | 'perpetrators'
> {
  const rows = <Key extends string>(prefix: string, keys: readonly Key[]) => categoryRows(l.cur, l.prev, prefix, keys);
  return {
    byOffence: rows('offence_', OFFENCES),
    offenceCombinations: combinationsOf(l),
    coercion: rows('coercion_', COERCION_DEGREES),
    crimeEstablished: rows('crime_', CRIME_ESTABLISHED),
    reportingBodies: rows('body_', REPORTING_BODIES),
    victims: { sex: rows('v_sex_', SEXES), age: rows('v_age_', AGE_BANDS), origin: rows('v_origin_', ORIGIN_REGIONS) },
    perpetrators: {
      sex: rows('p_sex_', SEXES),
      age: rows('p_age_', AGE_BANDS),
      origin: rows('p_origin_', ORIGIN_REGIONS),
    },
  };
}

function trainingsOf({ cur, prev }: Lookups): Dashboard['trainings'] {
  return {
    trainings: figure(cur, prev, 'trainings'),
    participants: figure(cur, prev, 'participants'),
    byAudience: categoryRows(cur, prev, 'participants_', TRAINING_AUDIENCES),
    byTheme: categoryRows(cur, prev, 'theme_', TRAINING_THEMES),
  };
}

function coordinationOf(
  { cur, prev }: Lookups,
  scope: Counties,
  activeGroups: Set<string>,
  counties: number,
): Dashboard['coordination'] {
  return {
    meetings: figure(cur, prev, 'meetings'),
    organisations: figure(cur, prev, 'organisations'),
    openActionItems: cur('action_open'),
    overdueActionItems: cur('action_overdue'),
    activeGroups: scope === 'all' ? activeGroups.size : scope.filter((c) => activeGroups.has(c)).length,
    counties: scope === 'all' ? counties : scope.length,
  };
}

/** A protected view's medians: frozen in the year's release with its counts (none for a county, or without a release). */
function releasedMedians(ctx: StatisticsContext, year: number, scope: string): BothMedians {
  const stored = ctx.releases.get(year)?.medians[scope];
  const none = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, null])) as Record<K, null>;
  return {
    steps: { ...none(FUNNEL_STEPS), ...(stored?.steps as Partial<Medians>) },
    persons: { ...none(PERSON_STATUSES), ...(stored?.persons as Partial<PersonMedians>) },
  };
}

/** The county dashboard (or the nation's, or a police region's), each figure beside the previous period of the same length. */
export async function getDashboard(actor: Actor, input: DashboardInput): Promise<Dashboard> {
  const offences = [...new Set(input.offences ?? [])].filter((o) => (OFFENCES as readonly string[]).includes(o));
  const target = input.region
    ? ({ view: 'region', region: input.region } as const)
    : ({ view: 'dashboard', county: input.county } as const);
  const access = requireStatisticsAccess(actor, target, { period: input.period, offences });
  const ctx = await statisticsContext(actor, input.today);
  const region = input.region ? regionScopeOf(ctx, input.region) : null;
  const scope = region ?? scopeOf(ctx, input.county);
  const r: Request = {
    input,
    previous: previousPeriod(input.period),
    counties: region ? region.counties : input.county === null ? 'all' : [input.county],
    mask: offences.length > 0 ? maskOf(offences) : null,
  };
  const cubeScope = input.region ? regionKey(input.region) : scope.code;
  // Every read at once; a protected view's medians come with the releases its cubes are read from.
  const year = yearOf(input.period);
  const [[lookups, [curMedians, prevMedians]], activeGroups] = await Promise.all([
    access === 'full'
      ? Promise.all([fullLookups(ctx, r), loadMedians(ctx.db, [input.period, r.previous] as const, r.counties, r.mask)])
      : suppressedLookups(ctx, cubeScope, input.period).then(
          (l) => [l, [releasedMedians(ctx, year, cubeScope), releasedMedians(ctx, year - 1, cubeScope)]] as const,
        ),
    loadActiveGroups(ctx.db, input.period),
  ]);
  return {
    scope,
    access,
    threshold: ctx.threshold,
    release: access === 'full' ? null : releaseShown(ctx, year),
    period: input.period,
    previousPeriod: r.previous,
    offenceFilter: offences,
    headline: headlineOf(lookups, { value: scope.population, suppressed: false }),
    ...breakdownsOf(lookups),
    funnel: funnelOf(lookups),
    medians: mediansOf(lookups, curMedians.steps, prevMedians.steps),
    persons: personsOf(lookups, curMedians.persons, prevMedians.persons),
    trend: lookups.trend,
    trainings: trainingsOf(lookups),
    coordination: coordinationOf(lookups, r.counties, activeGroups, ctx.counties.length),
  };
}
