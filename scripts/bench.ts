// npm run bench [-- --sql-only] [--base-url http://localhost:3000] [--warmup 5] [--runs 50] [--only <text>]
//                [--release-years 2024,2025] [--releases-only]
//
// Response times of the pages that must stay fast on a large register: for each scenario, p50
// and p95 of full page loads through the RUNNING app (signed in like a browser, via the Auth.js
// endpoints), beside the same data-layer call alone, measured in the same run against the same
// database (DATABASE_URL: the app's PostgreSQL). The gap between the two is what rendering, the
// session and the network add. Scenarios are a list. The overviews are measured a third way: the
// same figures computed by plain SQL over the rows ("raw SQL"), the design's yardstick (decision 005).
//
// Fill a database first: createdb lagesbild_bench; DATABASE_URL=… npm run db:seed -- --demo;
// DATABASE_URL=… npm run db:synth -- --cases 1000000; start the app on it; then run this.
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { CaseFilterSchema } from '../lib/schemas/cases';
import { getDbHandle, type Db } from '../db';
import type { Actor } from '../lib/policy';
import { listCasesForActor } from '../db/queries/cases/list';
import { getDashboard } from '../db/statistics/dashboard';
import { getNationalOverview } from '../db/statistics/overview';
import { parsePeriod } from '../lib/periods';
import { counties as countiesTable, users } from '../db/schema';
import { NATION, releaseContentOf } from '../db/statistics/cube';
import { suppressionThreshold } from '../db/statistics/protection';
import { cubeOptionsOf, loadYearSums } from '../db/statistics/year-sums';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { arg, flag, runCli } from './cli';

const NATIONAL = 'nationell@lagesbild.test';
const COUNTY_AB = 'samordnare.ab@lagesbild.test';
const ANALYST = 'analytiker@lagesbild.test';
const TARGET_P95_MS = 100;
/** The overviews: p95 ≤ 200 ms, and within 1.5× the raw SQL that computes the same figures from the rows. */
const OVERVIEW_TARGET_P95_MS = 200;
const OVERVIEW_MAX_RATIO = 1.5;

type Scenario = {
  name: string;
  /** Demo account the scenario runs as (password DEMO_PASSWORD). */
  account: string;
  /** The page, as a browser requests it. */
  path: string;
  /** The same work without the app: the data-layer call(s) the page makes. */
  sql: (actor: Actor) => Promise<unknown>;
  /** The same figures computed by plain SQL over the rows (no rollups), for the overviews. */
  raw?: (db: Db) => Promise<unknown>;
  targetMs?: number;
};

/** The case list's filter exactly as the page parses it from the URL. */
function filterOf(path: string) {
  const query = new URL(path, 'http://x').searchParams;
  return CaseFilterSchema.parse(Object.fromEntries(query.entries()));
}

function caseList(name: string, account: string, path: string): Scenario {
  return { name, account, path, sql: (actor) => listCasesForActor(actor, filterOf(path)) };
}

// ── The overviews ────────────────────────────────────────────────────────────────────────────
// Raw SQL: what the page shows, computed from cases, parties, offences and status events directly.

const BENCH_TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const BENCH_YEAR = Number(BENCH_TODAY.slice(0, 4)) - 1; // the pages' default: the last complete year

const partyCounts = `left join lateral (select count(*) filter (where p.role = 'victim') as v, count(*) filter (where p.role = 'perpetrator') as pe from case_parties p where p.case_id = c.id) pc on true`;
const reached = (step: string) =>
  `exists (select 1 from case_status_events e where e.case_id = c.id and e.status = '${step}')`;

