// npm run db:synth -- --cases 1000000 [--seed 1] [--batch 5000] [--from 2008-01-01] [--to <today>] [--created-by <email>] [--no-analyze]
//
// Adds that many synthetic cases (with offences, parties and status events) to the configured
// database, in the demo's proportions (db/synth), for load tests and benchmarks. References continue
// the per-county-year counters. On the embedded database (no DATABASE_URL) the app must not be
// running: PGlite has no lock between processes.
import { writeAudit } from '@/db/audit';
import { getDbHandle } from '@/db';
import { findUserIdByEmail } from '@/db/queries/users/admin';
import { demoCounties } from '@/db/seed/demo-cases';
import type { SynthCase } from '@/db/synth/case';
import { generateCases } from '@/db/synth/generate';
import { insertCases, timeOrderedIds, type InsertResult } from '@/db/synth/insert';
import { sql } from 'drizzle-orm';
import { isIsoDate } from '@/lib/forms/fields';
import { arg, describeDatabase, flag, runCli } from './cli';

const DEFAULT_SEED = 1;
const DEFAULT_BATCH = 5000;

function positiveInt(name: string, fallback?: number): number {
  const raw = arg(name);
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`--${name} needs a whole number of at least 1 (got ${raw ?? 'nothing'})`);
  return value;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

const number = new Intl.NumberFormat('en-GB');

/** A progress bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise. */
function progress(total: number) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  let lastTenth = -1;
  let lastDone = -1;
  return {
    update(done: number, force = false) {
      const now = performance.now();
      const elapsed = now - started;
      const rate = elapsed > 0 ? (done / elapsed) * 1000 : 0;
      const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
      const share = total > 0 ? done / total : 1;
      const width = 30;
      const filled = Math.round(share * width);
      const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${number.format(done)} / ${number.format(total)}  ${(share * 100).toFixed(1)}%  ${number.format(Math.round(rate))} cases/s  ETA ${duration(eta)}`;
      if (tty) {
        if (!force && now - lastDraw < 200) return;
        lastDraw = now;
        process.stderr.write(`\r${line}\x1b[K`);
      } else {
        const tenth = Math.floor(share * 10);
        if ((tenth === lastTenth && !force) || done === lastDone) return;
        lastTenth = tenth;
        lastDone = done;
        process.stderr.write(`${line}\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
      return performance.now() - started;
    },
  };
}

/** The next batch from the stream, yielding to the event loop now and then so that the batch being written keeps moving. */
async function nextBatch(stream: Iterator<SynthCase>, size: number): Promise<SynthCase[]> {
  const batch: SynthCase[] = [];
  while (batch.length < size) {
    const next = stream.next();
    if (next.done) break;
    batch.push(next.value);
    if (batch.length % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return batch;
}

void runCli(async () => {
  const total = positiveInt('cases');
  const seed = positiveInt('seed', DEFAULT_SEED);
  const batchSize = positiveInt('batch', DEFAULT_BATCH);
  const { db, driver } = await getDbHandle(); // migrates and loads the counties
  if (driver === 'pglite') console.error('Embedded database: make sure the app is not running on the same folder.');
  const creatorEmail = arg('created-by');
  const createdBy = creatorEmail ? await findUserIdByEmail(creatorEmail) : null;
  if (creatorEmail && !createdBy) throw new Error(`No user ${creatorEmail}`);
  console.error(
    `Adding ${number.format(total)} synthetic cases to ${describeDatabase()} (seed ${seed}, batches of ${number.format(batchSize)}).`,
  );

  // --from/--to: report dates within these days only (e.g. one year of small counts, for the protection's benchmark).
  const [from, to] = [arg('from'), arg('to')];
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (value !== undefined && !isIsoDate(value)) throw new Error(`--${name} needs a date YYYY-MM-DD (got ${value})`);
  const stream = generateCases({ seed, counties: demoCounties(), total, from, to });
  const newId = timeOrderedIds();
  const bar = progress(total);
  const sum: InsertResult = { cases: 0, offences: 0, parties: 0, events: 0, steps: 0 };
  // Generate the next batch while the database writes the current one.
  let writing: Promise<InsertResult> | null = null;
  let analyzeAt: number | null = flag('no-analyze') ? null : 25_000;
  try {
    for (;;) {
      const batch = await nextBatch(stream, batchSize);
      if (writing) {
        const done = await writing;
        for (const key of Object.keys(sum) as (keyof InsertResult)[]) sum[key] += done[key];
        bar.update(sum.cases);
        // Each batch's rollup refresh (decision 005) is planned from the tables' statistics; when the
        // tables have doubled since they were last analysed, analyse them again, or the planner keeps
        // choosing plans for a register a fraction of the size (a few seconds at most, 6 times in 1 M).
        if (analyzeAt !== null && sum.cases >= analyzeAt) {
          await db.execute(sql`analyze cases, case_offences, case_parties, case_status_events`);
          analyzeAt *= 2;
        }
      }
      if (batch.length === 0) break;
      writing = insertCases(db, batch, { createdBy, newId });
    }
  } catch (error) {
    bar.end();
    console.error(`Stopped after ${number.format(sum.cases)} cases (each batch is all or nothing).`);
    throw error;
  }
  bar.update(sum.cases, true);
  const ms = bar.end();
  await writeAudit(db, {
    actorId: createdBy,
    action: 'synth.cases_generated',
    entityType: 'case',
    changes: { ...sum, seed },
  });
  console.error(
    `Inserted ${number.format(sum.cases)} cases, ${number.format(sum.offences)} offences, ${number.format(sum.parties)} parties and ${number.format(sum.events)} status events in ${duration(ms)} (${number.format(Math.round((sum.cases / ms) * 1000))} cases/s).`,
  );
  if (!flag('no-analyze')) {
    const started = performance.now();
    await db.execute(sql`analyze cases, case_offences, case_parties, case_status_events, case_reference_counters`);
    console.error(`ANALYZE in ${duration(performance.now() - started)}.`);
  }
});
