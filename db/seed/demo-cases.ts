import 'server-only';
// The demo's cases: about 2,700 reports 2008–2026 in the shape of the Swedish picture, with
// Brå's published figures for 2008–2010 reproduced exactly (db/synth/trafficking.ts BRA_GROUPS),
// so that the overviews show something recognisable on a fresh installation. Deterministic:
// a fixed seed and fixed dates, never the clock.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import type { Db } from '@/db';
import { auditLog } from '@/db/schema';
import type { SynthCase } from '@/db/synth/case';
import { generateCases } from '@/db/synth/generate';
import { generateBraCases } from '@/db/synth/trafficking';
import { insertCases } from '@/db/synth/insert';
import { DEMO_SEED, DEMO_TODAY, FIRST_DEMO_DAY, type CountyInfo } from '@/db/synth/profiles';
import { readCountiesCsv } from './counties';

/** The audit action that marks the demo cases as seeded (one entry per creator). */
const DEMO_CASES_ACTION = 'demo.cases_seeded';

export function demoCounties(): CountyInfo[] {
  return readCountiesCsv().map((c) => ({ code: c.code, population: c.population, policeRegion: c.policeRegion }));
}

/** The demo cases in report-date order: pure, the same on every call and every machine. */
export function generateDemoCases(counties: readonly CountyInfo[] = demoCounties()): SynthCase[] {
  const background = [
    ...generateCases({ seed: DEMO_SEED, counties, from: FIRST_DEMO_DAY, to: DEMO_TODAY, omitBraPeriod: true }),
  ];
  const bra = generateBraCases(DEMO_SEED + 1, counties);
  // Merge the two sorted lists; on the same day the background case comes first.
  const merged: SynthCase[] = [];
  let j = 0;
  for (const c of background) {
    while (j < bra.length && bra[j]!.reportedOn < c.reportedOn) merged.push(bra[j++]!);
    merged.push(c);
  }
  while (j < bra.length) merged.push(bra[j++]!);
  return merged;
}

/**
 * Insert the demo cases unless this creator's demo cases are already there; returns how many
 * were inserted (0 the second time). One transaction: all of them or none. References continue
 * the counters, so cases registered before the demo keep theirs.
 */
export async function seedDemoCases(db: Db, createdBy: string | null = null): Promise<number> {
  return db.transaction(async (tx) => {
    // Two processes seeding the same PostgreSQL database at once: the second waits, then sees the marker.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${DEMO_CASES_ACTION}))`);
    const [seeded] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, DEMO_CASES_ACTION),
          createdBy ? eq(auditLog.actorId, createdBy) : isNull(auditLog.actorId),
        ),
      )
      .limit(1);
    if (seeded) return 0;
    const inserted = await insertCases(tx, generateDemoCases(), { createdBy });
    await writeAudit(tx, {
      actorId: createdBy,
      action: DEMO_CASES_ACTION,
      entityType: 'case',
      changes: { ...inserted, seed: DEMO_SEED },
    });
    return inserted.cases;
  });
}
