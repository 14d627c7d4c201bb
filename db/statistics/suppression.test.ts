import { describe, expect, it } from 'vitest';
import {
  CELL_COMPLEMENTARY,
  CELL_SHOWN,
  CELL_SMALL,
  suppress,
  suppressionThreshold,
  type CellState,
  type Group,
} from './suppression';

// ── An attacker, written independently of the module: exact rational arithmetic (BigInt) and a
// rank test. A hidden cell j can be worked out from what is shown iff adding the unit vector e_j
// to the published relations (restricted to the hidden cells) does not raise their rank.

type Frac = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Frac): Frac => {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d);
  const s = d < 0n ? -1n : 1n;
  return [(s * n) / g, (s * d) / g];
};
const sub = (a: Frac, b: Frac): Frac => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Frac, b: Frac): Frac => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Frac, b: Frac): Frac => norm([a[0] * b[1], a[1] * b[0]]);

function rank(matrix: Frac[][]): number {
  const m = matrix.map((r) => r.map((x) => [...x] as Frac));
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]![0] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i]![c]![0] === 0n) continue;
      const f = div(m[i]![c]!, m[r]![c]!);
      m[i] = m[i]!.map((x, j) => sub(x, mul(f, m[r]![j]!)));
    }
    r++;
  }
  return r;
}

/** The hidden cells an attacker can derive exactly from the shown cells and the relations. */
function derivable(groups: readonly Group[], state: readonly CellState[], known: readonly boolean[] = []): number[] {
  const hidden = state.map((s, i) => s !== CELL_SHOWN && !known[i]);
  const unknowns = hidden.flatMap((h, i) => (h ? [i] : []));
  const col = new Map(unknowns.map((c, j) => [c, j]));
  const rows: Frac[][] = [];
  for (const g of groups) {
    const row: Frac[] = unknowns.map(() => [0n, 1n] as Frac);
    let any = false;
    for (const p of g.parts) {
      if (!col.has(p)) continue;
      row[col.get(p)!] = norm([row[col.get(p)!]![0] + 1n, 1n]);
      any = true;
    }
    if (col.has(g.whole)) {
      row[col.get(g.whole)!] = norm([row[col.get(g.whole)!]![0] - 1n, 1n]);
      any = true;
    }
    if (any) rows.push(row);
  }
  if (rows.length === 0) return [];
  const base = rank(rows);
  return unknowns.filter((_, j) => rank([...rows, unknowns.map((__, k) => [k === j ? 1n : 0n, 1n] as Frac)]) === base);
}

/** A table with margins: cells r×c, then row totals, column totals and the grand total; the groups say how they add up. */
function table(cells: number[][]): {
  values: number[];
  groups: Group[];
  cell: (r: number, c: number) => number;
  rowTotal: (r: number) => number;
  colTotal: (c: number) => number;
  total: number;
} {
  const R = cells.length;
  const C = cells[0]!.length;
  const values = cells.flat();
  const cell = (r: number, c: number) => r * C + c;
  const rowTotal = (r: number) => R * C + r;
  const colTotal = (c: number) => R * C + R + c;
  const total = R * C + R + C;
  for (let r = 0; r < R; r++) values.push(cells[r]!.reduce((s, v) => s + v, 0));
  for (let c = 0; c < C; c++) values.push(cells.reduce((s, row) => s + row[c]!, 0));
  values.push(values.slice(0, R * C).reduce((s, v) => s + v, 0));
  const groups: Group[] = [];
  for (let r = 0; r < R; r++) groups.push({ parts: cells[r]!.map((_, c) => cell(r, c)), whole: rowTotal(r) });
  for (let c = 0; c < C; c++) groups.push({ parts: cells.map((_, r) => cell(r, c)), whole: colTotal(c) });
  groups.push({ parts: cells.map((_, r) => rowTotal(r)), whole: total });
  groups.push({ parts: cells[0]!.map((_, c) => colTotal(c)), whole: total });
  return { values, groups, cell, rowTotal, colTotal, total };
}

