// The shapes in which every statistics product shows its figures (dashboard, overview, report,
// API, exports), and the shares, rates and changes built on them. Pure and client-safe: the pages
// and the data layer read the same types.

/**
 * A count as every product shows it: the number, or null and suppressed — protected ("×"), not
 * published ("–"), or rounded: shown as the interval `range` it lies in (decision 017).
 */
export type Count = {
  value: number | null;
  suppressed: boolean;
  reason?: 'protected' | 'unpublished' | 'rounded';
  range?: { low: number; high: number };
};
/** A share, rate, change or median: hidden whenever a count it is built on is hidden. */
export type Ratio = { value: number | null; suppressed: boolean };
export type Figure = { current: Count; previous: Count; change: Ratio };
export type RatioFigure = { current: Ratio; previous: Ratio };
/** One category value's figure: `key` is the value (an enum's, e.g. an Offence), which names its label. */
export type CategoryRow<Key extends string = string> = { key: Key } & Figure;

/** The count of a measure by name: from the rollups in full, or from a suppressed cube. */
export type Lookup = (measure: string) => Count;

export function ratio(numerator: Count, denominator: Count, scale = 1): Ratio {
  if (numerator.suppressed || denominator.suppressed) return { value: null, suppressed: true };
  if (!denominator.value) return { value: null, suppressed: false };
  return { value: ((numerator.value ?? 0) / denominator.value) * scale, suppressed: false };
}

export function change(current: Count, previous: Count): Ratio {
  if (current.suppressed || previous.suppressed) return { value: null, suppressed: true };
  if (!previous.value) return { value: null, suppressed: false };
  return { value: ((current.value ?? 0) - previous.value) / previous.value, suppressed: false };
}

/** A measure in the period, in the previous one, and the change between them. */
export function figure(cur: Lookup, prev: Lookup, measure: string): Figure {
  const current = cur(measure);
  const previous = prev(measure);
  return { current, previous, change: change(current, previous) };
}

/** One figure per category value, the measures named `${prefix}${key}`. */
export function categoryRows<Key extends string>(
  cur: Lookup,
  prev: Lookup,
  prefix: string,
  keys: readonly Key[],
): CategoryRow<Key>[] {
  return keys.map((key) => ({ key, ...figure(cur, prev, `${prefix}${key}`) }));
}
