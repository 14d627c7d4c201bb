// Suppression of small counts (decision 006). Pure: no I/O, no server code.
//
// A table of figures is a list of cells (counts) and the linear relations between them that a
// reader knows: each group says "these parts add up to that whole" (a row and its total, a column
// and its total, a county's figure and the nation's, the offence combinations and an offence).
//  1. Primary: every count from 1 to threshold − 1 is hidden ("<5"); zero is shown.
//  2. Complementary: a group with exactly one hidden member would give it away (whole − the other
//     parts), so the smallest other non-zero member of that group is hidden too; repeated until
//     no group has exactly one hidden member.
//  3. A check that solves the published relations exactly (linear algebra over the hidden cells,
//     connected component by component): any hidden cell that is still determined — e.g. a cell
//     that joins two otherwise separate rings of hidden cells — gets one more complement.
// Cells the viewer already knows (their own county) are treated as published: never hidden, never
// a complement, and used by the check as known values.

export const CELL_SHOWN = 0;
export const CELL_SMALL = 1;
export const CELL_COMPLEMENTARY = 2;
/** A cell that only states a relation and is never published: unknown to every reader. */
export const CELL_UNPUBLISHED = 3;
export type CellState = typeof CELL_SHOWN | typeof CELL_SMALL | typeof CELL_COMPLEMENTARY | typeof CELL_UNPUBLISHED;

/** The parts add up to the whole (cell indices). */
export type Group = { parts: readonly number[]; whole: number };

export type SuppressionInput = {
  values: readonly number[];
  groups: readonly Group[];
  threshold: number;
  /** Cells the viewer knows anyway: shown, never used as a complement. */
  known?: readonly boolean[];
  /** Cells never published (auxiliary sums that tie relations together): always unknown, no protection needed. */
  unpublished?: readonly boolean[];
  /** Largest set of connected hidden cells the exact check solves (bigger ones rely on steps 1–2). */
  exactCheckLimit?: number;
};

const DEFAULT_THRESHOLD = 5;

/** STATISTICS_SUPPRESSION_THRESHOLD (default 5): counts from 1 to threshold − 1 are hidden. */
export function suppressionThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.STATISTICS_SUPPRESSION_THRESHOLD;
  const n = raw === undefined || raw === '' ? DEFAULT_THRESHOLD : Number(raw);
  if (!Number.isInteger(n) || n < 2 || n > 100)
    throw new Error(`STATISTICS_SUPPRESSION_THRESHOLD must be a whole number from 2 to 100 (got ${raw})`);
  return n;
}

function membersOf(group: Group): number[] {
  return [...group.parts, group.whole];
}

/** The table being suppressed: its cells, relations, and the states found so far. */
type Work = {
  values: readonly number[];
  groups: readonly Group[];
  /** The groups each cell is a member of. */
  groupsOf: number[][];
  known: boolean[];
  state: CellState[];
};

/** The states of all cells: shown, hidden as small, or hidden as a complement. */
export function suppress(input: SuppressionInput): CellState[] {
  const w = primarySuppression(input);
  for (let round = 0; round < 1000; round++) {
    hideSingletons(w);
    const determined = determinedHiddenCells(w.values, w.groups, w.state, w.known, input.exactCheckLimit ?? 400);
    if (!protectDetermined(w, determined)) break;
  }
  return w.state;
}

/** Step 1: every unknown count from 1 to threshold − 1 hidden. */
function primarySuppression(input: SuppressionInput): Work {
  const { values, groups, threshold } = input;
  const groupsOf: number[][] = values.map(() => []);
  groups.forEach((g, gi) => {
    for (const m of membersOf(g)) groupsOf[m]!.push(gi);
  });
  const known = knownClosure(values, groups, groupsOf, input.known ?? []);
  const unpublished = input.unpublished ?? [];
  const state: CellState[] = values.map((v, i) =>
    unpublished[i] ? CELL_UNPUBLISHED : !known[i] && v > 0 && v < threshold ? CELL_SMALL : CELL_SHOWN,
  );
  return { values, groups, groupsOf, known, state };
}

