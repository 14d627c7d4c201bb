import 'server-only';
// The demo's coordination groups, meetings, action items and trainings (issue 4). Deterministic:
// a fixed seed and fixed dates, never the clock; the plan is pure (generateDemoCoordination) and
// one statement inserts it (seedDemoCoordination), so it costs well under a second.
//
// The shape follows Brå 2011:18: in 2010 regional cooperation groups existed in 19 of the 21
// counties (here all but Gotland and Jämtland), there was cooperation across county borders, a
// national method-support team (NMT) and the Baltic Sea states' network (CBSS). Trainings in
// 2008–2010 add up to Brå's figures: more than 15,000 people trained, of whom the county boards
// trained 5,000 and the Crime Victim Authority 700, with 600 embassy and consulate staff; the
// police trained the largest share. Trainings and meetings continue to the demo's "today", and
// Stockholm's group has a full year 2026 with meetings planned after it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import type { Db } from '@/db';
import { auditLog } from '@/db/schema';
import { DEMO_SEED } from '@/db/synth/profiles';
import { Rng } from '@/db/synth/random';
import { planGroups } from './coordination/groups';
import { insertCoordinationPlan, type CoordinationSeedResult } from './coordination/insert';
import type { Builder, CoordinationPlan, County } from './coordination/plan';
import { planTrainings } from './coordination/trainings';
import { readCountiesCsv } from './counties';

/** The audit action that marks the demo's coordination data as seeded (one entry per creator). */
const DEMO_COORDINATION_ACTION = 'demo.coordination_seeded';
const DEMO_COORDINATION_SEED = DEMO_SEED + 4;

/** The whole plan: pure, the same on every call and every machine. */
export function generateDemoCoordination(counties: readonly County[] = readCountiesCsv()): CoordinationPlan {
  const b: Builder = {
    plan: { groups: [], meetings: [], items: [], trainings: [] },
    rng: new Rng(DEMO_COORDINATION_SEED),
    seq: 0,
  };
  const sorted = [...counties].sort((x, y) => x.code.localeCompare(y.code));
  const groups = planGroups(b, sorted);
  planTrainings(b, sorted, groups);
  return b.plan;
}

/**
 * Insert the demo's coordination data unless this creator's is already there; returns what was
 * inserted (zeros the second time). One statement in one transaction: all of it or none.
 */
export async function seedDemoCoordination(db: Db, createdBy: string | null = null): Promise<CoordinationSeedResult> {
  const plan = generateDemoCoordination();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${DEMO_COORDINATION_ACTION}))`);
    const [seeded] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, DEMO_COORDINATION_ACTION),
          createdBy ? eq(auditLog.actorId, createdBy) : isNull(auditLog.actorId),
        ),
      )
      .limit(1);
    if (seeded) return { groups: 0, members: 0, meetings: 0, attendance: 0, items: 0, trainings: 0, participants: 0 };
    const result = await insertCoordinationPlan(tx, plan, createdBy);
    await writeAudit(tx, {
      actorId: createdBy,
      action: DEMO_COORDINATION_ACTION,
      entityType: 'coordination_group',
      changes: { ...result, seed: DEMO_COORDINATION_SEED },
    });
    return result;
  });
}