function rawNationalOverview(year: number) {
  return async (db: Db) =>
    Promise.all(
      [year, year - 1]
        .map((y) =>
          db.execute(
            sql.raw(`select c.county_code, count(*) as cases, sum(pc.v) as victims, sum(pc.pe) as perpetrators, count(*) filter (where ${reached('convicted')}) as convicted
                   from cases c ${partyCounts} where c.deleted_at is null and c.reported_on between '${y}-01-01' and '${y}-12-31' group by 1`),
          ),
        )
        .concat([
          db.execute(
            sql.raw(
              `select date_trunc('year', reported_on) as y, count(*) from cases where deleted_at is null and reported_on between '${year - 9}-01-01' and '${year}-12-31' group by 1`,
            ),
          ),
          db.execute(
            sql.raw(
              `select t.county_code, sum(tp.participants) from trainings t join training_participants tp on tp.training_id = t.id where t.deleted_at is null and t.starts_on between '${year}-01-01' and '${year}-12-31' group by 1`,
            ),
          ),
          db.execute(
            sql.raw(
              `select g.county_code, count(*) from meetings m join coordination_groups g on g.id = m.group_id where m.deleted_at is null and g.deleted_at is null and m.starts_at >= '${year}-01-01' and m.starts_at < '${year + 1}-01-01' group by 1`,
            ),
          ),
        ]),
    );
}

function rawCountyDashboard(county: string, year: number) {
  const period = (y: number) =>
    `c.deleted_at is null and c.county_code = '${county}' and c.reported_on between '${y}-01-01' and '${y}-12-31'`;
  const one = (db: Db, y: number) => [
    db.execute(
      sql.raw(`select count(*), count(*) filter (where c.crime_established = 'yes'), c.coercion_degree, c.reporting_body,
                 count(*) filter (where ${reached('investigation')}), count(*) filter (where ${reached('prosecuted')}), count(*) filter (where ${reached('convicted')})
               from cases c where ${period(y)} group by grouping sets ((), (c.coercion_degree), (c.reporting_body), (c.crime_established))`),
    ),
    db.execute(
      sql.raw(
        `select o.offence, count(*) from cases c join case_offences o on o.case_id = c.id where ${period(y)} group by 1`,
      ),
    ),
    db.execute(
      sql.raw(
        `select k, count(*) from (select string_agg(o.offence::text, '+' order by o.offence) as k from cases c join case_offences o on o.case_id = c.id where ${period(y)} group by c.id) x group by 1`,
      ),
    ),
    db.execute(
      sql.raw(
        `select p.role, p.sex, p.age_band, p.origin_region, count(*) from cases c join case_parties p on p.case_id = c.id where ${period(y)} group by grouping sets ((p.role, p.sex), (p.role, p.age_band), (p.role, p.origin_region))`,
      ),
    ),
    db.execute(
      sql.raw(`select percentile_cont(0.5) within group (order by i.occurred_on - c.reported_on), percentile_cont(0.5) within group (order by p.occurred_on - i.occurred_on), percentile_cont(0.5) within group (order by v.occurred_on - p.occurred_on)
               from cases c left join case_status_events i on i.case_id = c.id and i.status = 'investigation' left join case_status_events p on p.case_id = c.id and p.status = 'prosecuted'
               left join case_status_events v on v.case_id = c.id and v.status = 'convicted' where ${period(y)}`),
    ),
  ];
  return async (db: Db) =>
    Promise.all([
      ...one(db, year),
      ...one(db, year - 1),
      db.execute(
        sql.raw(`select date_trunc('month', c.reported_on), count(*) from cases c where ${period(year)} group by 1`),
      ),
    ]);
}

function periodOfPath(path: string) {
  const q = new URL(path, 'http://x').searchParams;
  const parsed = parsePeriod({ year: q.get('year') ?? undefined }, BENCH_TODAY);
  if (!parsed.ok) throw new Error(`bad period in ${path}`);
  return parsed.period;
}

function overview(name: string, account: string, path: string): Scenario {
  const period = periodOfPath(path);
  return {
    name,
    account,
    path,
    sql: (actor) => getNationalOverview(actor, { period, today: BENCH_TODAY }),
    raw: rawNationalOverview(Number(period.from.slice(0, 4))),
    targetMs: OVERVIEW_TARGET_P95_MS,
  };
}

