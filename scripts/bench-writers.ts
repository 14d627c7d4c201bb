// npm run bench:writers [-- --writers 10] [--seconds 60] [--counties 1] [--no-check]
//
// Concurrent writers (issue 21, decision 016): N writers register full cases (offences, parties,
// the first step) through the same db/queries function the case form's action calls, in ONE
// county (or spread over --counties), for --seconds. Prints errors by SQLSTATE, cases a second,
// the registration's p50/p95/p99, the load average, and then checks that every rollup equals a
// GROUP BY over the rows (db/statistics/rollup-check.ts). Targets (10 writers, one county, 60 s):
// 0 errors, ≥ 8 cases/s, p95 ≤ 500 ms, no difference.
//
// On PostgreSQL (DATABASE_URL) with the demo accounts: createdb lagesbild_bench;
// DATABASE_URL=… npm run db:seed -- --demo; DATABASE_URL=… npm run bench:writers.
// It adds cases to that database (dated within the last 40 days): use a database for benchmarks.
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { getDbHandle } from '../db';
import { databaseErrorFacts } from '../db/errors';
import { createCase } from '../db/queries/cases/register';
import { users } from '../db/schema';
import { rollupDifferences } from '../db/statistics/rollup-check';
import { AGE_BANDS, OFFENCES, ORIGIN_REGIONS, SEXES, type Offence } from '../lib/enums';
import type { Actor } from '../lib/policy';
import { CaseSchema, type CaseInput, type PartyInput } from '../lib/schemas/cases';
import { arg, describeDatabase, flag, runCli } from './cli';

const NATIONAL = 'nationell@lagesbild.test';
const COUNTIES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20'];
const TARGET = { casesPerSecond: 8, p95Ms: 500 };

/** A small seeded generator: the same run makes the same cases. */
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

const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A full case as the form sends it: a few offences and parties, reported in the last 40 days. */
function randomCase(random: () => number, countyCode: string, today: string): CaseInput {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - Math.floor(random() * 40));
  const offences = [...new Set<Offence>([pick(OFFENCES), ...(random() < 0.4 ? [pick(OFFENCES)] : [])])];
  const party = (role: 'victim' | 'perpetrator'): PartyInput =>
    (role === 'victim'
      ? {
          role,
          sex: pick(SEXES),
          ageBand: pick(AGE_BANDS),
          originRegion: pick(ORIGIN_REGIONS),
          citizenship: '',
          plaintiffStatus: 'yes',
          residencePermit: 'not_relevant',
          support: ['counselling'],
        }
      : {
          role,
          sex: pick(SEXES),
          ageBand: pick(AGE_BANDS),
          originRegion: pick(ORIGIN_REGIONS),
          citizenship: '',
          perpetratorRole: 'exploiter',
        }) as PartyInput;
  return {
    countyCode,
    reportedOn: day.toISOString().slice(0, 10),
    reportingBody: 'police',
    policeReportNumber: '',
    offences,
    arena: 'apartment',
    onlinePlatform: 'unknown',
    crossBorder: 'unknown',
    crimeEstablished: random() < 0.5 ? 'yes' : 'uncertain',
    coercionDegree: 'degree_2',
    controlMethods: [],
    notes: 'Benchmark case.',
    parties: [party('victim'), ...(random() < 0.5 ? [party('victim')] : []), party('perpetrator')],
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

void runCli(async () => {
  const writers = Number(arg('writers') ?? 10);
  const seconds = Number(arg('seconds') ?? 60);
  const countyCount = Number(arg('counties') ?? 1);
  if (!(writers >= 1 && seconds > 0 && countyCount >= 1 && countyCount <= COUNTIES.length))
    throw new Error(`--writers ≥ 1, --seconds > 0, --counties 1–${COUNTIES.length}`);
  const { db, driver } = await getDbHandle();
  if (driver !== 'postgresql') console.warn('Embedded PGlite has one connection: its writers never overlap.');
  const [user] = await db
    .select({ id: users.id, role: users.role, county: users.countyCode })
    .from(users)
    .where(eq(sql`lower(${users.email})`, NATIONAL));
  if (!user) throw new Error(`No user ${NATIONAL}: seed the demo accounts first (npm run db:seed -- --demo).`);
  const actor: Actor = user;
  const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const [before] = rows(await db.execute(sql`select (select count(*) from cases)::int as cases`));
  const today = stockholmToday();
  const counties = COUNTIES.slice(0, countyCount);

  console.log(
    `${describeDatabase()}, ${before!.cases} cases; ${writers} writers in ${countyCount === 1 ? `county ${counties[0]}` : `${countyCount} counties`} for ${seconds} s; ${os.availableParallelism()} cores`,
  );
  const durations: number[] = [];
  const errors = new Map<string, number>();
  const load: number[] = [];
  const sampler = setInterval(() => load.push(os.loadavg()[0]!), 5_000);
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const random = rng(1000 + w);
      const county = counties[w % counties.length]!;
      while (performance.now() < end) {
        const input = CaseSchema.parse(randomCase(random, county, today));
        const t0 = performance.now();
        try {
          await createCase(actor, input);
          durations.push(performance.now() - t0);
        } catch (error) {
          const code = databaseErrorFacts(error)?.code ?? (error instanceof Error ? error.name : 'unknown');
          errors.set(code, (errors.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  load.push(os.loadavg()[0]!);

  const sorted = [...durations].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const rate = durations.length / elapsed;
  const p95 = percentile(sorted, 95);
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(
    `cases ${durations.length} in ${elapsed.toFixed(1)} s = ${rate.toFixed(1)} cases/s · errors ${errorCount}${errorCount ? ` (${[...errors].map(([c, n]) => `${c} ×${n}`).join(', ')})` : ''}`,
  );
  console.log(
    `create p50 ${ms(percentile(sorted, 50))} · p95 ${ms(p95)} · p99 ${ms(percentile(sorted, 99))} · max ${ms(sorted.at(-1) ?? NaN)}`,
  );
  console.log(
    `load average (1 min) during the run: ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}; ${new Date().toISOString()}`,
  );
  let differences: Record<string, number> = {};
  if (!flag('no-check')) {
    const t0 = performance.now();
    differences = await rollupDifferences(db);
    const wrong = Object.entries(differences).filter(([, n]) => n !== 0);
    console.log(
      `rollups vs GROUP BY over the rows (${((performance.now() - t0) / 1000).toFixed(1)} s): ${wrong.length === 0 ? 'equal' : `DIFFER ${JSON.stringify(Object.fromEntries(wrong))}`}`,
    );
  }
  const ok =
    errorCount === 0 &&
    Object.values(differences).every((n) => n === 0) &&
    (countyCount > 1 || writers < 10 || (rate >= TARGET.casesPerSecond && p95 <= TARGET.p95Ms));
  console.log(
    ok
      ? 'OK'
      : `NOT MET (targets at 10 writers, one county: 0 errors, ≥ ${TARGET.casesPerSecond} cases/s, p95 ≤ ${TARGET.p95Ms} ms, rollups equal)`,
  );
  if (!ok) process.exitCode = 1;
});
