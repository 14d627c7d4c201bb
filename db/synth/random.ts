// A small seeded random source for the demo and synthetic data: the same seed gives the same
// data on every machine and every run (Math.random cannot be seeded).

/** mulberry32: 32-bit state, fast, good enough for test data (not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weighted choice prepared once (cumulative weights), then drawn many times. */
export type Weighted<T> = {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
};

export function weighted<T extends string | number>(table: readonly (readonly [T, number])[]): Weighted<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of table) {
    if (weight <= 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new Error('weighted(): no positive weight');
  return { values, cumulative, total };
}

export class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  draw<T>(table: Weighted<T>): T {
    const x = this.next() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return values[i]!;
    return values[values.length - 1]!;
  }

  /** Fisher–Yates, in place; returns the array. */
  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    return values;
  }

  /** A derived, independent stream (e.g. one per part of the data), so parts do not shift each other. */
  fork(salt: number): Rng {
    return new Rng((Math.floor(this.next() * 4294967296) ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
  }
}

/** A multiset as a flat list: [['a', 2], ['b', 1]] → ['a', 'a', 'b']. */
export function repeat<T>(counts: readonly (readonly [T, number])[]): T[] {
  const out: T[] = [];
  for (const [value, n] of counts) for (let i = 0; i < n; i++) out.push(value);
  return out;
}
