import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { seedDemoCases } from '@/db/seed/demo-cases';
import { DEMO_TODAY } from '@/db/synth/profiles';
import { makeUser, releaseNow } from '@/db/test/helpers';
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

/** A cell's true value: from the full products; a police region's Eurostat figures (no export has them) from its counties. */
const truthOf = (key: string): number => {
  const m = truth.marks.get(key);
  if (m && m.kind !== 'value') throw new Error(`the full products hide ${key}`);
  if (m) return m.value;
  const { year, scope, measure } = parseCellKey(key);
  if (!scope.startsWith('region:')) return 0;
  const counties = [...truth.counties].filter(([, r]) => `region:${r}` === scope).map(([c]) => c);
  return counties.reduce((n, c) => n + truthOf(cellKey(year, c, measure)), 0);
};

beforeAll(async () => {
  await seedDemoCases(await getDb());
  // Protected viewers see releases: the two years attacked, as they are now.
  for (const year of [2024, YEAR]) await releaseNow(year, DEMO_TODAY);
  const national = await makeUser('national_coordinator');
  truth = await collectProducts({ kind: 'full' }, [2024, YEAR, YEAR + 1], DEMO_TODAY, national.id);
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
    const analyst = await makeUser('national_analyst');
    const shown = await collectProducts({ kind: 'analyst' }, [YEAR, YEAR + 1], DEMO_TODAY, analyst.id);
    const result = await attackYear(shown, YEAR);
    expect(summarise(result).attacked).toBeGreaterThan(0);
    for (const c of result.cells) {
      const v = truthOf(c.key);
      expect({ cell: c.key, ok: c.range.min <= v && v <= c.range.max }).toEqual({ cell: c.key, ok: true });
    }
  }, 120_000);

  it('finds the leaks of the superseded rule (decision 006) in a demo year', async () => {
    const relations = relationsOf(truth, YEAR);
    const view = supersededView(truth, truthOf, YEAR, relations, 5);
    // The police region Syd and its counties (the whole year takes about four times as long).
    const syd = new Set(['region:Syd', ...[...truth.counties].filter(([, r]) => r === 'Syd').map(([c]) => c)]);
    const s = summarise(await attackYear(view, YEAR, relations, (key) => syd.has(parseCellKey(key).scope)));
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
    // With a + c = 6 and c + d = 6 instead, c ≥ 5 leaves a = 1, c = 5, d = 1, b = 11: all pinned.
    o.marks.set(k('c1'), { kind: 'value', value: 6 });
    o.marks.set(k('r2'), { kind: 'value', value: 6 });
    const pinned = await attackYear(o, YEAR, relations);
    expect(summarise(pinned).pinned).toBe(4);
  });

  it('gives a hidden cell that nothing bounds no maximum', async () => {
    const o = emptyObserved();
    o.threshold = 5;
    const k = (m: string) => cellKey(YEAR, 'T', m);
    o.marks.set(k('x'), { kind: 'hidden' });
    o.marks.set(k('y'), { kind: 'hidden' });
    const same: Constraint = {
      name: 'x = y',
      terms: [
        [k('x'), 1],
        [k('y'), -1],
      ],
      lower: 0,
      upper: 0,
    };
    const result = await attackYear(o, YEAR, [same]);
    expect(result.cells.map((c) => c.range)).toEqual([
      { min: 5, max: Infinity },
      { min: 5, max: Infinity },
    ]);
  });
});
