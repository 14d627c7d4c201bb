// The figures of one period for every county, police region and the nation, with every linear
// relation between them that a reader knows, suppressed together in one pass (decision 006). Every
// product a suppressed viewer sees for a year — dashboard, overview, map, report, API, exports — is
// read from the same cube, so no two of them hide different cells of the same table. Pure.
import { OFFENCES, PARTY_ROLES, SEXES, type Offence } from '../../lib/enums';
import type { Count } from '../../lib/statistics/figures';
import {
  AGE_BANDS_BY_GROUP,
  AGE_GROUPS,
  CASE_DIMENSIONS,
  CITIZENSHIP_GROUPS,
  EXPLOITATION_FORMS,
  PARTY_DIMENSIONS,
  ROLLUP_COLUMNS,
  exploitationOf,
  offenceBit,
  type RollupSums,
} from './measures';
import {
  CELL_COMPLEMENTARY,
  CELL_SHOWN,
  CELL_SMALL,
  CELL_UNPUBLISHED,
  suppress,
  type CellState,
  type Group,
} from './suppression';

/** Rollup sums per offence combination (mask) plus the additive figures kept elsewhere (trainings, coordination). */
export type ScopeSums = { byMask: Map<number, RollupSums>; extra: Record<string, number> };

export function emptyScopeSums(): ScopeSums {
  return { byMask: new Map(), extra: {} };
}

export function addScopeSums(target: ScopeSums, source: ScopeSums): ScopeSums {
  for (const [mask, sums] of source.byMask) {
    const t = target.byMask.get(mask);
    if (!t) target.byMask.set(mask, { ...sums });
    else for (const c of ROLLUP_COLUMNS) t[c] = (t[c] ?? 0) + (sums[c] ?? 0);
  }
  for (const [k, v] of Object.entries(source.extra)) target.extra[k] = (target.extra[k] ?? 0) + v;
  return target;
}

const sexCols = (prefix: string) => SEXES.map((s) => `${prefix}_${s}`);
const euCell = (form: string, cit: string, age: string) => `eu_${form}_${cit}_${age}`;

/** Rollup columns that are never shown themselves (their Eurostat breakdown is). */
const UNSHOWN_COLUMNS = new Set(ROLLUP_COLUMNS.filter((c) => c.startsWith('v_cit_')));

/** Every figure of a scope, by name: rollup totals, offence combinations and offences, Eurostat cells, extras. */
export function measuresOf(sums: ScopeSums, masks: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of ROLLUP_COLUMNS) if (!UNSHOWN_COLUMNS.has(c)) out.set(c, 0);
  for (const m of masks) out.set(`combo_${m}`, 0);
  for (const o of OFFENCES) out.set(`offence_${o}`, 0);
  for (const f of EXPLOITATION_FORMS) {
    out.set(`eu_form_${f}`, 0);
    for (const c of CITIZENSHIP_GROUPS) for (const a of AGE_GROUPS) out.set(euCell(f, c, a), 0);
  }
  const add = (k: string, v: number) => out.set(k, (out.get(k) ?? 0) + v);
  for (const [mask, s] of sums.byMask) {
    for (const c of ROLLUP_COLUMNS) if (!UNSHOWN_COLUMNS.has(c)) add(c, s[c] ?? 0);
    add(`combo_${mask}`, s.cases ?? 0);
    for (const o of OFFENCES) if (mask & offenceBit(o)) add(`offence_${o}`, s.cases ?? 0);
    const form = exploitationOf(mask);
    for (const c of CITIZENSHIP_GROUPS) {
      for (const a of AGE_GROUPS) {
        const v = s[`v_cit_${c}_${a}`] ?? 0;
        add(euCell(form, c, a), v);
        add(`eu_form_${form}`, v);
      }
    }
  }
  out.set(
    'p_prosecuted',
    sexCols('p_prosecuted_sex').reduce((n, c) => n + (out.get(c) ?? 0), 0),
  );
  out.set(
    'p_convicted',
    sexCols('p_convicted_sex').reduce((n, c) => n + (out.get(c) ?? 0), 0),
  );
  for (const [k, v] of Object.entries(sums.extra)) out.set(k, v);
  return out;
}

/** Cells that exist only to state a relation (never shown): e.g. children = 0–14 + 15–17 = Σ Eurostat child cells. */
const AUXILIARY = AGE_GROUPS.map((a) => `aux_age_${a}`);

