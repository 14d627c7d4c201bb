// The figures of one period for every county, police region and the nation, with every linear
// relation between them that a reader knows, suppressed together in one pass (decision 006). Every
// product a suppressed viewer sees for a year — dashboard, overview, map, report, API, exports — is
// read from the same cube, so no two of them hide different cells of the same table. Pure.
import { OFFENCES, PARTY_ROLES, SEXES, type Offence } from '../../lib/enums';
import type { Count } from '../../lib/statistics/figures';
import {
  AGE_BANDS_BY_GROUP,
  AGE_GROUPS,
  CASE_DIMENSIONS,
  CITIZENSHIP_GROUPS,
  FUNNEL_STEPS,
  PARTY_DIMENSIONS,
  ROLLUP_COLUMNS,
  THB_STATUSES,
  TRAFFICKING_MASK,
  offenceBit,
  personMeasure,
  thbMeasure,
  type RollupSums,
} from './measures';
import {
  protect,
  roundedInterval,
  type MeasureRelation,
  type ProtectionInput,
  type ProtectionScope,
} from './protection';

/** Rollup sums per offence combination (mask) plus the additive figures kept elsewhere (trainings, coordination). */
export type ScopeSums = { byMask: Map<number, RollupSums>; extra: Record<string, number> };

export function emptyScopeSums(): ScopeSums {
  return { byMask: new Map(), extra: {} };
}

export function addScopeSums(target: ScopeSums, source: ScopeSums): ScopeSums {
  for (const [mask, sums] of source.byMask) {
    const t = target.byMask.get(mask);
    if (!t) target.byMask.set(mask, { ...sums });
    else for (const c of ROLLUP_COLUMNS) t[c] = (t[c] ?? 0) + (sums[c] ?? 0);
  }
  for (const [k, v] of Object.entries(source.extra)) target.extra[k] = (target.extra[k] ?? 0) + v;
  return target;
}

const sexCols = (prefix: string) => SEXES.map((s) => `${prefix}_${s}`);

/** Rollup columns that are never shown themselves (crim_thb's victims by citizenship and age group are made of them). */
const UNSHOWN_COLUMNS = new Set(ROLLUP_COLUMNS.filter((c) => c.startsWith('v_cit_')));

/** Every figure of a scope, by name: rollup totals, offence combinations and offences, crim_thb's victims, extras. */
export function measuresOf(sums: ScopeSums, masks: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of ROLLUP_COLUMNS) if (!UNSHOWN_COLUMNS.has(c)) out.set(c, 0);
  for (const m of masks) out.set(`combo_${m}`, 0);
  for (const o of OFFENCES) out.set(`offence_${o}`, 0);
  out.set(thbMeasure('victims'), 0);
  for (const x of SEXES) out.set(thbMeasure('victims', `sex_${x}`), 0);
  for (const c of CITIZENSHIP_GROUPS) out.set(thbMeasure('victims', `cit_${c}`), 0);
  for (const a of AGE_GROUPS) out.set(thbMeasure('victims', `age_${a}`), 0);
  const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v);
  for (const [mask, s] of sums.byMask) {
    // The victims of trafficking cases (crim_thb): by sex, citizenship group and age group.
    if (mask & TRAFFICKING_MASK) {
      add(thbMeasure('victims'), s.victims ?? 0);
      for (const x of SEXES) add(thbMeasure('victims', `sex_${x}`), s[`v_sex_${x}`] ?? 0);
      for (const c of CITIZENSHIP_GROUPS)
        for (const a of AGE_GROUPS) {
          add(thbMeasure('victims', `cit_${c}`), s[`v_cit_${c}_${a}`] ?? 0);
          add(thbMeasure('victims', `age_${a}`), s[`v_cit_${c}_${a}`] ?? 0);
        }
    }
    for (const c of ROLLUP_COLUMNS) if (!UNSHOWN_COLUMNS.has(c)) add(c, s[c] ?? 0);
    add(`combo_${mask}`, s.cases ?? 0);
    for (const o of OFFENCES) if (mask & offenceBit(o)) add(`offence_${o}`, s.cases ?? 0);
  }
  out.set(
    'p_prosecuted',
    sexCols('p_prosecuted_sex').reduce((n, c) => n + (out.get(c) ?? 0), 0),
  );
  out.set(
    'p_convicted',
    sexCols('p_convicted_sex').reduce((n, c) => n + (out.get(c) ?? 0), 0),
  );
  for (const [k, v] of Object.entries(sums.extra)) out.set(k, v);
  // Cells that state a relation only (never shown): the victims of each age group, 0–14 + 15–17 for children.
  for (const a of AGE_GROUPS)
    out.set(
      `aux_age_${a}`,
      AGE_BANDS_BY_GROUP[a].reduce((n, b) => n + (out.get(`v_age_${b}`) ?? 0), 0),
    );
  return out;
}

