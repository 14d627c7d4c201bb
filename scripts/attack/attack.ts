// The attack on one viewer's products for one calendar year: every relation, every marker's
// meaning, whole non-negative counts, and the integer minimum and maximum of each hidden cell.
import { parseCellKey, type Observed } from './products';
import { relationsOf, type Constraint } from './relations';
import { integerRanges, type Range, type Unknown } from './solve';

/**
 * What a marker means, as the app explains it beside every protected figure ("counts below
 * {threshold} are shown as <5, and some other figures are hidden (×)"): "<5" is 1..threshold−1;
 * "×" hides a count that is not below the threshold (a zero is always shown).
 */
export function markerBounds(kind: HiddenKind, threshold: number): Unknown {
  if (kind === 'small') return { lower: 1, upper: threshold - 1 };
  // A bare "suppressed" (the Eurostat CSV): "<5" or "×", so not 0.
  return { lower: kind === 'hidden' ? threshold : 1, upper: Infinity };
}

type HiddenKind = 'small' | 'hidden' | 'suppressed';

/** A hidden cell and its integer range; `attacked` when a relation holds it (else its marker's bounds stand). */
export type CellResult = { key: string; kind: HiddenKind; range: Range; attacked: boolean };

export type YearAttack = {
  year: number;
  threshold: number;
  /** Every hidden cell of the year with its integer range. */
  cells: CellResult[];
  /** Cells one product hid and another showed. */
  exposed: number;
};

/** The width below which a cell counts as disclosed: the rule of issue 14 (at least threshold − 2 apart). */
export const narrowerThanRule = (r: Range, threshold: number) => r.max - r.min < threshold - 2;

/**
 * Attack the hidden cells of one year with the relations of that year (or the given ones); `only`:
 * attack just the hidden cells it accepts (the others still count as unknown).
 */
export async function attackYear(
  o: Observed,
  year: number,
  relations?: readonly Constraint[],
  only: (key: string) => boolean = () => true,
): Promise<YearAttack> {
  const constraints = relations ?? relationsOf(o, year);
  const unknowns = new Map<string, Unknown>();
  const targets: CellResult[] = [];
  for (const [key, mark] of o.marks) {
    if (mark.kind === 'value' || parseCellKey(key).year !== year) continue;
    unknowns.set(key, markerBounds(mark.kind, o.threshold));
    if (only(key)) targets.push({ key, kind: mark.kind, range: { min: 0, max: 0 }, attacked: false });
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
  );
  for (const t of targets) {
    const r = ranges.get(t.key);
    t.attacked = r !== undefined;
    t.range = r ?? { min: unknowns.get(t.key)!.lower, max: unknowns.get(t.key)!.upper };
  }
  const exposed = [...o.exposed].filter((k) => parseCellKey(k).year === year).length;
  return { year, threshold: o.threshold, cells: targets, exposed };
}

export type Summary = {
  year: number;
  hidden: number;
  attacked: number;
  narrower: number;
  pinned: number;
  exposed: number;
};

/** The figures of the report: hidden cells, how many attacked, narrower than the rule, pinned exactly. */
export function summarise(a: YearAttack): Summary {
  return {
    year: a.year,
    hidden: a.cells.length,
    attacked: a.cells.filter((c) => c.attacked).length,
    narrower: a.cells.filter((c) => narrowerThanRule(c.range, a.threshold)).length,
    pinned: a.cells.filter((c) => c.range.min === c.range.max).length,
    exposed: a.exposed,
  };
}
