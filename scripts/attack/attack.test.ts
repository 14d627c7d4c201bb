import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { seedDemoCases } from '@/db/seed/demo-cases';
import { DEMO_TODAY } from '@/db/synth/profiles';
import { attackYear, narrowerThanRule, summarise } from './attack';
import { collectProducts } from './collect';
import { supersededView } from './fixtures/superseded-products';
import { cellKey, emptyObserved, parseCellKey, type Observed } from './products';
import { brokenBy, relationsOf, type Constraint } from './relations';

// The attacker against the demo data (seeded once per database, as `npm run db:seed -- --demo`
// does). Other test files add cases in their own counties and years; the attacker reads whatever
// the products show, and the truth is read from the full products of the same moment.

const YEAR = 2025;
let truth: Observed;

const truthOf = (key: string) => {
  const m = truth.marks.get(key);
  if (m && m.kind !== 'value') throw new Error(`the full products hide ${key}`);
  return m?.kind === 'value' ? m.value : 0;
};

beforeAll(async () => {
  await seedDemoCases(await getDb());
  truth = await collectProducts({ kind: 'full' }, [2024, YEAR, YEAR + 1], DEMO_TODAY);
}, 120_000);

describe('the attacker (issue 14)', () => {
  it('uses only relations that the true figures satisfy', () => {
    for (const year of [2024, YEAR]) {
      const relations = relationsOf(truth, year);
      expect(relations.length).toBeGreaterThan(1000);
      expect(brokenBy(relations, truthOf).map((c) => c.name)).toEqual([]);
    }
  });

  it("never cuts off a hidden cell's true value in what the analyst is shown today", async () => {
    const shown = await collectProducts({ kind: 'analyst' }, [YEAR, YEAR + 1], DEMO_TODAY);
    const result = await attackYear(shown, YEAR);
    expect(summarise(result).attacked).toBeGreaterThan(0);
    for (const c of result.cells) {
      const v = truthOf(c.key);
      expect({ cell: c.key, ok: c.range.min <= v && v <= c.range.max }).toEqual({ cell: c.key, ok: true });
    }
  }, 120_000);

  it('finds the leaks of the superseded rule (decision 006) in a demo year', async () => {
    const relations = relationsOf(truth, YEAR);
    const view = supersededView(truth, YEAR, relations, 5);
    const s = summarise(await attackYear(view, YEAR, relations));
    expect(s.hidden).toBeGreaterThan(0);
    expect(s.attacked).toBeGreaterThan(0);
    expect(s.narrower).toBeGreaterThan(0);
    expect(s.pinned).toBeGreaterThan(0);
  }, 120_000);

  it('reports no leak on a small table whose protection is known to hold', async () => {
    // Rows a+b=12, c+d=12, columns a+c=12, b+d=12: a=d ("<5"), b=c ("×", at least 5) = 12 − a,
    // so a can be anything from 1 to 4 — three apart, what the rule asks at threshold 5.
    const o = emptyObserved();
    o.threshold = 5;
    const k = (m: string) => cellKey(YEAR, 'T', m);
    for (const [m, mark] of [
      ['a', { kind: 'small' }],
      ['d', { kind: 'small' }],
      ['b', { kind: 'hidden' }],
      ['c', { kind: 'hidden' }],
      ['r1', { kind: 'value', value: 12 }],
      ['r2', { kind: 'value', value: 12 }],
      ['c1', { kind: 'value', value: 12 }],
      ['c2', { kind: 'value', value: 12 }],
    ] as const)
      o.marks.set(k(m), mark);
    const sum = (parts: string[], whole: string): Constraint => ({
      name: whole,
      terms: [...parts.map((p): [string, number] => [k(p), 1]), [k(whole), -1]],
      lower: 0,
      upper: 0,
    });
    const relations = [sum(['a', 'b'], 'r1'), sum(['c', 'd'], 'r2'), sum(['a', 'c'], 'c1'), sum(['b', 'd'], 'c2')];
    const result = await attackYear(o, YEAR, relations);
    expect(result.cells.map((c) => [parseCellKey(c.key).measure, c.range.min, c.range.max]).sort()).toEqual([
      ['a', 1, 4],
      ['b', 8, 11],
      ['c', 8, 11],
      ['d', 1, 4],
    ]);
    expect(result.cells.filter((c) => narrowerThanRule(c.range, 5))).toEqual([]);
    // The same table with the column total of a and c at 5 pins them: a=1..4, c=5−a ≥ 5 → a=0? No: infeasible
    // for a ≥ 1, so take 6: c = 6 − a ≥ 5 → a = 1, pinned. The attacker must say so.
    o.marks.set(k('c1'), { kind: 'value', value: 6 });
    o.marks.set(k('r2'), { kind: 'value', value: 6 });
    o.marks.set(k('c2'), { kind: 'value', value: 12 });
    o.marks.set(k('r1'), { kind: 'value', value: 12 });
    const pinned = await attackYear(o, YEAR, relations);
    expect(summarise(pinned).pinned).toBe(4);
  });
});