/** The smallest shown, unknown, non-zero member of a group other than `except`; parts before the whole. */
function complementIn(w: Work, g: Group, except: number): number | null {
  const { state, known, values } = w;
  let best: number | null = null;
  for (const m of membersOf(g)) {
    if (m === except || state[m] !== CELL_SHOWN || known[m] || values[m]! <= 0) continue;
    if (
      best === null ||
      values[m]! < values[best]! ||
      (values[m] === values[best] && m !== g.whole && best === g.whole)
    )
      best = m;
  }
  return best;
}

/** Step 2: a complement in every group with exactly one hidden member, until there is none. */
function hideSingletons(w: Work): void {
  const { groups, groupsOf, state } = w;
  const queue = groups.map((_, i) => i);
  const queued = new Uint8Array(groups.length).fill(1);
  while (queue.length > 0) {
    const gi = queue.pop()!;
    queued[gi] = 0;
    const g = groups[gi]!;
    const hidden = membersOf(g).filter((m) => state[m] !== CELL_SHOWN);
    if (hidden.length !== 1 || state[hidden[0]!] === CELL_UNPUBLISHED) continue;
    const extra = complementIn(w, g, hidden[0]!);
    if (extra === null) continue; // nothing left to hide in this group: the check below reports it
    state[extra] = CELL_COMPLEMENTARY;
    for (const other of groupsOf[extra]!) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
}

/** Step 3: one more complement for each hidden cell the relations still determine. Whether any was added. */
function protectDetermined(w: Work, determined: Iterable<number>): boolean {
  const { groupsOf, state } = w;
  let added = false;
  const protectedGroups = new Set<number>();
  for (const cell of determined) {
    if (state[cell] === CELL_SHOWN || state[cell] === CELL_UNPUBLISHED) continue;
    // One complement per group and round: a complement often protects its neighbours too.
    if (groupsOf[cell]!.some((gi) => protectedGroups.has(gi))) continue;
    const best = nearestComplement(w, cell);
    if (best !== null) {
      state[best] = CELL_COMPLEMENTARY;
      added = true;
      for (const gi of groupsOf[best]!) protectedGroups.add(gi);
      for (const gi of groupsOf[cell]!) protectedGroups.add(gi);
    }
  }
  return added;
}

/**
 * The smallest candidate among the cell's groups; when they have none left, among the groups of
 * the hidden cells next to it, and so on outwards.
 */
function nearestComplement(w: Work, cell: number): number | null {
  const { groups, groupsOf, state, values } = w;
  let best: number | null = null;
  const seenCells = new Set<number>([cell]);
  const seenGroups = new Set<number>();
  let frontier = [cell];
  while (best === null && frontier.length > 0) {
    const next: number[] = [];
    for (const c of frontier) {
      for (const gi of groupsOf[c]!) {
        if (seenGroups.has(gi)) continue;
        seenGroups.add(gi);
        const candidate = complementIn(w, groups[gi]!, c);
        if (candidate !== null && (best === null || values[candidate]! < values[best]!)) best = candidate;
        for (const m of membersOf(groups[gi]!)) {
          if (state[m] !== CELL_SHOWN && !seenCells.has(m)) {
            seenCells.add(m);
            next.push(m);
          }
        }
      }
    }
    frontier = next;
  }
  return best;
}

/**
 * What the viewer can work out from what they know and the zeros alone (zeros are always shown):
 * a whole whose parts are all known or zero, or the last part of a group whose other members are.
 * Hiding such a cell would protect no one, and the check below would count it as given away.
 */
function knownClosure(
  values: readonly number[],
  groups: readonly Group[],
  groupsOf: readonly number[][],
  given: readonly boolean[],
): boolean[] {
  const known = values.map((_, i) => given[i] === true);
  const isKnown = (i: number) => known[i] || values[i] === 0;
  if (!known.some(Boolean)) return known;
  const queue = groups.map((_, i) => i);
  while (queue.length > 0) {
    const g = groups[queue.pop()!]!;
    const unknown = membersOf(g).filter((m) => !isKnown(m));
    if (unknown.length !== 1) continue;
    known[unknown[0]!] = true;
    queue.push(...groupsOf[unknown[0]!]!);
  }
  return known;
}

/**
 * Hidden cells that the published relations determine exactly: cell j is determined when the
 * unit vector e_j lies in the row space of the relations restricted to hidden cells (known
 * values moved to the right-hand side). Solved per connected component of hidden cells with
 * sparse Gauss–Jordan elimination; components larger than `limit` are skipped.
 */
function determinedHiddenCells(
  values: readonly number[],
  groups: readonly Group[],
  state: readonly CellState[],
  known: readonly boolean[] = [],
  limit = Number.POSITIVE_INFINITY,
): number[] {
  const hidden = (i: number) => state[i] !== CELL_SHOWN && !known[i];
  // Equations over hidden cells: coefficient +1 for parts, −1 for the whole.
  const equations: Map<number, number>[] = [];
  for (const g of groups) {
    const row = new Map<number, number>();
    for (const p of g.parts) if (hidden(p)) row.set(p, (row.get(p) ?? 0) + 1);
    if (hidden(g.whole)) row.set(g.whole, (row.get(g.whole) ?? 0) - 1);
    for (const [k, v] of row) if (v === 0) row.delete(k);
    if (row.size > 0) equations.push(row);
  }
  // Connected components (union–find over cells that share an equation).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const row of equations) {
    const cells = [...row.keys()];
    for (const c of cells) if (!parent.has(c)) parent.set(c, c);
    for (let i = 1; i < cells.length; i++) {
      const a = find(cells[0]!);
      const b = find(cells[i]!);
      if (a !== b) parent.set(a, b);
    }
  }
  const byComponent = new Map<number, Map<number, number>[]>();
  for (const row of equations) {
    const root = find(row.keys().next().value!);
    let list = byComponent.get(root);
    if (!list) byComponent.set(root, (list = []));
    list.push(row);
  }
  const componentSize = new Map<number, number>();
  for (const c of parent.keys()) componentSize.set(find(c), (componentSize.get(find(c)) ?? 0) + 1);

  const determined: number[] = [];
  for (const [root, rows] of byComponent) {
    if ((componentSize.get(root) ?? 0) > limit) continue;
    determined.push(...determinedInSystem(rows.map((r) => new Map(r))));
  }
  return determined.sort((a, b) => a - b);
}