/** The relations inside one scope: parts that add up to a whole, by measure name. */
function relationsOf(
  masks: readonly number[],
  extraGroups: readonly { parts: string[]; whole: string }[] = [],
): { parts: string[]; whole: string }[] {
  const out: { parts: string[]; whole: string }[] = [];
  for (const d of Object.values(CASE_DIMENSIONS))
    out.push({ parts: d.values.map((v) => `${d.prefix}_${v}`), whole: 'cases' });
  out.push({ parts: masks.map((m) => `combo_${m}`), whole: 'cases' });
  for (const o of OFFENCES)
    out.push({
      parts: masks.filter((m) => m & offenceBit(o as Offence)).map((m) => `combo_${m}`),
      whole: `offence_${o}`,
    });
  for (const r of PARTY_ROLES) {
    const prefix = r === 'victim' ? 'v' : 'p';
    for (const [dim, d] of Object.entries(PARTY_DIMENSIONS))
      out.push({
        parts: d.values.map((v) => `${prefix}_${dim}_${v}`),
        whole: r === 'victim' ? 'victims' : 'perpetrators',
      });
  }
  out.push({ parts: sexCols('p_prosecuted_sex'), whole: 'p_prosecuted' });
  out.push({ parts: sexCols('p_convicted_sex'), whole: 'p_convicted' });
  for (const a of AGE_GROUPS)
    out.push({ parts: AGE_BANDS_BY_GROUP[a].map((b) => `v_age_${b}`), whole: `aux_age_${a}` });
  // crim_thb: the trafficking victims by sex, citizenship group and age group; the persons of each status by sex.
  for (const part of ['sex', 'cit', 'age'] as const) {
    const values = { sex: SEXES, cit: CITIZENSHIP_GROUPS, age: AGE_GROUPS }[part];
    out.push({ parts: values.map((v) => thbMeasure('victims', `${part}_${v}`)), whole: thbMeasure('victims') });
  }
  for (const st of THB_STATUSES)
    out.push({ parts: SEXES.map((x) => thbMeasure(st, `sex_${x}`)), whole: thbMeasure(st) });
  out.push(...extraGroups);
  for (const r of SLACKS) out.push({ parts: [r.part, slackMeasure(r)], whole: r.whole });
  return out.filter((g) => g.parts.length > 0);
}

export type CubeScope = { key: string; counties: readonly string[] };

export type Cube = {
  threshold: number;
  /** The count of a measure in a scope (a county code, 'region:<name>' or 'SE'). */
  get(scope: string, measure: string): Count;
  masks: readonly number[];
};

export const NATION = 'SE';

export function regionKey(region: string): string {
  return `region:${region}`;
}

/** Counties, their police regions and the nation, each a scope. */
export function scopesOf(counties: readonly { code: string; policeRegion: string }[]): CubeScope[] {
  const regions = [...new Set(counties.map((c) => c.policeRegion))];
  return [
    ...counties.map((c) => ({ key: c.code, counties: [c.code] })),
    ...regions.map((r) => ({
      key: regionKey(r),
      counties: counties.filter((c) => c.policeRegion === r).map((c) => c.code),
    })),
    { key: NATION, counties: counties.map((c) => c.code) },
  ];
}

export type CubeOptions = {
  counties: readonly { code: string; policeRegion: string }[];
  sums: ReadonlyMap<string, ScopeSums>;
  threshold: number;
  extraGroups?: readonly { parts: string[]; whole: string }[];
};

