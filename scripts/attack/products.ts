// What a viewer is shown, as the attacker reads it: every count of every product (the statistics
// API's dashboard JSON, the national overview), turned into one mark per cell of a calendar year.
// The attacker knows only these products' JSON, never the protection's internal structures.

/** A count as a product shows it (the API's `{ value, suppressed, reason, range }`). */
export type ShownCount = {
  value: number | null;
  suppressed: boolean;
  reason?: string;
  range?: { low: number; high: number };
};

/**
 * What the attacker learns of one cell: its value; "×" (protected: some whole number ≥ 0, decision
 * 017); a bare `suppressed` (the Eurostat CSV), the same. The superseded rule's markers (the
 * test fixture of decision 006) are "<5" (small: 1..threshold − 1) and "×" there meaning a
 * count not below the threshold (hidden). A rounded count ("25–29") is one of the values of its
 * interval: not hidden, but not a value either.
 */
export type Mark =
  | { kind: 'value'; value: number }
  | { kind: 'rounded'; low: number; high: number }
  | { kind: 'protected' }
  | { kind: 'suppressed' }
  | { kind: 'small' }
  | { kind: 'hidden' };

/** A cell: a scope (county code, `region:<name>` or `SE`) and a measure, in one calendar year. */
export const cellKey = (year: number, scope: string, measure: string): string => `${year}|${scope}|${measure}`;

export function parseCellKey(key: string): { year: number; scope: string; measure: string } {
  const [year, scope, ...rest] = key.split('|');
  return { year: Number(year), scope: scope!, measure: rest.join('|') };
}

export const NATION_SCOPE = 'SE';
export const regionScope = (name: string) => `region:${name}`;

type Row = { key: string; current: ShownCount; previous: ShownCount };
type PartyRows = { sex: Row[]; age: Row[]; origin: Row[] };

/** The part of the statistics API's answer the attacker reads (README: "Statistics API"). */
export type DashboardJson = {
  scope: { kind: 'county' | 'nation' | 'region'; code: string; policeRegion: string | null };
  period: { from: string; to: string };
  threshold: number;
  headline: { cases: Omit<Row, 'key'>; victims: Omit<Row, 'key'>; perpetrators: Omit<Row, 'key'> };
  byOffence: Row[];
  offenceCombinations: (Row & { offences: string[] })[];
  coercion: Row[];
  crimeEstablished: Row[];
  reportingBodies: Row[];
  victims: PartyRows;
  perpetrators: PartyRows;
  funnel: { step: string; current: ShownCount; previous: ShownCount }[];
  persons: { status: string; current: ShownCount; previous: ShownCount; bySex: Row[]; byOffence: Row[] }[];
  trend: { granularity: string; points: { start: string; value: ShownCount }[] };
};

type OverviewRowJson = {
  key: string;
  cases: { current: ShownCount; previous: ShownCount };
  victims: ShownCount;
  perpetrators: ShownCount;
  convicted: ShownCount;
};

/** The part of the national overview the attacker reads: counties, police regions, nation, trend. */
export type OverviewJson = {
  period: { from: string; to: string };
  threshold: number;
  counties: (OverviewRowJson & { code: string; policeRegion: string })[];
  regions: OverviewRowJson[];
  nation: OverviewRowJson;
  trend: { start: string; value: ShownCount }[];
};

/** The attacker's reading of what was shown: marks by cell, and what the product listings imply. */
export type Observed = {
  threshold: number;
  marks: Map<string, Mark>;
  /** Cells that one product hid and another showed (the shown value stands). */
  exposed: Set<string>;
  /** The counties and their police regions, as the overview lists them. */
  counties: Map<string, string>;
  /** Offence combinations every dashboard of `year|scope` listed: any other is 0 (a dashboard lists one unless it is 0 in both years). */
  listedCombos: Map<string, Set<string>>;
  /** Every offence combination any product named, with its offences. */
  combos: Map<string, readonly string[]>;
  /** Cells the viewer knows as an insider (their own county or region in full). */
  known: Set<string>;
  /** Cells a product says it does not publish (README: a region's breakdowns only from 20 cases). */
  unpublished: Set<string>;
};

