// Every relation a reader of the products knows (issue 14, "the threat model"), written as linear
// constraints over cells: parts and totals, counties → police regions → nation, persons by legal
// status, the funnel's steps, a breakdown's parts ≤ its total. Built from the products' own
// listings (which categories, counties, regions and offence combinations exist), never from the
// protection's structures. The test checks every one of them against the true figures.
import { cellKey, NATION_SCOPE, parseCellKey, regionScope, type Observed } from './products';

/** lower ≤ Σ coef × cell ≤ upper, over cell keys. */
export type Constraint = { terms: [string, number][]; lower: number; upper: number; name: string };

const sum = (name: string, parts: string[], whole: string): Constraint => ({
  name,
  terms: [...parts.map((p): [string, number] => [p, 1]), [whole, -1]],
  lower: 0,
  upper: 0,
});
/** Σ parts ≤ whole. */
const atMost = (name: string, parts: string[], whole: string): Constraint => ({
  ...sum(name, parts, whole),
  lower: -Infinity,
});
/** Σ parts ≥ whole. */
const atLeast = (name: string, parts: string[], whole: string): Constraint => ({
  ...sum(name, parts, whole),
  upper: Infinity,
});

/** Measures by dimension prefix (`coercion:…`), as the products name them. */
function dimensions(measures: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of measures) {
    const i = m.lastIndexOf(':');
    if (i < 0) continue;
    const prefix = m.slice(0, i);
    (out.get(prefix) ?? out.set(prefix, []).get(prefix)!).push(m);
  }
  return out;
}

/** The scopes of the products: every county, its police region, and the nation. */
export function scopesOf(o: Observed): { counties: string[]; regions: Map<string, string[]> } {
  const regions = new Map<string, string[]>();
  for (const [code, region] of o.counties) (regions.get(region) ?? regions.set(region, []).get(region)!).push(code);
  return { counties: [...o.counties.keys()], regions };
}

/** Every relation among the cells of one calendar year. */
export function relationsOf(o: Observed, year: number): Constraint[] {
  const measures = new Set<string>();
  for (const key of o.marks.keys()) {
    const c = parseCellKey(key);
    if (c.year === year) measures.add(c.measure);
  }
  for (const combo of o.combos.keys()) measures.add(`combo:${combo}`);
  const dims = dimensions(measures);
  const { regions } = scopesOf(o);
  const scopes = [...o.counties.keys(), ...[...regions.keys()].map(regionScope), NATION_SCOPE];
  const out: Constraint[] = [];

  for (const scope of scopes) {
    const k = (m: string) => cellKey(year, scope, m);
    const of = (prefix: string) => (dims.get(prefix) ?? []).map(k);
    const name = (what: string) => `${scope} ${year}: ${what}`;
    // Each case has one value of each case dimension; each party one sex, age band and origin.
    for (const d of ['crime', 'coercion', 'body'])
      if (dims.has(d)) out.push(sum(name(`${d} = cases`), of(d), k('cases')));
    for (const role of ['victims', 'perpetrators'])
      for (const d of ['sex', 'age', 'origin'])
        if (dims.has(`${role}.${d}`)) out.push(sum(name(`${role} by ${d}`), of(`${role}.${d}`), k(role)));
    // Offence combinations: listed ones add up to the cases; every offence is the combinations with it.
    const listed = o.listedCombos.get(`${year}|${scope}`);
    if (listed) {
      for (const combo of o.combos.keys())
        if (!listed.has(combo))
          out.push({
            name: name(`combination ${combo} not listed`),
            terms: [[k(`combo:${combo}`), 1]],
            lower: 0,
            upper: 0,
          });
      out.push(
        sum(
          name('combinations = cases'),
          [...o.combos.keys()].map((c) => k(`combo:${c}`)),
          k('cases'),
        ),
      );
      for (const offence of dims.get('offence') ?? []) {
        const key = offence.slice('offence:'.length);
        const parts = [...o.combos].filter(([, offences]) => offences.includes(key)).map(([c]) => k(`combo:${c}`));
        out.push(sum(name(`${offence} = its combinations`), parts, k(offence)));
      }
    }
    // Every case has at least one offence, and a breakdown's part is at most its total.
    if (dims.has('offence')) {
      out.push(atLeast(name('offences ≥ cases'), of('offence'), k('cases')));
      for (const offence of of('offence')) out.push(atMost(name(`${offence} ≤ cases`), [offence], k('cases')));
    }
    // The funnel: each step reached by at most the year's cases. Not step by step: a conviction
    // needs no prosecution (a penalty order), and the true figures show more convicted than
    // prosecuted cases in several counties.
    for (const step of dims.get('funnel') ?? []) out.push(atMost(name(`${step} ≤ cases`), [k(step)], k('cases')));
    // Persons by legal status (decision 014): the suspected are the perpetrators; each status by sex.
    if (measures.has('persons:suspected'))
      out.push(sum(name('suspected = perpetrators'), [k('persons:suspected')], k('perpetrators')));
    for (const sexPart of dims.get('perpetrators.sex') ?? []) {
      const suspected = `persons:suspected.sex:${sexPart.slice('perpetrators.sex:'.length)}`;
      if (measures.has(suspected)) out.push(sum(name(`${suspected} = ${sexPart}`), [k(suspected)], k(sexPart)));
    }
    for (const status of [...measures].filter((m) => /^persons:[a-z_]+$/.test(m))) {
      if (dims.has(`${status}.sex`)) out.push(sum(name(`${status} by sex`), of(`${status}.sex`), k(status)));
      if (dims.has(`${status}.offence`)) {
        out.push(atLeast(name(`${status}: offences ≥ persons`), of(`${status}.offence`), k(status)));
        for (const part of of(`${status}.offence`)) out.push(atMost(name(`${part} ≤ ${status}`), [part], k(status)));
      }
    }
    out.push(...eurostatRelations(measures, dims, k, name));
    // A police region's breakdowns are published from 20 cases in the year (README): none, fewer.
    if (scope.startsWith('region:') && o.unpublished.has(k('victims')) && !o.known.has(k('cases')))
      out.push({ name: name('no breakdowns: fewer than 20 cases'), terms: [[k('cases'), 1]], lower: 0, upper: 19 });
  }
  // Counties add up to their police region, the regions to the nation, for every measure but
  // Eurostat's (national only: no county or region has them, so the sums would tell nothing).
  for (const m of measures) {
    if (m.startsWith('eurostat:')) continue;
    const k = (scope: string) => cellKey(year, scope, m);
    for (const [region, counties] of regions)
      out.push(sum(`${region} ${year}: ${m} by county`, counties.map(k), k(regionScope(region))));
    out.push(
      sum(
        `SE ${year}: ${m} by region`,
        [...regions.keys()].map((r) => k(regionScope(r))),
        k(NATION_SCOPE),
      ),
    );
  }
  return out;
}