/** Every scope's figures as one flat list of cells: cell(scope, measure) = scope × M + measure. */
type Table = {
  scopes: CubeScope[];
  masks: number[];
  measureNames: string[];
  index: Map<string, number>;
  scopeIndex: Map<string, number>;
  M: number;
  values: number[];
  unpublished: boolean[];
};

function tableOf(options: CubeOptions): Table {
  const scopes = scopesOf(options.counties);
  const masks = [...new Set([...options.sums.values()].flatMap((s) => [...s.byMask.keys()]))].sort((a, b) => a - b);
  // Figures per county once; a region's and the nation's are sums of their counties' figures.
  const byCounty = new Map(
    options.counties.map((c) => [c.code, measuresOf(options.sums.get(c.code) ?? emptyScopeSums(), masks)]),
  );
  for (const figures of byCounty.values())
    for (const r of SLACKS) figures.set(slackMeasure(r), (figures.get(r.whole) ?? 0) - (figures.get(r.part) ?? 0));
  const perScope = scopes.map((scope) => {
    if (scope.counties.length === 1 && scope.key === scope.counties[0]) return byCounty.get(scope.key)!;
    const total = new Map<string, number>();
    for (const code of scope.counties) for (const [k, v] of byCounty.get(code)!) total.set(k, (total.get(k) ?? 0) + v);
    return total;
  });
  // Sorted: the rows arrive in any order, and the cached patterns are keyed by position.
  const measureNames = [...new Set(perScope.flatMap((m) => [...m.keys()]))].sort();
  const index = new Map(measureNames.map((m, i) => [m, i]));
  const M = measureNames.length;
  const values: number[] = new Array(scopes.length * M).fill(0);
  const unpublished: boolean[] = new Array(scopes.length * M).fill(false);
  scopes.forEach((_, si) => {
    for (const [m, v] of perScope[si]!) values[si * M + index.get(m)!] = v;
    // Cells named aux_* state a relation only (e.g. the persons per offence combination, decision 014).
    for (const [m, mi] of index) if (m.startsWith('aux_')) unpublished[si * M + mi] = true;
    // Breakdowns are published for the nation and for police regions of at least BREAKDOWN_CASES
    // cases; a county's and a smaller region's figures are their case count (decision 017).
    const county = scopes[si]!.counties.length === 1 && scopes[si]!.key === scopes[si]!.counties[0];
    // crim_thb is published for the country only (the Eurostat export is national).
    if (scopes[si]!.key !== NATION)
      for (const [m, mi] of index) if (m.startsWith('thb_')) unpublished[si * M + mi] = true;
    if (county || (scopes[si]!.key !== NATION && (perScope[si]!.get('cases') ?? 0) < BREAKDOWN_CASES))
      for (const [m, mi] of index) if (!COUNTY_MEASURES.has(m) && !UNPROTECTED.test(m)) unpublished[si * M + mi] = true;
  });
  const scopeIndex = new Map(scopes.map((s, i) => [s.key, i]));
  return { scopes, masks, measureNames, index, scopeIndex, M, values, unpublished };
}

/** The figures of a county (and of a small police region) a protected viewer is shown (decision 017). */
const COUNTY_MEASURES: ReadonlySet<string> = new Set(['cases']);

/** A police region's breakdowns are shown to protected viewers from this many cases in the year. */
const BREAKDOWN_CASES = 20;

/** Figures that are not about persons (trainings, meetings, action items): shown as they are (issue 14). */
const UNPROTECTED =
  /^(trainings|participants|participants_.*|theme_.*|meetings|organisations|action_open|action_overdue)$/;

/** Case counts at least this large are never hidden in a county (the nation's and the regions' never, unless small). */
const ALWAYS_SHOWN_CASES = 20;
/** The case count from which a scope's is never hidden (keepShown). */
const keptShownFrom = (scope: ProtectionScope, threshold: number) =>
  scope.kind === 'county' ? Math.max(threshold, ALWAYS_SHOWN_CASES) : threshold;

/**
 * crim_thb's figures are a part of the dashboard's: the trafficking victims (of a sex, an age
 * group) of all victims (of that sex, those age bands); the persons suspected and prosecuted for
 * trafficking (of a sex) of all persons suspected and prosecuted. (A conviction for trafficking
 * may be on appeal, so the convicted have no single whole.)
 */