export function emptyObserved(): Observed {
  return {
    threshold: 0,
    marks: new Map(),
    exposed: new Set(),
    counties: new Map(),
    listedCombos: new Map(),
    combos: new Map(),
    known: new Set(),
    unpublished: new Set(),
  };
}

/** The mark a count gives, or null for a figure the product says it does not publish. */
function markOf(c: ShownCount): Mark | null {
  if (!c.suppressed) return { kind: 'value', value: c.value ?? 0 };
  if (c.reason === 'unpublished') return null;
  if (c.reason === 'protected') return { kind: 'protected' };
  if (c.reason === 'rounded' && c.range) return { kind: 'rounded', low: c.range.low, high: c.range.high };
  if (c.reason === undefined) return { kind: 'suppressed' };
  throw new Error(`a marker the attacker does not know: ${c.reason}`);
}

/**
 * One more sighting of a cell: a value beats a marker; two different values are an error in the
 * products. `known`: what an insider knows of their own county or region (their full figures),
 * which is not a product showing what another hides.
 */
function see(o: Observed, key: string, count: ShownCount, known = false): void {
  const mark = markOf(count);
  if (!mark) {
    o.unpublished.add(key);
    return;
  }
  if (known && mark.kind === 'value') {
    const before = o.marks.get(key);
    if (before?.kind === 'value' && before.value !== mark.value)
      throw new Error(`two values for ${key}: ${before.value} and ${mark.value}`);
    o.marks.set(key, mark);
    o.known.add(key);
    return;
  }
  if (o.known.has(key)) return;
  const before = o.marks.get(key);
  if (!before) {
    o.marks.set(key, mark);
    return;
  }
  if (before.kind === 'value' && mark.kind === 'value') {
    if (before.value !== mark.value) throw new Error(`two values for ${key}: ${before.value} and ${mark.value}`);
    return;
  }
  if (before.kind !== 'value' && mark.kind !== 'value') {
    // The more telling marker stands ("<5" or "×" over a bare "suppressed").
    if (before.kind === 'suppressed') o.marks.set(key, mark);
    else if (mark.kind !== 'suppressed' && JSON.stringify(mark) !== JSON.stringify(before))
      throw new Error(`two markers for ${key}`);
    return;
  }
  o.exposed.add(key);
  if (mark.kind === 'value') o.marks.set(key, mark);
}

const yearOfDate = (d: string) => Number(d.slice(0, 4));

function threshold(o: Observed, t: number): void {
  if (o.threshold && o.threshold !== t) throw new Error(`products disagree on the threshold: ${o.threshold} and ${t}`);
  o.threshold = t;
}

/**
 * Every count of a dashboard (API JSON): the year's figures, the previous year's, and the trend's
 * years. `known`: an insider's own full dashboard (what they know, not what a product shows).
 */
