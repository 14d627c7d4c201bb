// Protection of small counts (decision 017, successor of 006). Pure: no I/O, no server code.
//
// The figures of one calendar year are a grid: every scope (county, police region, nation) ×
// every measure (cases, victims by sex, …). A reader knows the relations between them — inside a
// scope, parts that add up to a whole (an inequality is a relation with an unpublished slack);
// across scopes, counties → their region → the nation for every measure — that counts are whole
// and not negative, and that a shown 0 is 0. "×" says only that a count is protected: some whole
// number ≥ 0.
//
// Every count from 1 to threshold − 1 is hidden. Each hidden cell is then protected by witnesses:
// a witness is an integer direction d over the cells that keeps every relation, zero on every
// shown cell, with a range of k (lo ≤ 0 ≤ hi) for which truth + k·d has no negative cell. Each
// such table is consistent with everything shown, so the reader's integer minimum and maximum of
// each cell the witness moves are at least as far apart as the witness moves it. A witness counts
// against an insider only when it leaves their own county (or their region and its counties)
// unchanged. The cells a witness moves are hidden too (the complements). Witnesses come in three
// shapes, cheapest first:
//  - merges: all figures of a county moved into a neighbour of its region, or theirs into it
//    (a county's breakdowns are unpublished, so only its published figures are hidden);
//  - products: a move between scopes that keeps the hierarchy (two counties of a region, a county
//    and its region against another, a county with its region and the nation) times a move
//    between measures that keeps every relation of a scope, found by a search that fixes the
//    broken relation with the fewest options first, preferring cells hidden already, then small;
//  - as a last resort, the same search over single cells.
// Every hidden cell gets witnesses moving it at least threshold − 2 against the analyst and
// against every single county and police-region insider, or it is reported as unprotected.
//
// The case counts readers rely on (keepShown) are never hidden. Where protecting a cell needs one
// of them to move, it is shown rounded instead: as the interval it lies in, `width` values from a
// multiple of the width (roundedInterval: 25–29 at the default 5), which the witnesses then move
// it within. The width is the threshold, or where that is not room enough twice, four, eight …
// times it (30–39, 20–39), up to the first width beyond the nation's count: that interval
// (0–639) says no more than the nation's count and whole, non-negative counts say anyway, so it
// leaves a witness all the room hiding would. The intervals of each width are fixed and nested,
// so a reader learns from "25–29" that the count is one of those values, and nothing more from
// the rounding rule.

/**
 * The widths a count may be rounded to, narrowest first: the threshold times 1, 2, 4, 8 …, up to
 * the first that is more than `largest` (whose interval from 0 holds every count up to it).
 */
export function roundingWidths(threshold: number, largest: number): number[] {
  const widths = [threshold];
  while (widths.at(-1)! <= largest) widths.push(2 * widths.at(-1)!);
  return widths;
}

/** The narrowest width of roundingWidths at least `width` wide (a rounded count stays at least as wide). */
export function widthAtLeast(threshold: number, width: number): number {
  let w = threshold;
  while (w < width) w *= 2;
  return w;
}

/** The interval a rounded count is shown as: `width` values from the multiple of the width at or below it. */
export function roundedInterval(value: number, width: number): { low: number; high: number } {
  const low = width * Math.floor(value / width);
  return { low, high: low + width - 1 };
}

const DEFAULT_THRESHOLD = 5;

/** STATISTICS_SUPPRESSION_THRESHOLD (default 5, from 3 to 20): counts from 1 to threshold − 1 are protected. */
export function suppressionThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.STATISTICS_SUPPRESSION_THRESHOLD;
  const n = raw === undefined || raw === '' ? DEFAULT_THRESHOLD : Number(raw);
  if (!Number.isInteger(n) || n < 3 || n > 20)
    throw new Error(`STATISTICS_SUPPRESSION_THRESHOLD must be a whole number from 3 to 20 (got ${raw})`);
  return n;
}