const THB_SLACKS: readonly { part: string; whole: string }[] = [
  { part: thbMeasure('victims'), whole: 'victims' },
  ...SEXES.map((x) => ({ part: thbMeasure('victims', `sex_${x}`), whole: `v_sex_${x}` })),
  ...AGE_GROUPS.map((a) => ({ part: thbMeasure('victims', `age_${a}`), whole: `aux_age_${a}` })),
  { part: thbMeasure('suspected'), whole: 'perpetrators' },
  ...SEXES.map((x) => ({ part: thbMeasure('suspected', `sex_${x}`), whole: `p_sex_${x}` })),
  { part: thbMeasure('prosecuted'), whole: personMeasure('prosecuted') },
  ...SEXES.map((x) => ({ part: thbMeasure('prosecuted', `sex_${x}`), whole: personMeasure('prosecuted', `sex_${x}`) })),
];

/**
 * What readers know beside the sums, as sums with an unpublished slack (whole − part ≥ 0): a
 * funnel step is reached by at most the cases; each case that reached prosecution or a
 * conviction has at least one perpetrator who did; those perpetrators, by sex, are perpetrators.
 */
const SLACKS: readonly { part: string; whole: string }[] = [
  ...THB_SLACKS,
  ...FUNNEL_STEPS.map((f) => ({ part: `reached_${f}`, whole: 'cases' })),
  ...(['prosecuted', 'convicted'] as const).flatMap((step) => [
    { part: `reached_${step}`, whole: `p_${step}` },
    ...SEXES.map((s) => ({ part: `p_${step}_sex_${s}`, whole: `p_sex_${s}` })),
  ]),
];
const slackMeasure = (r: { part: string; whole: string }) => `aux_slack_${r.part}_${r.whole}`;

/**
 * What a county insider can work out whatever is hidden, because a police region's case count is
 * always shown (issue 14): the rest of their region's cases. When that is fewer than threshold − 2,
 * every other county of the region and the region itself are within fewer values than the rule
 * asks; when one other county holds all of it, that county's case count is exact (decision 017).
 */
function alsoKnownOf(t: Table, scopes: readonly ProtectionScope[], threshold: number): Map<number, number[]> {
  const cases = t.index.get('cases')!;
  const casesOf = (sc: number) => t.values[sc * t.M + cases]!;
  const out = new Map<number, number[]>();
  const knows = (cell: number, insider: number) => (out.get(cell) ?? out.set(cell, []).get(cell)!).push(insider);
  scopes.forEach((region, r) => {
    if (region.kind !== 'region' || casesOf(r) < threshold) return; // a small region's count is hidden
    const members = scopes.flatMap((x, i) => (x.kind === 'county' && x.region === r ? [i] : []));
    for (const insider of members) {
      const others = members.filter((c) => c !== insider);
      if (casesOf(r) - casesOf(insider) < threshold - 2) {
        for (const sc of [r, ...others]) for (let m = 0; m < t.M; m++) knows(sc * t.M + m, insider);
      } else {
        const withCases = others.filter((c) => casesOf(c) > 0);
        if (withCases.length === 1) knows(withCases[0]! * t.M + cases, insider);
      }
    }
  });
  return out;
}

/** The relations inside each scope and across scopes, as protect() reads them (by measure index). */
function protectionInputOf(t: Table, options: CubeOptions): ProtectionInput {
  const scopeIndex = t.scopeIndex;
  const scopes: ProtectionScope[] = t.scopes.map((s) => {
    if (s.key === NATION) return { kind: 'nation' };
    if (s.key.startsWith('region:')) return { kind: 'region' };
    const region = options.counties.find((c) => c.code === s.key)!.policeRegion;
    return { kind: 'county', region: scopeIndex.get(regionKey(region))! };
  });
  const relations: MeasureRelation[] = [];
  for (const r of relationsOf(t.masks, options.extraGroups)) {
    const parts = r.parts.filter((p) => t.index.has(p)).map((p) => t.index.get(p)!);
    const whole = t.index.get(r.whole);
    if (parts.length > 0 && whole !== undefined) relations.push({ parts, whole });
  }
  const unprotected = t.measureNames.map((m) => UNPROTECTED.test(m));
  const cases = t.index.get('cases')!;
  const keepShown = t.values.map(
    (v, i) => v >= keptShownFrom(scopes[Math.floor(i / t.M)]!, options.threshold) && i % t.M === cases,
  );
  return {
    threshold: options.threshold,
    scopes,
    alsoKnown: alsoKnownOf(t, scopes, options.threshold),
    measureCount: t.M,
    values: t.values,
    relations,
    unpublished: t.unpublished,
    unprotected,
    keepShown,
  };
}

