// Generators of case records for the demo and for synthetic volume. Pure: the same options give
// the same cases, in report-date order, without touching a database (see insert.ts for that).
// How many of each kind per year comes from profiles.ts; each kind's generator is in kinds.ts or
// trafficking.ts.
import { makeCtx, type SynthCase } from './case';
import { dayOf, firstDayOfYear, yearOf } from './dates';
import { caseOfKind } from './kinds';
import * as P from './profiles';

export type GenerateOptions = {
  seed: number;
  counties: readonly P.CountyInfo[];
  /** First and last report date, 'YYYY-MM-DD' (default 2008-01-01 … the demo's today). */
  from?: string;
  to?: string;
  /** Exactly this many cases, in the proportions of YEARLY_CASES; default: YEARLY_CASES as they are. */
  total?: number;
  /** Leave out trafficking and gross procuring reported 2008–2010 (the demo adds Brå's own). */
  omitBraPeriod?: boolean;
};

type Cell = { year: number; kind: P.CaseKind; first: number; last: number; count: number };

/** How many cases of each kind each year: the rates times the part of the year covered, rounded so the sum is exact. */
function plan(options: GenerateOptions): Cell[] {
  const from = dayOf(options.from ?? P.FIRST_DEMO_DAY);
  const to = dayOf(options.to ?? P.DEMO_TODAY);
  const cells: (Cell & { weight: number })[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const yearStart = firstDayOfYear(year);
    const yearDays = firstDayOfYear(year + 1) - yearStart;
    for (const kind of P.CASE_KINDS) {
      const starts = P.KIND_STARTS[kind];
      const first = Math.max(from, yearStart, starts ? dayOf(starts) : -Infinity);
      const last = Math.min(to, yearStart + yearDays - 1);
      const omitted = options.omitBraPeriod && kind === 'trafficking_sexual' && year <= 2010;
      const weight = last < first || omitted ? 0 : (P.yearlyRate(kind, year) * (last - first + 1)) / yearDays;
      cells.push({ year, kind, first, last, count: 0, weight });
    }
  }
  const sum = cells.reduce((s, c) => s + c.weight, 0);
  const scale = options.total === undefined ? 1 : sum > 0 ? options.total / sum : 0;
  let exact = 0;
  let given = 0;
  for (const cell of cells) {
    exact += cell.weight * scale;
    cell.count = Math.round(exact) - given;
    given += cell.count;
  }
  return cells;
}

export function plannedCaseCount(options: GenerateOptions): number {
  return plan(options).reduce((s, c) => s + c.count, 0);
}

/** Cases in report-date order, a year at a time (so a million need little memory). */
export function* generateCases(options: GenerateOptions): Generator<SynthCase> {
  const ctx = makeCtx(options.seed, options.counties, options.to ?? P.DEMO_TODAY);
  const cells = plan(options);
  const years = [...new Set(cells.map((c) => c.year))];
  for (const year of years) {
    const yearStart = firstDayOfYear(year);
    const yearDays = firstDayOfYear(year + 1) - yearStart;
    const perDay = new Map<P.CaseKind, Uint32Array>();
    for (const cell of cells) {
      if (cell.year !== year || cell.count === 0) continue;
      const counts = new Uint32Array(yearDays);
      for (let i = 0; i < cell.count; i++) counts[ctx.rng.int(cell.first, cell.last) - yearStart]! += 1;
      perDay.set(cell.kind, counts);
    }
    for (let d = 0; d < yearDays; d++) {
      for (const kind of P.CASE_KINDS) {
        const n = perDay.get(kind)?.[d] ?? 0;
        for (let i = 0; i < n; i++) yield caseOfKind(ctx, kind, yearStart + d);
      }
    }
  }
}