/** The relations inside one scope: parts that add up to a whole, by measure name. */
function relationsOf(
  masks: readonly number[],
  extraGroups: readonly { parts: string[]; whole: string }[] = [],
): { parts: string[]; whole: string }[] {
  const out: { parts: string[]; whole: string }[] = [];
  for (const d of Object.values(CASE_DIMENSIONS))
    out.push({ parts: d.values.map((v) => `${d.prefix}_${v}`), whole: 'cases' });
  out.push({ parts: masks.map((m) => `combo_${m}`), whole: 'cases' });
  for (const o of OFFENCES)
    out.push({
      parts: masks.filter((m) => m & offenceBit(o as Offence)).map((m) => `combo_${m}`),
      whole: `offence_${o}`,
    });
  for (const r of PARTY_ROLES) {
    const prefix = r === 'victim' ? 'v' : 'p';
    for (const [dim, d] of Object.entries(PARTY_DIMENSIONS))
      out.push({
        parts: d.values.map((v) => `${prefix}_${dim}_${v}`),
        whole: r === 'victim' ? 'victims' : 'perpetrators',
      });
  }
  out.push({ parts: sexCols('p_prosecuted_sex'), whole: 'p_prosecuted' });
  out.push({ parts: sexCols('p_convicted_sex'), whole: 'p_convicted' });
  out.push({ parts: EXPLOITATION_FORMS.map((f) => `eu_form_${f}`), whole: 'victims' });
  for (const f of EXPLOITATION_FORMS)
    out.push({
      parts: CITIZENSHIP_GROUPS.flatMap((c) => AGE_GROUPS.map((a) => euCell(f, c, a))),
      whole: `eu_form_${f}`,
    });
  for (const a of AGE_GROUPS) {
    out.push({ parts: AGE_BANDS_BY_GROUP[a].map((b) => `v_age_${b}`), whole: `aux_age_${a}` });
    out.push({
      parts: EXPLOITATION_FORMS.flatMap((f) => CITIZENSHIP_GROUPS.map((c) => euCell(f, c, a))),
      whole: `aux_age_${a}`,
    });
  }
  out.push(...extraGroups);
  return out.filter((g) => g.parts.length > 0);
}

export type CubeScope = { key: string; counties: readonly string[] };

export type Cube = {
  threshold: number;
  /** The count of a measure in a scope (a county code, 'region:<name>' or 'SE'). */
  get(scope: string, measure: string): Count;
  masks: readonly number[];
};

export const NATION = 'SE';

export function regionKey(region: string): string {
  return `region:${region}`;
}

/** Counties, their police regions and the nation, each a scope. */
export function scopesOf(counties: readonly { code: string; policeRegion: string }[]): CubeScope[] {
  const regions = [...new Set(counties.map((c) => c.policeRegion))];
  return [
    ...counties.map((c) => ({ key: c.code, counties: [c.code] })),
    ...regions.map((r) => ({
      key: regionKey(r),
      counties: counties.filter((c) => c.policeRegion === r).map((c) => c.code),
    })),
    { key: NATION, counties: counties.map((c) => c.code) },
  ];
}

type CubeOptions = {
  counties: readonly { code: string; policeRegion: string }[];
  sums: ReadonlyMap<string, ScopeSums>;
  threshold: number;
  known?: readonly string[];
  extraGroups?: readonly { parts: string[]; whole: string }[];
};

/** Every scope's figures as one flat list of cells: cell(scope, measure) = scope × M + measure. */
type Table = {
  scopes: CubeScope[];
  masks: number[];
  measureNames: string[];
  index: Map<string, number>;
  scopeIndex: Map<string, number>;
  M: number;
  values: number[];
  unpublished: boolean[];
};

function tableOf(options: CubeOptions): Table {
  const scopes = scopesOf(options.counties);
  const masks = [...new Set([...options.sums.values()].flatMap((s) => [...s.byMask.keys()]))].sort((a, b) => a - b);
  // Figures per county once; a region's and the nation's are sums of their counties' figures.
  const byCounty = new Map(
    options.counties.map((c) => [c.code, measuresOf(options.sums.get(c.code) ?? emptyScopeSums(), masks)]),
  );
  const perScope = scopes.map((scope) => {
    if (scope.counties.length === 1 && scope.key === scope.counties[0]) return byCounty.get(scope.key)!;
    const total = new Map<string, number>();
    for (const code of scope.counties) for (const [k, v] of byCounty.get(code)!) total.set(k, (total.get(k) ?? 0) + v);
    return total;
  });
  // Sorted: the rows arrive in any order, and the cached patterns are keyed by position.
  const measureNames = [...new Set([...perScope.flatMap((m) => [...m.keys()]), ...AUXILIARY])].sort();
  const index = new Map(measureNames.map((m, i) => [m, i]));
  const M = measureNames.length;
  const values: number[] = new Array(scopes.length * M).fill(0);
  const unpublished: boolean[] = new Array(scopes.length * M).fill(false);
  scopes.forEach((_, si) => {
    for (const [m, v] of perScope[si]!) values[si * M + index.get(m)!] = v;
    // Cells named aux_* state a relation only (e.g. the persons per offence combination, decision 014).
    for (const [m, mi] of index) if (m.startsWith('aux_')) unpublished[si * M + mi] = true;
    for (const a of AGE_GROUPS) {
      // Auxiliary cells carry the value their relation gives them, and are never published.
      const i = si * M + index.get(`aux_age_${a}`)!;
      values[i] = AGE_BANDS_BY_GROUP[a].reduce((n, b) => n + (perScope[si]!.get(`v_age_${b}`) ?? 0), 0);
      unpublished[i] = true;
    }
  });
  const scopeIndex = new Map(scopes.map((s, i) => [s.key, i]));
  return { scopes, masks, measureNames, index, scopeIndex, M, values, unpublished };
}