/** A release's content (issue 14): every cell as published, never a hidden value. */
export type ReleaseContent = {
  /**
   * 2: kept-shown case counts are never hidden and rounded cells are coded in base 32 (roundedCell);
   * 1 (releases made before 2026-12-04): a case count may be hidden, rounded cells in base 4.
   */
  format: number;
  scopes: string[];
  measures: string[];
  /** A count, or PROTECTED_CELL ("×"), or UNPUBLISHED_CELL ("–"), or a rounded count (roundedCell). */
  cells: number[];
  hiddenCells: number;
  /** Case counts shown as an interval, so that no case count readers rely on is hidden. */
  roundedCells: number;
  /** Of the full figures it was made from. */
  fingerprint: string;
};

const PROTECTED_CELL = -1;
const UNPUBLISHED_CELL = -2;
const FORMAT = 2;
/** The base rounded cells are coded in, by release format: k of width = threshold × 2^k is below it. */
const roundingBase = (format: number | undefined) => ((format ?? 1) >= 2 ? 32 : 4);
/**
 * A count shown rounded to `width` = threshold × 2^k (roundingWidths) is stored as
 * −3 − (base × the low end of its interval + k); the release's threshold gives the width back.
 */
function roundedCell(value: number, width: number, threshold: number): number {
  const base = roundingBase(FORMAT);
  const k = Math.log2(width / threshold);
  if (!Number.isInteger(k) || k < 0 || k >= base)
    throw new Error(`no rounding width ${width} at threshold ${threshold}`);
  return -3 - (base * roundedInterval(value, width).low + k);
}
const isRoundedCell = (c: number) => c <= -3;
/** The interval of a stored rounded cell. */
function intervalOfCell(c: number, threshold: number, format: number | undefined): { low: number; high: number } {
  const base = roundingBase(format);
  const x = -3 - c;
  const k = x % base;
  const low = (x - k) / base;
  return { low, high: low + threshold * 2 ** k - 1 };
}

/** The fingerprint of the full figures, to tell whether a year changed since its last release. */
export function figuresFingerprint(options: CubeOptions): string {
  const t = tableOf(options);
  // Open and overdue action items depend on the day they are counted, not on a correction.
  const values = t.values.filter((_, i) => !t.measureNames[i % t.M]!.startsWith('action_'));
  return `${options.threshold}|${t.measureNames.join(',')}|${t.scopes.map((s) => s.key).join(',')}|${fingerprint(values)}`;
}

/** What releaseContentOf needs of a year's last release. */
export type EarlierRelease = Pick<ReleaseContent, 'scopes' | 'measures' | 'cells'> & {
  threshold: number;
  format?: number | null;
};

/**
 * Protect the figures of all scopes together: one pattern for every protected viewer (decision
 * 017), frozen as a release. `earlier`: the year's last release, whose hidden cells stay hidden
 * (a cell shown now but hidden before would give its old value away where it did not change) and
 * whose rounded counts stay rounded. A case count kept shown now that it hid is either one that
 * has changed since (it was below the count it would have been kept shown from), and is free, or
 * is shown at the widest rounding, which tells no more than hiding it.
 */