function dashboard(name: string, account: string, county: string, path: string): Scenario {
  const period = periodOfPath(path);
  return {
    name,
    account,
    path,
    sql: (actor) => getDashboard(actor, { county, period, today: BENCH_TODAY }),
    raw: rawCountyDashboard(county, Number(period.from.slice(0, 4))),
    targetMs: OVERVIEW_TARGET_P95_MS,
  };
}

export const SCENARIOS: Scenario[] = [
  caseList('case list, first page (national)', NATIONAL, '/cases'),
  caseList(
    'case list, sex purchase · reported · 2015–2020 (national)',
    NATIONAL,
    '/cases?offence=sex_purchase&status=reported&from=2015-01-01&to=2020-12-31',
  ),
  caseList('case list, first page (county coordinator AB)', COUNTY_AB, '/cases'),
  overview(`national overview ${BENCH_YEAR} (national coordinator)`, NATIONAL, `/overview?year=${BENCH_YEAR}`),
  overview(`national overview ${BENCH_YEAR} (analyst, suppressed)`, ANALYST, `/overview?year=${BENCH_YEAR}`),
  dashboard(
    `county dashboard AB ${BENCH_YEAR} (county coordinator AB)`,
    COUNTY_AB,
    '01',
    `/overview/01?year=${BENCH_YEAR}`,
  ),
  dashboard(
    `county dashboard AB ${BENCH_YEAR} (analyst, suppressed)`,
    ANALYST,
    '01',
    `/overview/01?year=${BENCH_YEAR}`,
  ),
];

// ── Measuring ────────────────────────────────────────────────────────────────────────────────

/**
 * A rendered error: React's digest on a boundary that failed while streaming. (Not the error
 * page's words: every page carries them among its translations.)
 */
const FAILED_PAGE = /data-dgst=/;

/**
 * A page as a reader gets it, or an error: a page that failed after its first bytes still
 * answers 200 (issue 21), and would look fast.
 */
async function getPage(browser: Browser, path: string, account: string): Promise<void> {
  const { status, body } = await browser.get(path);
  if (status !== 200) throw new Error(`GET ${path} as ${account} answered ${status}`);
  if (FAILED_PAGE.test(body)) throw new Error(`GET ${path} as ${account} rendered an error page`);
}

type Stats = { p50: number; p95: number };

/** Nearest-rank percentiles. */
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50: at(50), p95: at(95) };
}

async function measure(warmup: number, runs: number, once: () => Promise<void>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

// ── Signing in like a script: Auth.js's CSRF token, then the credentials callback ─────────────

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: { cookie: this.cookieHeader() },
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, body: await response.text() };
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrf = await fetch(new URL('/api/auth/csrf', this.baseUrl), { redirect: 'manual' });
    this.keep(csrf);
    if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(new URL('/api/auth/callback/credentials', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: new URL('/', this.baseUrl).href }),
      redirect: 'manual',
    });
    this.keep(response);
    await response.text();
    if (![...this.cookies.keys()].some((name) => name.endsWith('session-token'))) {
      throw new Error(
        `Sign-in as ${email} failed (status ${response.status}, ${response.headers.get('location') ?? 'no redirect'})`,
      );
    }
  }
}

// ── Release patterns (issue 14) ──────────────────────────────────────────────────────────────
// What releasing a year costs: its full figures read from the rollups, and the protection pattern
// computed over them (decision 017). Nothing is stored.

