// Each hidden cell's integer minimum and maximum over everything the attacker knows, solved with
// HiGHS (the npm package `highs`, HiGHS compiled to WebAssembly). No time or node limits: the
// answer is the exact integer optimum on any machine, however long it takes.
import loadHighs, { type Highs } from 'highs';
import type { Constraint } from './relations';

/** A cell the attacker does not know: its bounds from the marker (or 0..∞ when no product shows it). */
export type Unknown = { lower: number; upper: number };

export type Range = { min: number; max: number };

let highsPromise: Promise<Highs> | null = null;

/** The solver, loaded once per process (start-up ~100 ms). */
function highs(): Promise<Highs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/** Connected components of the unknowns (two are connected when a constraint holds both). */
function components(n: number, rows: readonly { indices: number[] }[]): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const r of rows) for (let j = 1; j < r.indices.length; j++) parent[find(r.indices[j]!)] = find(r.indices[0]!);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) (byRoot.get(find(i)) ?? byRoot.set(find(i), []).get(find(i))!).push(i);
  return [...byRoot.values()];
}

/**
 * The integer minimum and maximum of each target over the unknowns, the known values already
 * moved into the constraints' bounds. Targets: keys of `unknowns`. Throws when the constraints
 * admit no solution at all (then a relation or a marker's meaning is wrong). `enough`: a cell
 * whose solutions found so far already span that much is not solved further (its range is then
 * the span seen, a lower bound of its width: all a check against the rule needs).
 */
export async function integerRanges(
  unknowns: ReadonlyMap<string, Unknown>,
  constraints: readonly Constraint[],
  known: (key: string) => number | undefined,
  targets: readonly string[],
  enough = Infinity,
): Promise<Map<string, Range>> {
  const h = await highs();
  const keys = [...unknowns.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const rows: { indices: number[]; values: number[]; lower: number; upper: number; name: string }[] = [];
  for (const c of constraints) {
    let constant = 0;
    const coef = new Map<number, number>();
    for (const [key, a] of c.terms) {
      const i = index.get(key);
      if (i === undefined) constant += a * (known(key) ?? 0);
      else coef.set(i, (coef.get(i) ?? 0) + a);
    }
    for (const [i, a] of coef) if (a === 0) coef.delete(i);
    if (coef.size === 0) {
      if (constant < c.lower || constant > c.upper) throw new Error(`the shown figures break "${c.name}"`);
      continue;
    }
    rows.push({
      indices: [...coef.keys()],
      values: [...coef.values()],
      lower: c.lower - constant,
      upper: c.upper - constant,
      name: c.name,
    });
  }
  const targetSet = new Set(targets.map((t) => index.get(t)!));
  const out = new Map<string, Range>();
  const inf = h.infinity;
  const bound = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  const comps = components(keys.length, rows);
  const compOf = new Int32Array(keys.length);
  comps.forEach((comp, ci) => comp.forEach((i) => (compOf[i] = ci)));
  const rowsOf = comps.map((): typeof rows => []);
  for (const r of rows) rowsOf[compOf[r.indices[0]!]!]!.push(r);
  for (const [ci, comp] of comps.entries()) {
    const wanted = comp.filter((i) => targetSet.has(i));
    const compRows = rowsOf[ci]!;
    // A cell no relation holds keeps its marker's bounds: nothing to attack.
    if (wanted.length === 0 || compRows.length === 0) continue;
    const local = new Map(comp.map((i, j) => [i, j]));
    const model = h.createModel();
    try {
      model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
      for (const i of comp) {
        const u = unknowns.get(keys[i]!)!;
        model.addVar(u.lower, bound(u.upper));
        model.changeColIntegrality(local.get(i)!, h.constants.variableType.integer);
      }
      for (const r of compRows)
        model.addRow(bound(r.lower), bound(r.upper), {
          indices: r.indices.map((i) => local.get(i)!),
          values: r.values,
        });
      // Every solution found bounds every cell from inside: a cell whose marker bound a solution
      // already reaches needs no solve of its own.
      const seenMin = comp.map(() => Infinity);
      const seenMax = comp.map(() => -Infinity);
      const solveFor = (j: number, sense: 'minimize' | 'maximize'): number => {
        model.changeObjectiveSense(h.constants.objectiveSense[sense]);
        model.changeColCost(j, 1);
        model.run();
        const status = model.getModelStatus();
        const objective = Math.round(model.getObjectiveValue());
        const x = model.getSolution().colValue;
        model.changeColCost(j, 0); // (a change to the model clears its status and solution)
        const { unbounded, unboundedOrInfeasible, optimal } = h.constants.modelStatus;
        if (status === unbounded || status === unboundedOrInfeasible) {
          // Presolve may not tell which: without an objective, a feasible model means unbounded.
          model.run();
          if (model.getModelStatus() === optimal) return sense === 'maximize' ? Infinity : -Infinity;
        }
        if (status !== optimal) {
          const names = compRows.slice(0, 5).map((r) => r.name);
          throw new Error(
            `no integer solution (HiGHS status ${status}) for a component of ${comp.length} cells: ${names.join('; ')}`,
          );
        }
        for (let c = 0; c < comp.length; c++) {
          const v = Math.round(x[c]!);
          if (v < seenMin[c]!) seenMin[c] = v;
          if (v > seenMax[c]!) seenMax[c] = v;
        }
        return objective;
      };
      for (const i of wanted) {
        const j = local.get(i)!;
        const u = unknowns.get(keys[i]!)!;
        // Solutions found already span `enough`: the cell is at least that wide (all a rule check asks).
        if (seenMax[j]! - seenMin[j]! >= enough) {
          out.set(keys[i]!, { min: seenMin[j]!, max: seenMax[j]! });
          continue;
        }
        const min = seenMin[j] === u.lower ? u.lower : solveFor(j, 'minimize');
        const max = seenMax[j] === u.upper ? u.upper : solveFor(j, 'maximize');
        out.set(keys[i]!, { min, max });
      }
    } finally {
      model.dispose();
    }
  }
  return out;
}