export function releaseContentOf(options: CubeOptions, earlier?: EarlierRelease): ReleaseContent {
  const t = tableOf(options);
  const input = protectionInputOf(t, options);
  const hidden = new Array<boolean>(t.values.length).fill(false);
  const rounded = new Array<number>(t.values.length).fill(0);
  let largest = 0;
  if (earlier) {
    const E = earlier.measures.length;
    earlier.cells.forEach((c, i) => {
      const si = t.scopeIndex.get(earlier.scopes[Math.floor(i / E)]!);
      const mi = t.index.get(earlier.measures[i % E]!);
      if (si === undefined || mi === undefined) return;
      const cell = si * t.M + mi;
      if (isRoundedCell(c)) {
        const { low, high } = intervalOfCell(c, earlier.threshold, earlier.format ?? undefined);
        rounded[cell] = high - low + 1;
      } else if (c === PROTECTED_CELL) {
        const changed =
          (earlier.format ?? 1) >= 2 &&
          input.keepShown![cell] &&
          t.values[cell]! >= keptShownFrom(input.scopes[si]!, earlier.threshold);
        hidden[cell] = !changed;
      }
      if (t.scopes[si]!.key === NATION && t.measureNames[mi] === 'cases')
        largest = Math.max(
          largest,
          c >= 0 ? c : isRoundedCell(c) ? intervalOfCell(c, earlier.threshold, earlier.format ?? undefined).high : 0,
        );
    });
  }
  const protection = protect({ ...input, hidden, rounded, largest });
  const cells = t.values.map((v, i) =>
    t.unpublished[i]
      ? UNPUBLISHED_CELL
      : protection.hidden[i]
        ? PROTECTED_CELL
        : protection.rounded[i]
          ? roundedCell(v, protection.rounded[i]!, options.threshold)
          : v,
  );
  return {
    format: FORMAT,
    scopes: t.scopes.map((s) => s.key),
    measures: t.measureNames,
    cells,
    hiddenCells: cells.filter((c) => c === PROTECTED_CELL).length,
    roundedCells: cells.filter(isRoundedCell).length,
    fingerprint: figuresFingerprint(options),
  };
}

/**
 * The figures a protected viewer is shown for a year: its release's, or none ("–") when the year
 * is not released; `known`: the viewer's own counties' full figures (live), shown in full.
 */
export function releasedCube(
  content: (Pick<ReleaseContent, 'scopes' | 'measures' | 'cells'> & { format?: number | null }) | null,
  threshold: number,
  known: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
): Cube {
  const scopeIndex = new Map((content?.scopes ?? []).map((s, i) => [s, i]));
  const index = new Map((content?.measures ?? []).map((m, i) => [m, i]));
  const M = index.size;
  const masks = [...index.keys()].filter((m) => m.startsWith('combo_')).map((m) => Number(m.slice(6)));
  for (const figures of known.values())
    for (const m of figures.keys())
      if (m.startsWith('combo_') && (figures.get(m) ?? 0) > 0) masks.push(Number(m.slice(6)));
  return {
    threshold,
    masks: [...new Set(masks)].sort((a, b) => a - b),
    get(scope, measure) {
      const own = known.get(scope);
      if (own && !measure.startsWith('aux_')) return countOf(own.get(measure) ?? 0);
      if (!content) return NOT_PUBLISHED;
      const si = scopeIndex.get(scope);
      if (si === undefined) return NOT_PUBLISHED;
      const mi = index.get(measure);
      // A combination of offences the release does not name had no cases; a figure it does not
      // have was not published in it (a release made before the figure existed).
      if (mi === undefined) return measure.startsWith('combo_') ? countOf(0) : NOT_PUBLISHED;
      const c = content.cells[si * M + mi]!;
      if (isRoundedCell(c)) return roundedCount(intervalOfCell(c, threshold, content.format ?? undefined));
      return c === PROTECTED_CELL ? HIDDEN : c === UNPUBLISHED_CELL ? NOT_PUBLISHED : countOf(c);
    },
  };
}

const HIDDEN: Count = { value: null, suppressed: true, reason: 'protected' };
const NOT_PUBLISHED: Count = { value: null, suppressed: true, reason: 'unpublished' };
/** A count shown as the interval it lies in: not a number anything is computed from (shares, changes). */
const roundedCount = (range: { low: number; high: number }): Count => ({
  value: null,
  suppressed: true,
  reason: 'rounded',
  range,
});

/** Two independent 32-bit FNV-1a hashes over the values and their positions. */
function fingerprint(values: readonly number[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ values.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! | 0;
    a = Math.imul(a ^ v, 0x01000193) >>> 0;
    b = Math.imul(b ^ (v + i * 2654435761), 0x85ebca6b) >>> 0;
  }
  return `${values.length}:${a.toString(36)}:${b.toString(36)}:${values.reduce((x, y) => x + y, 0)}`;
}

export function countOf(value: number): Count {
  return { value, suppressed: false };
}
