// npm run attack [-- --years 2024,2025] [--viewers analyst,01,09,Syd] [--assert] [--show] — the
// integer-programming attacker (issue 14) against the configured database: for each viewer (the
// analyst, every county insider, every police-region insider) and year, every hidden cell's
// integer minimum and maximum over what that viewer is shown and knows. Prints one line per
// viewer and year; with --assert, exits 1 when any cell is narrower than the rule
// (threshold − 2), a product shows what another hides, or a viewer's hidden cells of a year are
// not attacked at all; --show lists the cells narrower than the rule.
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { listReleases } from '@/db/statistics/releases';
import { users } from '@/db/schema';
import { POLICE_REGIONS, parseScope } from '@/lib/regions';
import { arg, describeDatabase, flag, runCli } from '../cli';
import { attackYear, narrowerThanRule, summarise, type Summary } from './attack';
import { collectProducts, regionCounties, viewerName, type Viewer } from './collect';

const today = arg('today') ?? new Date().toISOString().slice(0, 10);

function yearsWanted(): number[] {
  const raw = arg('years');
  if (!raw) return Array.from({ length: Number(today.slice(0, 4)) - 2008 + 1 }, (_, i) => 2008 + i);
  return raw.split(',').map((y) => {
    const n = Number(y);
    if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new Error(`--years: not a year: ${y}`);
    return n;
  });
}

async function viewersWanted(): Promise<Viewer[]> {
  const full = await collectProducts({ kind: 'full' }, [Number(today.slice(0, 4))], today);
  const regions = regionCounties(full);
  const all: Viewer[] = [
    { kind: 'analyst' },
    ...[...full.counties.keys()].map((county): Viewer => ({ kind: 'county', county })),
    ...POLICE_REGIONS.map((region): Viewer => ({ kind: 'region', region, counties: regions.get(region) ?? [] })),
  ];
  const raw = arg('viewers');
  if (!raw) return all;
  return raw.split(',').map((name): Viewer => {
    if (name === 'analyst') return { kind: 'analyst' };
    const scope = parseScope(name);
    if (scope?.kind === 'county') return { kind: 'county', county: scope.code };
    if (scope?.kind === 'region')
      return { kind: 'region', region: scope.region, counties: regions.get(scope.region) ?? [] };
    throw new Error(`--viewers: not a viewer: ${name} (analyst, a county code or a police region)`);
  });
}

/** The released years whose full figures changed since their latest release (as the national coordinator's list says). */
async function changedSinceRelease(): Promise<Set<number>> {
  const list = await listReleases({ id: randomUUID(), role: 'national_coordinator', county: null }, today);
  return new Set(list.years.filter((y) => y.changed).map((y) => y.year));
}

/** An active analyst's account, as whom the analyst's exports are read (the audit log names it); none: no exports. */
async function analystAccount(): Promise<string | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'national_analyst'), eq(users.active, true)))
    .limit(1);
  return row?.id;
}

const COLUMNS = [
  'viewer',
  'year',
  'hidden',
  'rounded',
  'attacked',
  'exempt',
  'narrower',
  'pinned',
  'exposed',
  'seconds',
  'cpu s',
] as const;

function line(cells: readonly (string | number)[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(18) : String(c).padStart(9))).join('');
}

void runCli(async () => {
  const years = yearsWanted();
  const viewers = await viewersWanted();
  const analyst = await analystAccount();
  if (!analyst) console.log('No active analyst account: the Eurostat export is left out of the analyst’s products.');
  console.log(`Attacking ${describeDatabase()}: ${viewers.length} viewer(s), years ${years.join(', ')}.`);
  console.log(
    'rounded: case counts shown as an interval; narrower: integer range narrower than threshold − 2; pinned: exactly one value; exposed: hidden in one product, shown in another.',
  );
  console.log(line(COLUMNS));
  const results: (Summary & { viewer: string })[] = [];
  const stale = await changedSinceRelease();
  for (const v of viewers) {
    // An insider knows their own figures as they are now; a year whose figures changed since its
    // release shows them as they were (in that year's products, the year after's and the trends).
    const usable =
      v.kind === 'analyst' ? years : years.filter((y) => ![0, 1, 2, 3, 4, -1].some((d) => stale.has(y - d)));
    for (const y of years.filter((x) => !usable.includes(x)))
      console.log(
        `(${viewerName(v)}, ${y}: skipped — figures it shows changed since their release; release them again to attack an insider)`,
      );
    if (usable.length === 0) continue;
    // The products of a year also show the year before (previous columns, trends).
    const t0 = performance.now();
    const o = await collectProducts(v, [...new Set(usable.flatMap((y) => [y, y + 1]))].sort(), today, analyst);
    console.log(`(${viewerName(v)}: products read in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    for (const year of usable) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const attack = await attackYear(o, year, undefined, undefined, { ruleOnly: flag('assert') });
      const s = summarise(attack);
      // The cells narrower than the rule, with their ranges (what an analyst would look at first).
      if (flag('show'))
        for (const c of attack.cells.filter((x) => !x.exempt && narrowerThanRule(x.range, attack.threshold)))
          console.log(`  ${c.key}: ${c.range.min}–${c.range.max}`);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const cpuSeconds = (process.cpuUsage(cpu).user / 1e6).toFixed(1);
      results.push({ ...s, viewer: viewerName(v) });
      console.log(
        line([
          viewerName(v),
          year,
          s.hidden,
          s.rounded,
          s.attacked,
          s.exempt,
          s.narrower,
          s.pinned,
          s.exposed,
          seconds,
          cpuSeconds,
        ]),
      );
    }
  }
  const total = (k: 'hidden' | 'rounded' | 'attacked' | 'exempt' | 'narrower' | 'pinned' | 'exposed') =>
    results.reduce((n, r) => n + r[k], 0);
  console.log(
    line([
      'total',
      '',
      total('hidden'),
      total('rounded'),
      total('attacked'),
      total('exempt'),
      total('narrower'),
      total('pinned'),
      total('exposed'),
      '',
    ]),
  );
  if (flag('assert')) {
    const failed = results.filter((r) => r.narrower > 0 || r.exposed > 0 || (r.hidden > 0 && r.attacked === 0));
    for (const r of failed)
      console.error(`FAIL ${r.viewer} ${r.year}: ${r.narrower} narrower, ${r.exposed} exposed, ${r.attacked} attacked`);
    if (failed.length > 0) throw new Error(`${failed.length} viewer-year(s) do not hold against the attacker`);
    console.log('Every hidden cell holds against this attacker.');
  }
});