/** A small deterministic random generator (tests must repeat). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the threshold', () => {
  it('defaults to 5 and is read from STATISTICS_SUPPRESSION_THRESHOLD', () => {
    expect(suppressionThreshold({})).toBe(5);
    expect(suppressionThreshold({ STATISTICS_SUPPRESSION_THRESHOLD: '3' })).toBe(3);
    expect(() => suppressionThreshold({ STATISTICS_SUPPRESSION_THRESHOLD: 'many' })).toThrow(/whole number/);
    expect(() => suppressionThreshold({ STATISTICS_SUPPRESSION_THRESHOLD: '1' })).toThrow();
  });
});

describe('primary suppression', () => {
  it('hides 1 to 4, shows 0 and 5 and more (threshold 5)', () => {
    const state = suppress({ values: [0, 1, 2, 3, 4, 5, 6, 100], groups: [], threshold: 5 });
    expect(state).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('follows another threshold', () => {
    expect(suppress({ values: [2, 3, 10], groups: [], threshold: 3 })).toEqual([CELL_SMALL, CELL_SHOWN, CELL_SHOWN]);
  });
});

describe('complementary suppression', () => {
  it('hides the next-smallest cell of a row that has exactly one hidden cell', () => {
    // 3 + 9 + 20 + 0 = 32: with only the 3 hidden, 32 − 9 − 20 − 0 gives it away.
    const values = [3, 9, 20, 0, 32];
    const state = suppress({ values, groups: [{ parts: [0, 1, 2, 3], whole: 4 }], threshold: 5 });
    expect(state).toEqual([CELL_SMALL, CELL_COMPLEMENTARY, CELL_SHOWN, CELL_SHOWN, CELL_SHOWN]);
  });

  it('never uses a zero as the complement, and hides the total when nothing else is left', () => {
    // 0 + 0 + 7 = 7 where 7 is a complement from a column: the row total would give it away.
    const t = table([
      [0, 0, 7],
      [6, 8, 3],
    ]);
    const state = suppress({ values: t.values, groups: t.groups, threshold: 5 });
    expect(state[t.cell(1, 2)]).toBe(CELL_SMALL);
    expect(state[t.cell(0, 0)]).toBe(CELL_SHOWN);
    expect(derivable(t.groups, state)).toEqual([]);
  });

  it('iterates over rows and columns until no row or column has exactly one hidden cell', () => {
    const t = table([
      [2, 10, 12, 30],
      [11, 9, 14, 20],
      [13, 15, 8, 25],
    ]);
    const state = suppress({ values: t.values, groups: t.groups, threshold: 5 });
    for (const g of t.groups) {
      const hidden = [...g.parts, g.whole].filter((m) => state[m] !== CELL_SHOWN).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(state[t.cell(0, 0)]).toBe(CELL_SMALL);
    expect(derivable(t.groups, state)).toEqual([]);
  });

  it('breaks a hidden cell that joins two rings (each row and column has two hidden, yet it is determined)', () => {
    // Rings on rows 0–1 × cols 0–1 and rows 2–3 × cols 2–3, joined by the cell (1, 2): every row and
    // column has 0 or ≥ 2 hidden cells, but (1, 2) is the bridge between the rings and solvable.
    const cells = [
      [3, 2, 50, 60],
      [2, 3, 4, 70],
      [80, 90, 3, 2],
      [95, 85, 2, 3],
    ];
    const t = table(cells);
    const values = t.values;
    // Start from that pattern as the primary set (every one of them is below 5): the module must add complements.
    const state = suppress({ values, groups: t.groups, threshold: 5 });
    expect(derivable(t.groups, state)).toEqual([]);
  });

  it('treats the viewer’s own cells as known: never a complement, and no hidden cell can be derived with them', () => {
    // Column 0 is the viewer's own county; the rest are other counties.
    const t = table([
      [7, 3, 9],
      [8, 12, 6],
    ]);
    const known = t.values.map(() => false);
    known[t.cell(0, 0)] = true;
    known[t.cell(1, 0)] = true;
    known[t.colTotal(0)] = true;
    const state = suppress({ values: t.values, groups: t.groups, threshold: 5, known });
    expect(state[t.cell(0, 0)]).toBe(CELL_SHOWN);
    expect(state[t.cell(0, 1)]).toBe(CELL_SMALL);
    expect(derivable(t.groups, state, known)).toEqual([]);
  });
});

describe('an attacker who solves every published relation exactly', () => {
  it('derives none of the hidden cells of 300 random tables with totals (2 to 5 rows and columns)', () => {
    const random = rng(20111215);
    let hiddenTotal = 0;
    for (let n = 0; n < 300; n++) {
      const R = 2 + Math.floor(random() * 4);
      const C = 2 + Math.floor(random() * 4);
      const cells = Array.from({ length: R }, () =>
        Array.from({ length: C }, () =>
          random() < 0.3 ? 0 : random() < 0.5 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 30),
        ),
      );
      const t = table(cells);
      const state = suppress({ values: t.values, groups: t.groups, threshold: 5 });
      t.values.forEach((v, i) => {
        if (v > 0 && v < 5) expect(state[i]).not.toBe(CELL_SHOWN);
        if (v === 0) expect(state[i]).toBe(CELL_SHOWN);
      });
      hiddenTotal += state.filter((s) => s !== CELL_SHOWN).length;
      expect(derivable(t.groups, state), JSON.stringify(cells)).toEqual([]);
    }
    expect(hiddenTotal).toBeGreaterThan(300);
  });

  it('derives nothing from a county × category table linked to police regions and the nation, with a known county', () => {
    const random = rng(7);
    for (let n = 0; n < 60; n++) {
      // Four counties in two regions, three categories; each scope has a row with its total.
      const counties = Array.from({ length: 4 }, () =>
        Array.from({ length: 3 }, () => (random() < 0.3 ? 0 : Math.floor(random() * 12))),
      );
      const scopes = [
        ...counties,
        counties[0]!.map((_, c) => counties[0]![c]! + counties[1]![c]!),
        counties[2]!.map((_, c) => counties[2]![c]! + counties[3]![c]!),
      ];
      scopes.push(scopes[4]!.map((_, c) => scopes[4]![c]! + scopes[5]![c]!));
      const values: number[] = [];
      const id = (s: number, c: number) => s * 4 + c; // c = 3 is the scope's total
      for (const row of scopes)
        values.push(
          ...row,
          row.reduce((a, b) => a + b, 0),
        );
      const groups: Group[] = [];
      for (let s = 0; s < scopes.length; s++) groups.push({ parts: [0, 1, 2].map((c) => id(s, c)), whole: id(s, 3) });
      for (let c = 0; c <= 3; c++) {
        groups.push({ parts: [id(0, c), id(1, c)], whole: id(4, c) });
        groups.push({ parts: [id(2, c), id(3, c)], whole: id(5, c) });
        groups.push({ parts: [id(4, c), id(5, c)], whole: id(6, c) });
        groups.push({ parts: [0, 1, 2, 3].map((s) => id(s, c)), whole: id(6, c) });
      }
      const known = values.map((_, i) => Math.floor(i / 4) === 1);
      const state = suppress({ values, groups, threshold: 5, known });
      expect(derivable(groups, state, known), JSON.stringify(scopes)).toEqual([]);
    }
  });
});
