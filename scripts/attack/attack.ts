// The attack on one viewer's products for one calendar year: every relation, every marker's
// meaning, whole non-negative counts, and the integer minimum and maximum of each hidden cell.
import { cellKey, parseCellKey, type Mark, type Observed } from './products';
import { relationsOf, type Constraint } from './relations';
import { integerRanges, type Range, type Unknown } from './solve';

/**
 * What a marker means, as the app explains it beside every protected figure (decision 017): "×"
 * is some whole number ≥ 0, and so is the Eurostat CSV's bare `suppressed`. The superseded rule's
 * markers (decision 006, the test fixture): "<5" is 1..threshold − 1, "×" a count not below it.
 */
export function markerBounds(kind: HiddenKind, threshold: number): Unknown {
  if (kind === 'small') return { lower: 1, upper: threshold - 1 };
  if (kind === 'hidden') return { lower: threshold, upper: Infinity };
  return { lower: 0, upper: Infinity };
}

type HiddenKind = 'protected' | 'suppressed' | 'small' | 'hidden';

/** What the attacker knows of a cell that is not shown as a value: its marker's bounds, or a rounded count's interval. */
function boundsOf(mark: Exclude<Mark, { kind: 'value' }>, threshold: number): Unknown {
  return mark.kind === 'rounded' ? { lower: mark.low, upper: mark.high } : markerBounds(mark.kind, threshold);
}

/** A hidden cell and its integer range; `attacked` when a relation holds it (else its marker's bounds stand). */
export type CellResult = { key: string; kind: HiddenKind; range: Range; attacked: boolean; exempt: boolean };

export type YearAttack = {
  year: number;
  threshold: number;
  /** Every hidden cell of the year with its integer range. */
  cells: CellResult[];
  /** Counts shown rounded (an interval): unknowns within it, not attacked (they are not small counts). */
  rounded: number;
  /** Cells one product hid and another showed. */
  exposed: number;
};

/** The width below which a cell counts as disclosed: the rule of issue 14 (at least threshold − 2 apart). */
export const narrowerThanRule = (r: Range, threshold: number) => r.max - r.min < threshold - 2;

/**
 * Attack the hidden cells of one year with the relations of that year (or the given ones); `only`:
 * attack just the hidden cells it accepts (the others still count as unknown). `ruleOnly`: stop
 * at what the rule asks — a cell shown to be at least threshold − 2 wide is not narrowed further
 * (its range is then a lower bound; "pinned" and "narrower" stay exact).
 */
export async function attackYear(
  o: Observed,
  year: number,
  relations?: readonly Constraint[],
  only: (key: string) => boolean = () => true,
  options: { ruleOnly?: boolean } = {},
): Promise<YearAttack> {
  const exempt = insiderExemptions(o, year);
  const constraints = relations ?? relationsOf(o, year);
  const unknowns = new Map<string, Unknown>();
  const targets: CellResult[] = [];
  let rounded = 0;
  for (const [key, mark] of o.marks) {
    if (mark.kind === 'value' || parseCellKey(key).year !== year) continue;
    unknowns.set(key, boundsOf(mark, o.threshold));
    if (mark.kind === 'rounded') rounded++;
    else if (only(key))
      targets.push({ key, kind: mark.kind, range: { min: 0, max: 0 }, attacked: false, exempt: exempt(key) });
  }
  // Cells no product shows at all (another county's breakdowns, for an insider): any whole count.
  for (const c of constraints)
    for (const [key] of c.terms)
      if (!o.marks.has(key) && !unknowns.has(key)) unknowns.set(key, { lower: 0, upper: Infinity });
  const known = (key: string) => {
    const m = o.marks.get(key);
    return m?.kind === 'value' ? m.value : undefined;
  };
  const ranges = await integerRanges(
    unknowns,
    constraints,
    known,
    targets.map((t) => t.key),
    options.ruleOnly ? o.threshold - 2 : Infinity,
  );
  for (const t of targets) {
    const r = ranges.get(t.key);
    t.attacked = r !== undefined;
    t.range = r ?? { min: unknowns.get(t.key)!.lower, max: unknowns.get(t.key)!.upper };
  }
  const exposed = [...o.exposed].filter((k) => parseCellKey(k).year === year).length;
  return { year, threshold: o.threshold, cells: targets, rounded, exposed };
}

/**
 * The cells decision 017 says no protection can keep from a county insider, because their police
 * region's case count is shown: when the region has fewer than threshold − 2 cases outside their
 * county, the other counties of the region and the region itself are within fewer values than
 * the rule asks; when one other county has all of them, its case count is exact. Worked out from
 * what the insider is shown and knows, not from the protection.
 */
export function insiderExemptions(o: Observed, year: number): (key: string) => boolean {
  const own = [...o.known].map(parseCellKey).filter((c) => c.year === year && c.measure === 'cases');
  const ownCounties = own.filter((c) => o.counties.has(c.scope));
  // A region insider knows their counties and the region: no exemption is claimed for them.
  if (ownCounties.length !== 1 || own.some((c) => c.scope.startsWith('region:'))) return () => false;
  const county = ownCounties[0]!.scope;
  const region = o.counties.get(county)!;
  const value = (key: string) => {
    const m = o.marks.get(key);
    return m?.kind === 'value' ? m.value : null;
  };
  const regionCases = value(cellKey(year, `region:${region}`, 'cases'));
  const mine = value(cellKey(year, county, 'cases'));
  if (regionCases === null || mine === null) return () => false;
  const others = [...o.counties].filter(([c, r]) => r === region && c !== county).map(([c]) => c);
  if (regionCases - mine < o.threshold - 2) {
    const scopes = new Set([`region:${region}`, ...others]);
    return (key) => scopes.has(parseCellKey(key).scope);
  }
  // One other county with cases (the rest shown as 0): its case count is the region's minus theirs.
  const withCases = others.filter((c) => value(cellKey(year, c, 'cases')) !== 0);
  if (withCases.length !== 1) return () => false;
  const only = cellKey(year, withCases[0]!, 'cases');
  return (key) => key === only;
}

export type Summary = {
  year: number;
  hidden: number;
  /** Counts shown rounded, as an interval. */
  rounded: number;
  attacked: number;
  /** Hidden cells no protection can keep from this insider (insiderExemptions): not counted as narrower. */
  exempt: number;
  narrower: number;
  pinned: number;
  exposed: number;
};

/** The figures of the report: hidden cells, how many attacked, narrower than the rule, pinned exactly. */
export function summarise(a: YearAttack): Summary {
  return {
    year: a.year,
    hidden: a.cells.length,
    rounded: a.rounded,
    attacked: a.cells.filter((c) => c.attacked).length,
    exempt: a.cells.filter((c) => c.exempt).length,
    narrower: a.cells.filter((c) => !c.exempt && narrowerThanRule(c.range, a.threshold)).length,
    pinned: a.cells.filter((c) => c.range.min === c.range.max).length,
    exposed: a.exposed,
  };
}