/** The scopes of the grid: counties (with the index of their region's scope), regions, the nation. */
export type ProtectionScope = { kind: 'county'; region: number } | { kind: 'region' } | { kind: 'nation' };

/** Parts that add up to a whole, by measure index (holds in every scope). */
export type MeasureRelation = { parts: readonly number[]; whole: number };

export type ProtectionInput = {
  threshold: number;
  scopes: readonly ProtectionScope[];
  /** M measures; cell (scope s, measure m) is s × M + m. */
  measureCount: number;
  values: readonly number[];
  relations: readonly MeasureRelation[];
  /** Cells never published (auxiliary sums, a county's breakdowns outside one's scope): unknown, ≥ 0. */
  unpublished?: readonly boolean[];
  /** Measures shown as they are (not about persons: trainings, meetings): never hidden. */
  unprotected?: readonly boolean[];
  /**
   * Cells kept shown where protection allows (the case counts readers rely on): a county's move
   * only when nothing else protects a cell, a region's only after that, the nation's never.
   */
  keepShown?: readonly boolean[];
  /**
   * Cells hidden already (in an earlier release of the same year): they stay hidden, or a
   * kept-shown one is shown at the widest rounding (an interval from 0 beyond every version's
   * nation count, which tells no more than hiding it).
   */
  hidden?: readonly boolean[];
  /** Per cell, the width it was rounded to in an earlier release of the same year (0: none): it stays so, at least as wide. */
  rounded?: readonly number[];
  /** The nation's case count in earlier releases of the year, when larger: the widest rounding reaches beyond it too. */
  largest?: number;
  /**
   * Per cell, the county scopes whose insiders can work it out from what is shown whatever is
   * hidden (decision 017: their police region's case count is shown, and the rest of it is too
   * small, or all in one county): no witness is sought against them for it, none that moves it
   * holds against them, and that region's case count is never hidden.
   */
  alsoKnown?: ReadonlyMap<number, readonly number[]>;
};

export type Protection = {
  /** Per cell: hidden (published cells only; unpublished cells are never shown anyway). Never a kept-shown one. */
  hidden: boolean[];
  /** Per cell: 0, or the width of the roundedInterval it is shown as (kept-shown counts a witness had to move). */
  rounded: number[];
  /** Hidden cells for which no witness of the rule's width was found against some viewer. */
  unprotected: number[];
};

/** The viewers a witness must hold against: bit 0 the analyst, then one bit per county and per region scope. */
type Viewers = { bitOfScope: Int32Array; all: number; count: number };

function viewersOf(scopes: readonly ProtectionScope[]): Viewers {
  const bitOfScope = new Int32Array(scopes.length).fill(-1);
  let next = 1;
  scopes.forEach((s, i) => {
    if (s.kind !== 'nation') bitOfScope[i] = next++;
  });
  if (next > 31) throw new Error('too many scopes for the viewer bit set');
  return { bitOfScope, all: 2 ** next - 1, count: next };
}

/** The insiders who know each scope's figures (bit set per scope): its own county or region, and a county's region. */
function knowersOf(scopes: readonly ProtectionScope[], v: Viewers): number[] {
  return scopes.map((scope, s) => {
    let bits = 0;
    if (v.bitOfScope[s]! >= 0) bits |= 1 << v.bitOfScope[s]!;
    if (scope.kind === 'county') bits |= 1 << v.bitOfScope[scope.region]!;
    return bits;
  });
}

/** A move between measures or between scopes: index → +1 or −1. */
type Move = readonly (readonly [number, number])[];

/**
 * Moves between scopes that keep every hierarchy sum (counties → region, regions → nation,
 * counties → nation) and move scope s by +1: for a county, another county of its region −1, or a
 * county of another region −1 with both regions; for a region, one of its counties with it and a
 * county of another region with that region; for the nation, one county with its region.
 */