async function releasePatterns(db: Db, years: readonly number[]): Promise<string[][]> {
  const counties = await db.select().from(countiesTable).orderBy(countiesTable.code);
  const rows: string[][] = [];
  for (const year of years) {
    const t0 = performance.now();
    const sums = (await loadYearSums(db, [year], BENCH_TODAY)).get(year)!;
    const options = cubeOptionsOf(counties, sums, suppressionThreshold());
    const t1 = performance.now();
    const content = releaseContentOf(options);
    const t2 = performance.now();
    const published = content.cells.filter((c) => c !== -2).length;
    const nation = content.scopes.indexOf(NATION) * content.measures.length + content.measures.indexOf('cases');
    rows.push([
      String(year),
      number.format(content.cells[nation] ?? 0),
      number.format(published),
      number.format(content.hiddenCells),
      `${((100 * content.hiddenCells) / Math.max(1, published)).toFixed(1)} %`,
      number.format(content.roundedCells),
      ms(t1 - t0),
      `${((t2 - t1) / 1000).toFixed(2)} s`,
    ]);
  }
  return rows;
}

const number = new Intl.NumberFormat('en-GB');

// ── Framework ceiling (issue 21) ─────────────────────────────────────────────────────────────
// The national overview's page beside the same page (layout, HTML) rendered from figures the
// server loaded once (app/(app)/overview/(national)/ceiling): how near the page is to what Next.js, React, the
// layout and the session cost on their own. Single-user, so the share is one of requests a second.

async function ceilingRows(browser: Browser | undefined, warmup: number, runs: number): Promise<string[][]> {
  if (!browser) return [];
  const probe = await browser.get('/overview/ceiling');
  if (probe.status !== 200) {
    console.log('\n(No framework ceiling: start the server with BENCH_CEILING=1 to measure it.)');
    return [];
  }
  const page = `/overview?year=${BENCH_YEAR}`;
  const timed = (path: string) =>
    measure(warmup, runs, async () => {
      await getPage(browser, path, NATIONAL);
    });
  const [ceiling, overview] = [await timed('/overview/ceiling'), await timed(page)];
  const bytes = [(await browser.get('/overview/ceiling')).body.length, (await browser.get(page)).body.length];
  return [
    [`ceiling (${number.format(bytes[0]!)} bytes of HTML)`, ms(ceiling.p50), ms(ceiling.p95), '100 %'],
    [
      `national overview ${BENCH_YEAR} (national coordinator, ${number.format(bytes[1]!)} bytes)`,
      ms(overview.p50),
      ms(overview.p95),
      `${((100 * ceiling.p50) / overview.p50).toFixed(0)} %`,
    ],
  ];
}

// ── Output ───────────────────────────────────────────────────────────────────────────────────