/** The constraints the given figures break (a relation that cuts off the truth is wrong). */
export function brokenBy(constraints: readonly Constraint[], value: (key: string) => number): Constraint[] {
  return constraints.filter((c) => {
    const v = c.terms.reduce((s, [key, coef]) => s + coef * value(key), 0);
    return v < c.lower || v > c.upper;
  });
}

/** The Eurostat age groups in the register's age bands (docs/statistics-mapping.md). */
const EUROSTAT_AGE: Record<string, (band: string) => boolean> = {
  Y_LT18: (b) => b === '0_14' || b === '15_17',
  UNK: (b) => b === 'unknown',
  Y_GE18: (b) => b !== '0_14' && b !== '15_17' && b !== 'unknown',
};
const EUROSTAT_SEX: Record<string, string> = { F: 'woman', M: 'man', UNK: 'unknown' };

/**
 * The Eurostat export (crim_thb, national; docs/statistics-mapping.md): trafficking victims and
 * the persons suspected, prosecuted and convicted of trafficking. Each status's F + M + UNK is at
 * most its total (a person of the register's sex "other" is in the total only); the victims'
 * citizenship groups and age groups add up to them; each is a part of the dashboard's figure of all
 * offences (victims, of that sex, of those age bands; perpetrators; persons prosecuted; persons
 * convicted at first instance or on appeal).
 */
function eurostatRelations(
  measures: ReadonlySet<string>,
  dims: ReadonlyMap<string, string[]>,
  k: (m: string) => string,
  name: (what: string) => string,
): Constraint[] {
  const out: Constraint[] = [];
  const whole: Record<string, string[]> = {
    PER_VICT: ['victims'],
    PER_SUSP: ['perpetrators'],
    PER_PRSC: ['persons:prosecuted'],
    PER_CNV: ['persons:convicted', 'persons:convicted_on_appeal'],
  };
  const sexWhole: Record<string, (sex: string) => string[]> = {
    PER_VICT: (x) => [`victims.sex:${x}`],
    PER_SUSP: (x) => [`perpetrators.sex:${x}`],
    PER_PRSC: (x) => [`persons:prosecuted.sex:${x}`],
    PER_CNV: (x) => [`persons:convicted.sex:${x}`, `persons:convicted_on_appeal.sex:${x}`],
  };
  for (const status of Object.keys(whole)) {
    const total = `eurostat:${status}`;
    if (!measures.has(total)) continue;
    const known = (ms: string[]) => ms.filter((m) => measures.has(m)).map(k);
    const sexes = dims.get(`${total}.sex`) ?? [];
    out.push(atMost(name(`${total}: F + M + UNK ≤ total`), sexes.map(k), k(total)));
    const atMostSum = (what: string, part: string, wholes: string[]): Constraint => ({
      name: name(what),
      terms: [[part, 1], ...known(wholes).map((w): [string, number] => [w, -1])],
      lower: -Infinity,
      upper: 0,
    });
    if (whole[status]!.every((m) => measures.has(m)))
      out.push(atMostSum(`${total} ≤ all offences`, k(total), whole[status]!));
    for (const part of sexes) {
      const sex = EUROSTAT_SEX[part.split(':').at(-1)!]!;
      const wholes = sexWhole[status]!(sex);
      if (wholes.every((m) => measures.has(m))) out.push(atMostSum(`${part} ≤ all offences`, k(part), wholes));
    }
  }
  const victims = 'eurostat:PER_VICT';
  if (measures.has(victims)) {
    for (const d of ['citizen', 'age'])
      if (dims.has(`${victims}.${d}`))
        out.push(sum(name(`${victims} by ${d}`), (dims.get(`${victims}.${d}`) ?? []).map(k), k(victims)));
    const bands = dims.get('victims.age') ?? [];
    for (const part of dims.get(`${victims}.age`) ?? []) {
      const inGroup = EUROSTAT_AGE[part.split(':').at(-1)!]!;
      const wholes = bands.filter((b) => inGroup(b.slice('victims.age:'.length))).map(k);
      out.push({
        name: name(`${part} ≤ its age bands`),
        terms: [[k(part), 1], ...wholes.map((w): [string, number] => [w, -1])],
        lower: -Infinity,
        upper: 0,
      });
    }
  }
  return out;
}
