// npm run bench [-- --sql-only] [--base-url http://localhost:3000] [--warmup 5] [--runs 50] [--only <text>]
//
// Response times of the pages that must stay fast on a large register: for each scenario, p50
// and p95 of full page loads through the RUNNING app (signed in like a browser, via the Auth.js
// endpoints), beside the same data-layer call alone, measured in the same run against the same
// database (DATABASE_URL: the app's PostgreSQL). The gap between the two is what rendering, the
// session and the network add. Scenarios are a list: add dashboards etc. below.
//
// Fill a database first: createdb lagesbild_bench; DATABASE_URL=… npm run db:seed -- --demo;
// DATABASE_URL=… npm run db:synth -- --cases 1000000; start the app on it; then run this.
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { CaseFilterSchema } from '../app/(app)/cases/schema';
import { getDbHandle } from '../db';
import type { Actor } from '../db/policy';
import { listCasesForActor } from '../db/queries/cases';
import { users } from '../db/schema';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { arg, flag, runCli } from './cli';

const NATIONAL = 'nationell@lagesbild.test';
const COUNTY_AB = 'samordnare.ab@lagesbild.test';
const TARGET_P95_MS = 100;

type Scenario = {
  name: string;
  /** Demo account the scenario runs as (password DEMO_PASSWORD). */
  account: string;
  /** The page, as a browser requests it. */
  path: string;
  /** The same work without the app: the data-layer call(s) the page makes. */
  sql: (actor: Actor) => Promise<unknown>;
};

/** The case list's filter exactly as the page parses it from the URL. */
function filterOf(path: string) {
  const query = new URL(path, 'http://x').searchParams;
  return CaseFilterSchema.parse(Object.fromEntries(query.entries()));
}

function caseList(name: string, account: string, path: string): Scenario {
  return { name, account, path, sql: (actor) => listCasesForActor(actor, filterOf(path)) };
}

export const SCENARIOS: Scenario[] = [
  caseList('case list, first page (national)', NATIONAL, '/cases'),
  caseList('case list, sex purchase · reported · 2015–2020 (national)', NATIONAL, '/cases?offence=sex_purchase&status=reported&from=2015-01-01&to=2020-12-31'),
  caseList('case list, first page (county coordinator AB)', COUNTY_AB, '/cases'),
];

// ── Measuring ────────────────────────────────────────────────────────────────────────────────

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
    const response = await fetch(new URL(path, this.baseUrl), { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
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
      throw new Error(`Sign-in as ${email} failed (status ${response.status}, ${response.headers.get('location') ?? 'no redirect'})`);
    }
  }
}

// ── Output ───────────────────────────────────────────────────────────────────────────────────

const ms = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} ms`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

void runCli(async () => {
  const sqlOnly = flag('sql-only');
  const baseUrl = arg('base-url') ?? process.env.BASE_URL ?? 'http://localhost:3000';
  const warmup = Number(arg('warmup') ?? 5);
  const runs = Number(arg('runs') ?? 50);
  const only = arg('only');
  const scenarios = SCENARIOS.filter((s) => !only || s.name.includes(only));
  if (!process.env.DATABASE_URL && !sqlOnly) {
    throw new Error('Set DATABASE_URL to the database the app uses: the embedded PGlite allows one process per folder, so the SQL part cannot share it with a running app.');
  }

  const { db, driver } = await getDbHandle();
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const [info] = rowsOf<{ version: string; cases: number }>(
    await db.execute(sql`select split_part(version(), ' ', 2) as version, (select count(*) from cases)::int as cases`),
  );

  const actors = new Map<string, Actor>();
  for (const email of new Set(scenarios.map((s) => s.account))) {
    const [user] = await db.select({ id: users.id, role: users.role, county: users.countyCode }).from(users).where(eq(sql`lower(${users.email})`, email));
    if (!user) throw new Error(`No user ${email}: seed the demo accounts first (npm run db:seed -- --demo).`);
    actors.set(email, user);
  }

  const browsers = new Map<string, Browser>();
  if (!sqlOnly) {
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

  const results: { scenario: Scenario; app?: Stats; sql: Stats }[] = [];
  for (const scenario of scenarios) {
    const actor = actors.get(scenario.account)!;
    let app: Stats | undefined;
    if (!sqlOnly) {
      const browser = browsers.get(scenario.account)!;
      app = await measure(warmup, runs, async () => {
        const { status } = await browser.get(scenario.path);
        if (status !== 200) throw new Error(`GET ${scenario.path} as ${scenario.account} answered ${status}`);
      });
    }
    const alone = await measure(warmup, runs, async () => {
      await scenario.sql(actor);
    });
    results.push({ scenario, app, sql: alone });
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
  console.log(
    table(
      ['scenario', 'app p50', 'app p95', 'SQL p50', 'SQL p95', 'app/SQL p95', `target p95 ≤ ${TARGET_P95_MS} ms`],
      results.map((r) => [
        r.scenario.name,
        ms(r.app?.p50),
        ms(r.app?.p95),
        ms(r.sql.p50),
        ms(r.sql.p95),
        r.app ? `${(r.app.p95 / r.sql.p95).toFixed(1)}×` : '–',
        `${judged(r) <= TARGET_P95_MS ? 'met' : 'MISSED'}${r.app ? '' : ' (SQL)'}`,
      ]),
    ),
  );
});