function scopeMovesOf(scopes: readonly ProtectionScope[], s: number): Move[] {
  const counties = scopes.flatMap((x, i) => (x.kind === 'county' ? [i] : []));
  const regionOf = (c: number) => (scopes[c] as { region: number }).region;
  const nation = scopes.findIndex((x) => x.kind === 'nation');
  const scope = scopes[s]!;
  const out: Move[] = [];
  if (scope.kind === 'county') {
    for (const c of counties) {
      if (c === s) continue;
      if (regionOf(c) === scope.region)
        out.push([
          [s, 1],
          [c, -1],
        ]);
      else
        out.push([
          [s, 1],
          [scope.region, 1],
          [c, -1],
          [regionOf(c), -1],
        ]);
    }
    if (nation >= 0)
      out.push([
        [s, 1],
        [scope.region, 1],
        [nation, 1],
      ]);
  } else if (scope.kind === 'region') {
    for (const mine of counties.filter((c) => regionOf(c) === s)) {
      for (const other of counties.filter((c) => regionOf(c) !== s))
        out.push([
          [s, 1],
          [mine, 1],
          [other, -1],
          [regionOf(other), -1],
        ]);
      if (nation >= 0)
        out.push([
          [s, 1],
          [mine, 1],
          [nation, 1],
        ]);
    }
  } else {
    for (const c of counties)
      out.push([
        [s, 1],
        [regionOf(c), 1],
        [c, 1],
      ]);
  }
  return out;
}

/** A relation between cells: Σ parts − whole = 0. */
type CellRelation = { parts: readonly number[]; whole: number };

/** A witness: the cells it moves with their integer directions, and its range of k (lo ≤ 0 ≤ hi). */
type Witness = { move: [number, number][]; lo: number; hi: number };

const CELL_SEARCH_BUDGET = 2_000;
const CELL_SEARCH_DEPTH = 24;
const MEASURE_SEARCH_BUDGET = 400;
const MEASURE_SEARCH_DEPTH = 16;