const ms = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} ms`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

void runCli(async () => {
  const sqlOnly = flag('sql-only');
  const baseUrl = arg('base-url') ?? process.env.BASE_URL ?? 'http://localhost:3000';
  const warmup = Number(arg('warmup') ?? 5);
  const runs = Number(arg('runs') ?? 50);
  const only = arg('only');
  const releasesOnly = flag('releases-only');
  const scenarios = releasesOnly ? [] : SCENARIOS.filter((s) => !only || s.name.includes(only));
  const releaseYears = (arg('release-years') ?? `${BENCH_YEAR - 1},${BENCH_YEAR}`).split(',').map(Number);
  if (!process.env.DATABASE_URL && !sqlOnly && !releasesOnly) {
    throw new Error(
      'Set DATABASE_URL to the database the app uses: the embedded PGlite allows one process per folder, so the SQL part cannot share it with a running app.',
    );
  }

  const { db, driver } = await getDbHandle();
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const [info] = rowsOf<{ version: string; cases: number }>(
    await db.execute(sql`select split_part(version(), ' ', 2) as version, (select count(*) from cases)::int as cases`),
  );

  const actors = new Map<string, Actor>();
  for (const email of new Set(scenarios.map((s) => s.account))) {
    const [user] = await db
      .select({ id: users.id, role: users.role, county: users.countyCode })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    if (!user) throw new Error(`No user ${email}: seed the demo accounts first (npm run db:seed -- --demo).`);
    actors.set(email, user);
  }

  const browsers = new Map<string, Browser>();
  if (!sqlOnly && !releasesOnly) {
    try {
      await fetch(new URL('/api/health', baseUrl));
    } catch {
      throw new Error(`No app at ${baseUrl} (start it on the same database, set BASE_URL, or use --sql-only).`);
    }
    for (const email of actors.keys()) {
      const browser = new Browser(baseUrl);
      await browser.signIn(email, DEMO_PASSWORD);
      browsers.set(email, browser);
    }
  }

  const results: { scenario: Scenario; app?: Stats; sql: Stats; raw?: Stats }[] = [];
  for (const scenario of scenarios) {
    const actor = actors.get(scenario.account)!;
    let app: Stats | undefined;
    if (!sqlOnly) {
      const browser = browsers.get(scenario.account)!;
      app = await measure(warmup, runs, async () => {
        await getPage(browser, scenario.path, scenario.account);
      });
    }
    const alone = await measure(warmup, runs, async () => {
      await scenario.sql(actor);
    });
    const raw = scenario.raw
      ? await measure(Math.min(warmup, 2), Math.min(runs, 20), async () => void (await scenario.raw!(db)))
      : undefined;
    results.push({ scenario, app, sql: alone, raw });
  }

  const cpus = os.cpus();
  const judged = (r: (typeof results)[number]) => (r.app ?? r.sql).p95;
  console.log(`Lägesbild benchmark, ${new Date().toISOString()}`);
  console.log(
    `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
  );
  console.log(
    `Database: ${driver === 'postgresql' ? `PostgreSQL ${info?.version} (postgres.js)` : `PGlite (embedded)`}, ${new Intl.NumberFormat('en-GB').format(info?.cases ?? 0)} cases`,
  );
  console.log(sqlOnly ? `App: not measured (--sql-only)` : `App: ${baseUrl}`);
  console.log(`Each figure: ${warmup} warm-up, then ${runs} sequential requests/calls.\n`);
  if (results.length > 0)
    console.log(
      table(
        ['scenario', 'app p50', 'app p95', 'SQL p50', 'SQL p95', 'app/SQL p95', 'raw SQL p95', 'app/raw p95', 'target'],
        results.map((r) => {
          const target = r.scenario.targetMs ?? TARGET_P95_MS;
          const p95 = judged(r);
          const ratioRaw = r.raw ? p95 / r.raw.p95 : undefined;
          const met = p95 <= target && (ratioRaw === undefined || ratioRaw <= OVERVIEW_MAX_RATIO);
          return [
            r.scenario.name,
            ms(r.app?.p50),
            ms(r.app?.p95),
            ms(r.sql.p50),
            ms(r.sql.p95),
            r.app ? `${(r.app.p95 / r.sql.p95).toFixed(1)}×` : '–',
            ms(r.raw?.p95),
            ratioRaw === undefined ? '–' : `${ratioRaw.toFixed(2)}×`,
            `${met ? 'met' : 'MISSED'} (p95 ≤ ${target} ms${r.raw ? `, ≤ ${OVERVIEW_MAX_RATIO}× raw` : ''})${r.app ? '' : ' (SQL)'}`,
          ];
        }),
      ),
    );
  const ceiling = sqlOnly || releasesOnly ? [] : await ceilingRows(browsers.get(NATIONAL), warmup, runs);
  if (ceiling.length > 0) {
    console.log(
      `\nFramework ceiling (issue 21): the national overview beside the same page from figures loaded once (/overview/ceiling, server started with BENCH_CEILING=1).\n`,
    );
    console.log(table(['page', 'p50', 'p95', 'share of the ceiling (p50)'], ceiling));
  }
  console.log(`\nRelease patterns (issue 14): the year's full figures, then its protection; nothing stored.\n`);
  console.log(
    table(
      ['year', 'cases', 'cells published', 'hidden', 'share hidden', 'rounded', 'figures read', 'pattern', ''],
      (await releasePatterns(db, releaseYears)).map((r) => [...r, '(target ≤ 60 s)']),
    ),
  );
});
