import 'server-only';
import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { rateLimits } from '@/db/schema';

// Fixed-window counters in the database, so that a limit holds however many app instances run.
// One atomic upsert per hit: concurrent hits from several instances are all counted. A fixed
// window lets a burst of up to twice the limit through around a window's edge; for sign-in
// attempts, on top of the per-account lockout, that is acceptable (decision 007).

export type RateLimitRule = { limit: number; windowSeconds: number };

/** Keys never hold an e-mail address in clear: they are personal data and outlive the attempt. */
export function rateLimitKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value.trim().toLowerCase()).digest('base64url').slice(0, 32)}`;
}

/** Count one hit; returns the hits in the current window, this one included. */
export async function hitRateLimit(db: Db | Tx, key: string, windowSeconds: number): Promise<number> {
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ hits: rateLimits.hits });
  return row?.hits ?? 1;
}

/** The hits in the current window (0 when the window has run out). */
export async function rateLimitHits(db: Db | Tx, key: string, windowSeconds: number): Promise<number> {
  const [row] = await db
    .select({
      hits: sql<number>`case when ${rateLimits.windowStart} <= now() - make_interval(secs => ${windowSeconds}) then 0 else ${rateLimits.hits} end`,
    })
    .from(rateLimits)
    .where(eq(rateLimits.key, key));
  return Number(row?.hits ?? 0);
}

export async function isRateLimited(db: Db | Tx, key: string, rule: RateLimitRule): Promise<boolean> {
  return (await rateLimitHits(db, key, rule.windowSeconds)) >= rule.limit;
}

export async function clearRateLimit(db: Db | Tx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Forget windows that ended long ago (called now and then from the sign-in path). */
export async function pruneRateLimits(db: Db | Tx, olderThanSeconds = 24 * 60 * 60): Promise<void> {
  await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, sql`now() - make_interval(secs => ${olderThanSeconds})`));
}