/** Protect the grid: which cells are hidden, and which (if any) could not be protected. */
export function protect(input: ProtectionInput): Protection {
  const { threshold, scopes, measureCount: M, values, relations } = input;
  const S = scopes.length;
  const N = S * M;
  const unpublished = input.unpublished ?? [];
  const unprotected = input.unprotected ?? [];
  const keepShown = input.keepShown ?? [];
  const need = threshold - 2;
  const v = viewersOf(scopes);
  const knowers = knowersOf(scopes, v);
  // Cells further insiders can work out anyway (alsoKnown), as viewer bits.
  const alsoKnownBits = new Map<number, number>();
  for (const [i, insiders] of input.alsoKnown ?? [])
    alsoKnownBits.set(
      i,
      insiders.reduce((bits, sc) => bits | (1 << v.bitOfScope[sc]!), 0),
    );
  const knowersOfCell = (i: number) => knowers[Math.floor(i / M)]! | (alsoKnownBits.get(i) ?? 0);
  const scopeOf = (i: number) => Math.floor(i / M);
  const regionOf = (sc: number) => {
    const x = scopes[sc]!;
    return x.kind === 'county' ? x.region : -1;
  };

  // Every relation at the level of cells: each scope's own, and the hierarchy's for every measure.
  const cellRelations: CellRelation[] = [];
  for (let sc = 0; sc < S; sc++)
    for (const g of relations) cellRelations.push({ parts: g.parts.map((p) => sc * M + p), whole: sc * M + g.whole });
  const regions = scopes.flatMap((x, i) => (x.kind === 'region' ? [i] : []));
  const counties = scopes.flatMap((x, i) => (x.kind === 'county' ? [i] : []));
  const nation = scopes.findIndex((x) => x.kind === 'nation');
  for (let m = 0; m < M; m++) {
    for (const r of regions)
      cellRelations.push({ parts: counties.filter((c) => regionOf(c) === r).map((c) => c * M + m), whole: r * M + m });
    if (nation >= 0) {
      cellRelations.push({ parts: regions.map((r) => r * M + m), whole: nation * M + m });
      cellRelations.push({ parts: counties.map((c) => c * M + m), whole: nation * M + m });
    }
  }
  const relationsOfCell: number[][] = Array.from({ length: N }, () => []);
  cellRelations.forEach((g, gi) => {
    for (const p of g.parts) relationsOfCell[p]!.push(gi);
    relationsOfCell[g.whole]!.push(gi);
  });
  const relationsOfMeasure: number[][] = Array.from({ length: M }, () => []);
  relations.forEach((g, gi) => {
    for (const p of new Set([...g.parts, g.whole])) relationsOfMeasure[p]!.push(gi);
  });

  // The widest rounding reaches beyond the largest kept-shown count (the nation's) of every version.
  const widths = roundingWidths(
    threshold,
    values.reduce((n, x, i) => (keepShown[i] ? Math.max(n, x) : n), input.largest ?? 0),
  );
  const widest = widths.at(-1)!;
  const hidden = values.map((x, i) => {
    if (unpublished[i] || unprotected[i % M] || keepShown[i]) return false;
    return (input.hidden?.[i] ?? false) || (x >= 1 && x < threshold);
  });
  const rounded = values.map((_, i) => {
    if (unpublished[i] || hidden[i]) return 0;
    const earlier = keepShown[i] && input.hidden?.[i] ? widest : (input.rounded?.[i] ?? 0);
    return earlier && widthAtLeast(threshold, earlier);
  });
  // How far protection may go for a cell: hidden; a kept-shown county's case count rounded to the
  // threshold (from level 1), a region's (from level 2), both to twice the threshold (3), four
  // times (4), and so on up to the widest rounding, which leaves a witness the room hiding would.
  let relax = 0;
  const LAST_RELAX = widths.length + 1;
  // A region whose shown case count an insider exception rests on (alsoKnown) keeps it shown.
  const exceptional = new Set(
    [...(input.alsoKnown?.keys() ?? [])].map((i) => {
      const sc = scopeOf(i);
      return scopes[sc]!.kind === 'region' ? sc : regionOf(sc);
    }),
  );
  /** The width a kept-shown count may be rounded to at this level of relaxing (0: it stays exact). */
  const allowedWidth = (i: number) => {
    if (!keepShown[i] || hidden[i]) return 0;
    const sc = scopeOf(i);
    const kind = scopes[sc]!.kind;
    const from = kind === 'county' ? 1 : kind === 'region' && !exceptional.has(sc) ? 2 : Infinity;
    if (relax < from) return 0;
    return widths[Math.max(0, relax - 2)]!;
  };
  /** The width a witness may move a cell within: what it is rounded to already, or may be now (0: not rounded). */
  const widthOf = (i: number) => Math.max(rounded[i]!, allowedWidth(i));
  /** A cell may move when it is unpublished, or about persons and not (at this level of relaxing) kept shown. */
  const movable = (i: number) => {
    if (unpublished[i] || rounded[i]) return true;
    if (unprotected[i % M]) return false;
    return !keepShown[i] || hidden[i] || allowedWidth(i) > 0;
  };
  // The bounds every witness keeps a cell within: ≥ 0, and a rounded one within its interval.
  const lowOf = (i: number) => {
    const w = widthOf(i);
    return w === 0 ? 0 : w * Math.floor(values[i]! / w);
  };
  const highOf = (i: number) => {
    const w = widthOf(i);
    return w === 0 ? Infinity : w * Math.floor(values[i]! / w) + w - 1;
  };
  // The table the searches read: the truth, or the truth moved by the steps of a walk so far.
  const cur = Float64Array.from(values);
  const newCost = (i: number) => (hidden[i] || rounded[i] || unpublished[i] ? 0 : 1 + values[i]!);
  const costOf = (w: Witness) => w.move.reduce((n, [i]) => n + newCost(i), 0);

  /** The range of k for which truth + k·d keeps every cell within its bounds (no negative cell; a rounded one in its interval). */
  const rangeOf = (move: Iterable<readonly [number, number]>): [number, number] => {
    let lo = -Infinity;
    let hi = Infinity;
    for (const [i, d] of move) {
      // lowOf(i) − cur[i] ≤ k·d ≤ highOf(i) − cur[i]
      const a = lowOf(i) - cur[i]!;
      const b = highOf(i) - cur[i]!;
      if (d > 0) {
        lo = Math.max(lo, Math.ceil(a / d));
        hi = Math.min(hi, Math.floor(b / d));
      } else if (d < 0) {
        lo = Math.max(lo, Math.ceil(b / d));
        hi = Math.min(hi, Math.floor(a / d));
      }
    }
    return [lo, hi];
  };
  /**
   * Whether a cell moving with sign e has the room a witness asks for: the cell it protects goes
   * `up` down and `down` up (the names of the searches below: room below and above the truth).
   */
  const hasRoom = (i: number, e: number, up: number, down: number) =>
    e > 0
      ? cur[i]! - lowOf(i) >= up && highOf(i) - cur[i]! >= down
      : cur[i]! - lowOf(i) >= down && highOf(i) - cur[i]! >= up;
  const scopeMoves = new Map<number, Move[]>();
  const movesOfScope = (sc: number) => {
    let list = scopeMoves.get(sc);
    if (!list) scopeMoves.set(sc, (list = scopeMovesOf(scopes, sc)));
    return list;
  };

  /**
   * A move between measures for the scope move w: +1 on measure m, every relation of a scope
   * kept, each moved cell of every scope in w movable with the room it needs (cells going up
   * `up`, cells going down `down`).
   */
  const measureMoveFor = (m: number, w: Move, up: number, down: number): Move | null => {
    const move = new Map<number, number>([[m, 1]]);
    const fits = (mx: number, sign: number) => {
      for (const [sc, ws] of w) {
        const i = sc * M + mx;
        if (!movable(i) || !hasRoom(i, ws * sign, up, down)) return false;
      }
      return true;
    };
    if (!fits(m, 1)) return null;
    const cost = (mx: number) => w.reduce((n, [sc]) => n + newCost(sc * M + mx), 0);
    const residual = (g: MeasureRelation) => {
      let r = -(move.get(g.whole) ?? 0);
      for (const p of g.parts) r += move.get(p) ?? 0;
      return r;
    };
    let budget = MEASURE_SEARCH_BUDGET;
    let found: Move | null = null;
    const dfs = (depth: number): boolean => {
      if (budget-- <= 0) return true;
      let fewest: [number, number][] | null = null;
      const checked = new Set<number>();
      for (const k of move.keys())
        for (const gi of relationsOfMeasure[k]!) {
          if (checked.has(gi)) continue;
          checked.add(gi);
          const g = relations[gi]!;
          const r = residual(g);
          if (r === 0) continue;
          if (Math.abs(r) > 1) return false;
          // Fix: a part the other way, or the whole the same way.
          const options: [number, number][] = [];
          for (const p of g.parts) if (!move.has(p) && fits(p, -r)) options.push([p, -r]);
          if (!move.has(g.whole) && fits(g.whole, r)) options.push([g.whole, r]);
          if (options.length === 0) return false;
          if (!fewest || options.length < fewest.length) fewest = options;
        }
      if (!fewest) {
        found = [...move];
        return true;
      }
      if (depth >= MEASURE_SEARCH_DEPTH) return false;
      fewest.sort((a, b) => cost(a[0]) - cost(b[0]));
      for (const [k, sign] of fewest) {
        move.set(k, sign);
        if (dfs(depth + 1)) return true;
        move.delete(k);
      }
      return false;
    };
    dfs(1);
    return found;
  };

  /** The cheapest witness (scope move) ⊗ (measure move) with the room asked for, or null. */
  const searchProduct = (cell: number, forbidden: (scope: number) => boolean, up: number, down: number) => {
    let best: Witness | null = null;
    let bestCost = Infinity;
    for (const w of movesOfScope(scopeOf(cell))) {
      if (w.some(([sc]) => forbidden(sc))) continue;
      const u = measureMoveFor(cell % M, w, up, down);
      if (!u) continue;
      const move: [number, number][] = w.flatMap(([sc, ws]) =>
        u.map(([mx, um]): [number, number] => [sc * M + mx, ws * um]),
      );
      const witness = { move, lo: 0, hi: 0 };
      const cost = costOf(witness);
      if (cost >= bestCost) continue;
      if (!holdsForViewer(witness)) continue;
      [witness.lo, witness.hi] = rangeOf(move);
      if (-witness.lo < up || witness.hi < down) continue;
      best = witness;
      bestCost = cost;
    }
    return best;
  };

  /** The same search over single cells (any shape of witness), for what no product protects. */
  const searchCells = (cell: number, up: number, down: number) => {
    const move = new Map<number, number>();
    const residual = new Map<number, number>();
    const apply = (i: number, d: number) => {
      for (const gi of relationsOfCell[i]!) {
        const r = (residual.get(gi) ?? 0) + (cellRelations[gi]!.whole === i ? -d : d);
        if (r === 0) residual.delete(gi);
        else residual.set(gi, r);
      }
    };
    const allowed = (i: number, d: number) =>
      !move.has(i) && movable(i) && !(knowersOfCell(i) & (1 << viewer)) && hasRoom(i, d, up, down);
    if (!allowed(cell, 1)) return null;
    move.set(cell, 1);
    apply(cell, 1);
    let budget = CELL_SEARCH_BUDGET;
    let found: Witness | null = null;
    const dfs = (depth: number): boolean => {
      if (budget-- <= 0) return true;
      if (residual.size === 0) {
        const [lo, hi] = rangeOf(move);
        if (-lo < up || hi < down) return false;
        found = { move: [...move], lo, hi };
        return true;
      }
      if (depth >= CELL_SEARCH_DEPTH) return false;
      let fewest: [number, number][] | null = null;
      for (const [gi, r] of residual) {
        const g = cellRelations[gi]!;
        const sign = r > 0 ? 1 : -1;
        const options: [number, number][] = [];
        for (const p of g.parts) if (allowed(p, -sign)) options.push([p, -sign]);
        if (allowed(g.whole, sign)) options.push([g.whole, sign]);
        if (options.length === 0) return false;
        if (!fewest || options.length < fewest.length) fewest = options;
        if (fewest.length === 1) break;
      }
      fewest!.sort((a, b) => newCost(a[0]) - newCost(b[0]));
      for (const [i, d] of fewest!) {
        move.set(i, d);
        apply(i, d);
        const done = dfs(depth + 1);
        apply(i, -d);
        move.delete(i);
        if (done) return true;
      }
      return false;
    };
    dfs(1);
    return found;
  };

  /** Witness: every figure about persons of each pair's first scope moved into its second (k from 0 to 1). */
  const merge = (pairs: readonly (readonly [number, number])[]): Witness | null => {
    const move = new Map<number, number>();
    for (let m = 0; m < M; m++) {
      if (unprotected[m]) continue;
      for (const [from, to] of pairs) {
        const x = values[from * M + m]!;
        if (x === 0) continue;
        move.set(from * M + m, (move.get(from * M + m) ?? 0) - x);
        move.set(to * M + m, (move.get(to * M + m) ?? 0) + x);
      }
    }
    for (const [i, d] of move) if (d === 0) move.delete(i);
    for (const i of move.keys()) if (!movable(i)) return null;
    // A rounded cell cannot move by a whole county's figures out of its interval.
    if (move.size === 0 || rangeOf(move)[1] < 1) return null;
    return { move: [...move], lo: 0, hi: 1 };
  };
  /** Pairs that move a region (and each of its counties) into another region (and one of its counties). */
  const regionPairs = (from: number, to: number, forbidden: (scope: number) => boolean) => {
    const target = counties.find((c) => regionOf(c) === to && !forbidden(c));
    if (target === undefined) return null;
    return [[from, to] as const, ...counties.filter((c) => regionOf(c) === from).map((c) => [c, target] as const)];
  };

  /** The viewers a witness holds against: all but the insiders of the scopes it moves. */
  const validFor = (w: Witness) => {
    let bits = v.all;
    for (const [i] of w.move) bits &= ~knowersOfCell(i);
    return bits;
  };
  /** The viewer the witnesses being sought are for (bit; 0 the analyst). */
  let viewer = 0;
  const holdsForViewer = (w: Witness) => (validFor(w) & (1 << viewer)) !== 0;
  /** Whether a viewer knows a scope: nobody for the analyst; a county's insider it; a region's it and its counties. */
  const knownBy =
    (bit: number) =>
    (sc: number): boolean =>
      bit !== 0 && (knowers[sc]! & (1 << bit)) !== 0;

  // Per hidden cell and viewer: how far down and up the accepted witnesses move it.
  const ranges = new Map<number, Int32Array>();
  const rangeOfCell = (i: number) => {
    let r = ranges.get(i);
    if (!r) ranges.set(i, (r = new Int32Array(2 * v.count)));
    return r;
  };
  /** How far a witness moves a cell: [down, up]. */
  const effect = (w: Witness, i: number): [number, number] => {
    const d = w.move.find(([c]) => c === i)?.[1] ?? 0;
    return [Math.max(-1e9, Math.min(d * w.lo, d * w.hi)), Math.min(1e9, Math.max(d * w.lo, d * w.hi))];
  };
  /** The cell's range for a viewer with the witnesses given added. */
  const widthWith = (i: number, bit: number, more: readonly Witness[]) => {
    const r = rangeOfCell(i);
    let lo = r[2 * bit]!;
    let hi = r[2 * bit + 1]!;
    for (const w of more) {
      if (!(validFor(w) & (1 << bit))) continue;
      const [a, b] = effect(w, i);
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
    return hi - lo;
  };
  const queue: number[] = [];
  const accept = (w: Witness) => {
    const holds = validFor(w);
    for (const [i] of w.move) {
      if (unpublished[i]) continue;
      // A kept-shown count is shown rounded and needs no witnesses of its own; any other is hidden.
      if (keepShown[i]) rounded[i] = widthOf(i);
      else if (!hidden[i] && !rounded[i]) {
        hidden[i] = true;
        queue.push(i);
      }
      const r = rangeOfCell(i);
      const [lo, hi] = effect(w, i);
      for (let bit = 0; bit < v.count; bit++) {
        if (!(holds & (1 << bit))) continue;
        r[2 * bit] = Math.min(r[2 * bit]!, lo);
        r[2 * bit + 1] = Math.max(r[2 * bit + 1]!, hi);
      }
    }
  };

  /**
   * Merges for a county's published figure (with the neighbours of its region the viewer does
   * not know) or a region's (with the other regions): its figures moved into the cheapest
   * neighbour (down to 0), and the cheapest neighbours' into it (up), as many as it takes.
   */
  const mergesFor = (cell: number, bit: number, forbidden: (scope: number) => boolean): Witness[] => {
    const y = scopeOf(cell);
    const county = scopes[y]!.kind === 'county';
    const neighbours = (county ? counties.filter((sc) => regionOf(sc) === regionOf(y)) : regions).filter(
      (sc) => sc !== y && !forbidden(sc),
    );
    const pairs = (from: number, to: number) => (county ? [[from, to] as const] : regionPairs(from, to, forbidden));
    const chosen: Witness[] = [];
    const down = neighbours
      .map((z) => {
        const p = pairs(y, z);
        const w = p && merge(p);
        return w && holdsForViewer(w) ? w : null;
      })
      .filter((w): w is Witness => !!w)
      .sort((a, b) => costOf(a) - costOf(b))[0];
    if (down) chosen.push(down);
    const singles = neighbours
      .map((z) => {
        const p = pairs(z, y);
        const w = p && merge(p);
        return w && holdsForViewer(w) ? { p, w } : null;
      })
      .filter((x): x is { p: NonNullable<ReturnType<typeof pairs>>; w: Witness } => x !== null)
      .sort((a, b) => costOf(a.w) - costOf(b.w));
    const all: (readonly [number, number])[] = [];
    let up: Witness | null = null;
    for (const { p } of singles) {
      all.push(...p);
      up = merge(all);
      if (up && !holdsForViewer(up)) up = null;
      if (up && widthWith(cell, bit, [...chosen, up]) >= need) break;
    }
    if (up) chosen.push(up);
    return chosen;
  };

  /** Witnesses that move the cell at least `need` for the viewer (one both ways, or one down and one up), or null. */
  const witnessesFor = (cell: number, bit: number): Witness[] | null => {
    const forbidden = knownBy(bit);
    viewer = bit;
    if (scopes[scopeOf(cell)]!.kind !== 'nation') {
      const merges = mergesFor(cell, bit, forbidden);
      if (widthWith(cell, bit, merges) >= need) return merges;
    }
    const find = (up: number, down: number) =>
      searchProduct(cell, forbidden, up, down) ?? (relax === 0 ? searchCells(cell, up, down) : null);
    const top = Math.min(values[cell]!, need);
    for (const p of [...new Set([top, Math.floor(top / 2), 0])]) {
      const w = find(p, need - p);
      if (w) return [w];
    }
    // Walks: the cell moved one step at a time, each step a witness on the table the steps before
    // left, as far down as it goes and then up as far as the rule still asks.
    const walk = (dir: 1 | -1, steps: number): Witness | null => {
      const total = new Map<number, number>();
      let done = 0;
      for (; done < steps; done++) {
        const w = dir > 0 ? find(0, 1) : find(1, 0);
        if (!w) break;
        for (const [i, d] of w.move) {
          cur[i] = cur[i]! + d * dir;
          total.set(i, (total.get(i) ?? 0) + d * dir);
        }
      }
      for (const [i, d] of total) {
        cur[i] = cur[i]! - d;
        if (d === 0) total.delete(i);
      }
      return done > 0 ? { move: [...total], lo: 0, hi: 1 } : null;
    };
    const r = rangeOfCell(cell);
    const chosen: Witness[] = [];
    if (-r[2 * bit]! < top) {
      const down = walk(-1, top);
      if (down) chosen.push(down);
    }
    const missing = need - widthWith(cell, bit, chosen);
    if (missing > 0) {
      const up = walk(1, missing + r[2 * bit + 1]!);
      if (up) chosen.push(up);
    }
    return widthWith(cell, bit, chosen) >= need ? chosen : null;
  };

  for (let i = 0; i < N; i++) if (hidden[i]) queue.push(i);
  // Smallest cells first (the primary ones), counties before regions before the nation.
  queue.sort(
    (a, b) => scopeRank(scopes[scopeOf(a)]!) - scopeRank(scopes[scopeOf(b)]!) || values[a]! - values[b]! || a - b,
  );
  const failed = new Set<number>();
  for (let qi = 0; qi < queue.length; qi++) {
    const cell = queue[qi]!;
    const wanted = v.all & ~knowersOfCell(cell);
    for (let bit = 0; bit < v.count; bit++) {
      if (!(wanted & (1 << bit)) || widthWith(cell, bit, []) >= need) continue;
      let chosen: Witness[] | null = null;
      for (relax = 0; relax <= LAST_RELAX; relax++) if ((chosen = witnessesFor(cell, bit))) break;
      // Accepted at the level they were found at: the counts they round get that level's width.
      if (chosen) for (const w of chosen) accept(w);
      relax = 0;
      if (!chosen) {
        failed.add(cell);
        break;
      }
    }
  }
  return { hidden, rounded, unprotected: [...failed].sort((a, b) => a - b) };
}

function scopeRank(s: ProtectionScope): number {
  return s.kind === 'county' ? 0 : s.kind === 'region' ? 1 : 2;
}