const EPS = 1e-9;

/** Gauss–Jordan elimination on sparse rows; the columns whose unit vector is a row of the result. */
function determinedInSystem(rows: Map<number, number>[]): number[] {
  // Pivot rows are kept reduced: none holds another row's pivot column. `holders` says which
  // pivot rows hold a column, so a new pivot is eliminated from exactly those.
  const pivotOfCol = new Map<number, Map<number, number>>();
  const holders = new Map<number, Set<number>>();
  const add = (holder: number, row: Map<number, number>, col: number, value: number) => {
    if (Math.abs(value) < EPS) {
      row.delete(col);
      holders.get(col)?.delete(holder);
    } else {
      row.set(col, value);
      let h = holders.get(col);
      if (!h) holders.set(col, (h = new Set()));
      h.add(holder);
    }
  };
  for (const original of rows) {
    const row = new Map(original);
    for (const col of [...row.keys()]) {
      const p = pivotOfCol.get(col);
      const coef = row.get(col);
      if (!p || coef === undefined) continue;
      for (const [c, v] of p) {
        const next = (row.get(c) ?? 0) - coef * v;
        if (Math.abs(next) < EPS) row.delete(c);
        else row.set(c, next);
      }
    }
    if (row.size === 0) continue;
    const [col, coef] = row.entries().next().value!;
    for (const [c, v] of row) row.set(c, v / coef);
    for (const holder of [...(holders.get(col) ?? [])]) {
      const p = pivotOfCol.get(holder)!;
      const f = p.get(col);
      if (f === undefined) continue;
      for (const [c, v] of row) add(holder, p, c, (p.get(c) ?? 0) - f * v);
    }
    pivotOfCol.set(col, row);
    for (const c of row.keys()) {
      let h = holders.get(c);
      if (!h) holders.set(c, (h = new Set()));
      h.add(col);
    }
  }
  return [...pivotOfCol].filter(([, row]) => row.size === 1).map(([col]) => col);
}