/** The published cells of the counties the viewer works in. */
function knownCells(t: Table, counties: readonly string[]): boolean[] {
  const known = t.values.map(() => false);
  for (const code of counties) {
    const si = t.scopeIndex.get(code);
    if (si === undefined) continue;
    for (let j = 0; j < t.M; j++) known[si * t.M + j] = !t.unpublished[si * t.M + j];
  }
  return known;
}

/** The relations inside each scope, and across scopes: counties → their region, regions → the nation, counties → the nation. */
function groupsOf(t: Table, options: CubeOptions): Group[] {
  const cell = (scope: number, measure: string) => scope * t.M + t.index.get(measure)!;
  const groups: Group[] = [];
  const relations = relationsOf(t.masks, options.extraGroups);
  t.scopes.forEach((_, si) => {
    for (const r of relations) {
      const parts = r.parts.filter((p) => t.index.has(p));
      if (parts.length > 0 && t.index.has(r.whole))
        groups.push({ parts: parts.map((p) => cell(si, p)), whole: cell(si, r.whole) });
    }
  });
  const nation = t.scopeIndex.get(NATION)!;
  const regionScopes = t.scopes.filter((s) => s.key.startsWith('region:'));
  const scopeCell = (key: string, m: string) => cell(t.scopeIndex.get(key)!, m);
  for (const m of t.measureNames) {
    for (const r of regionScopes)
      groups.push({ parts: r.counties.map((c) => scopeCell(c, m)), whole: scopeCell(r.key, m) });
    groups.push({ parts: regionScopes.map((r) => scopeCell(r.key, m)), whole: cell(nation, m) });
    groups.push({ parts: options.counties.map((c) => scopeCell(c.code, m)), whole: cell(nation, m) });
  }
  return groups;
}

/**
 * Suppress the figures of all scopes together. `known`: the counties the viewer works in (their
 * figures are shown, and count as known when the relations are solved).
 */
export function buildCube(options: CubeOptions): Cube {
  const t = tableOf(options);
  // The same figures give the same pattern: keep recent patterns (the figures are read live, so
  // the key is the figures themselves, and any change to the rows gives a new key).
  const key = `${options.threshold}|${(options.known ?? []).join(',')}|${t.measureNames.join(',')}|${t.scopes.map((s) => s.key).join(',')}|${fingerprint(t.values)}`;
  let state = SUPPRESSION_CACHE.get(key);
  if (state) {
    SUPPRESSION_CACHE.delete(key);
  } else {
    state = suppress({
      values: t.values,
      groups: groupsOf(t, options),
      threshold: options.threshold,
      known: knownCells(t, options.known ?? []),
      unpublished: t.unpublished,
    });
    if (SUPPRESSION_CACHE.size >= CACHE_SIZE) SUPPRESSION_CACHE.delete(SUPPRESSION_CACHE.keys().next().value!);
  }
  SUPPRESSION_CACHE.set(key, state);
  const cells = state;
  return {
    threshold: options.threshold,
    masks: t.masks,
    get(scope, measure) {
      const si = t.scopeIndex.get(scope);
      const mi = t.index.get(measure);
      if (si === undefined) throw new Error(`unknown scope ${scope}`);
      if (mi === undefined) return { value: 0, suppressed: false };
      const i = si * t.M + mi;
      return countOf(t.values[i]!, cells[i]!);
    },
  };
}

const CACHE_SIZE = 256;
const SUPPRESSION_CACHE = new Map<string, CellState[]>();

/** Two independent 32-bit FNV-1a hashes over the values and their positions. */
function fingerprint(values: readonly number[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ values.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]! | 0;
    a = Math.imul(a ^ v, 0x01000193) >>> 0;
    b = Math.imul(b ^ (v + i * 2654435761), 0x85ebca6b) >>> 0;
  }
  return `${values.length}:${a.toString(36)}:${b.toString(36)}:${values.reduce((x, y) => x + y, 0)}`;
}

export function countOf(value: number, state: CellState = CELL_SHOWN): Count {
  if (state === CELL_SMALL) return { value: null, suppressed: true, reason: 'small' };
  if (state === CELL_COMPLEMENTARY || state === CELL_UNPUBLISHED)
    return { value: null, suppressed: true, reason: 'complementary' };
  return { value, suppressed: false };
}