export function readDashboard(o: Observed, d: DashboardJson, known = false): void {
  threshold(o, d.threshold);
  const year = yearOfDate(d.period.from);
  const scope =
    d.scope.kind === 'nation'
      ? NATION_SCOPE
      : d.scope.kind === 'region'
        ? regionScope(d.scope.policeRegion!)
        : d.scope.code;
  const both = (measure: string, r: { current: ShownCount; previous: ShownCount }) => {
    see(o, cellKey(year, scope, measure), r.current, known);
    see(o, cellKey(year - 1, scope, measure), r.previous, known);
  };
  const rows = (prefix: string, list: Row[]) => {
    for (const r of list) both(`${prefix}:${r.key}`, r);
  };
  both('cases', d.headline.cases);
  both('victims', d.headline.victims);
  both('perpetrators', d.headline.perpetrators);
  rows('offence', d.byOffence);
  rows('combo', d.offenceCombinations);
  const listed = new Set(d.offenceCombinations.map((r) => r.key));
  for (const r of d.offenceCombinations) o.combos.set(r.key, r.offences);
  // An insider's own full dashboard leaves out a combination that is 0 in both years: they know it.
  if (known)
    for (const combo of o.combos.keys())
      if (!listed.has(combo))
        for (const y of [year, year - 1])
          see(o, cellKey(y, scope, `combo:${combo}`), { value: 0, suppressed: false }, true);
  // A combination left out is 0 in both years; two listings of one year: only what both list may be more.
  for (const k of [`${year}|${scope}`, `${year - 1}|${scope}`]) {
    const before = o.listedCombos.get(k);
    o.listedCombos.set(k, before ? new Set([...before].filter((c) => listed.has(c))) : new Set(listed));
  }
  rows('coercion', d.coercion);
  rows('crime', d.crimeEstablished);
  rows('body', d.reportingBodies);
  for (const [role, p] of [
    ['victims', d.victims],
    ['perpetrators', d.perpetrators],
  ] as const) {
    rows(`${role}.sex`, p.sex);
    rows(`${role}.age`, p.age);
    rows(`${role}.origin`, p.origin);
  }
  for (const f of d.funnel) if (f.step !== 'reported') both(`funnel:${f.step}`, f);
  for (const p of d.persons) {
    both(`persons:${p.status}`, p);
    rows(`persons:${p.status}.sex`, p.bySex);
    rows(`persons:${p.status}.offence`, p.byOffence);
  }
  if (d.trend.granularity === 'year')
    for (const pt of d.trend.points) see(o, cellKey(yearOfDate(pt.start), scope, 'cases'), pt.value, known);
}

/** Every count of the national overview: each county, police region and the nation, and the nation's trend. */
export function readOverview(o: Observed, v: OverviewJson): void {
  threshold(o, v.threshold);
  const year = yearOfDate(v.period.from);
  for (const c of v.counties) o.counties.set(c.code, c.policeRegion);
  const row = (scope: string, r: OverviewRowJson) => {
    see(o, cellKey(year, scope, 'cases'), r.cases.current);
    see(o, cellKey(year - 1, scope, 'cases'), r.cases.previous);
    see(o, cellKey(year, scope, 'victims'), r.victims);
    see(o, cellKey(year, scope, 'perpetrators'), r.perpetrators);
    see(o, cellKey(year, scope, 'funnel:convicted'), r.convicted);
  };
  for (const c of v.counties) row(c.code, c);
  for (const r of v.regions) row(regionScope(r.key.replace(/^region:/, '')), r);
  row(NATION_SCOPE, v.nation);
  for (const pt of v.trend) see(o, cellKey(yearOfDate(pt.start), NATION_SCOPE, 'cases'), pt.value);
}

/** One observation of the Eurostat export (`/api/export/statistics-eurostat.csv`, SDMX-CSV: its codes, value and flag). */
export type EurostatObservationJson = {
  leg_stat: string;
  sex: string;
  citizen: string;
  age: string;
  year: number;
  count: { value: number | null; suppressed: boolean };
};

/** The measure an observation counts: `eurostat:<leg_stat>[.sex:<code> | .citizen:<code> | .age:<code>]`. */
function eurostatMeasure(r: EurostatObservationJson): string {
  const base = `eurostat:${r.leg_stat}`;
  if (r.sex !== 'T') return `${base}.sex:${r.sex}`;
  if (r.citizen !== 'TOTAL') return `${base}.citizen:${r.citizen}`;
  if (r.age !== 'TOTAL') return `${base}.age:${r.age}`;
  return base;
}

/** Every observation of the Eurostat export (national), as the CSV gives it (a value, or the flag c). */
export function readEurostat(o: Observed, observations: readonly EurostatObservationJson[]): void {
  for (const r of observations)
    see(o, cellKey(r.year, NATION_SCOPE, eurostatMeasure(r)), { value: r.count.value, suppressed: r.count.suppressed });
}
