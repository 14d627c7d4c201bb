import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DatabaseError } from './errors';
import { getDb } from './index';
import { notRepeatable, TRANSACTION_RETRIES } from './retry';
import type { Tx } from './types';

// The one transaction wrapper repeats a transaction that lost a deadlock or a serialization
// conflict, a bounded number of times, unless it is marked as not repeatable (decision 016).

const fail = (code: string) => new DatabaseError({ code });

describe('a transaction that fails with a deadlock or serialization error', () => {
  it('is run again and succeeds', async () => {
    const db = await getDb();
    let attempts = 0;
    const result = await db.transaction(async (tx) => {
      attempts += 1;
      await tx.execute(sql`select 1`);
      if (attempts === 1) throw fail('40001');
      if (attempts === 2) throw fail('40P01');
      return 'done';
    });
    expect([result, attempts]).toEqual(['done', 3]);
  });

  it(`is tried at most ${TRANSACTION_RETRIES + 1} times, then fails with the database's code`, async () => {
    const db = await getDb();
    let attempts = 0;
    const error = await db
      .transaction(async () => {
        attempts += 1;
        throw fail('40P01');
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '40P01' });
    expect(attempts).toBe(TRANSACTION_RETRIES + 1);
  });

  it('is not repeated when marked as acting outside the database, nor after any other error', async () => {
    const db = await getDb();
    let attempts = 0;
    const once = await db
      .transaction(
        notRepeatable(async () => {
          attempts += 1;
          throw fail('40P01');
        }),
      )
      .catch((e: unknown) => e);
    expect(once).toMatchObject({ code: '40P01' });
    expect(attempts).toBe(1);
    const unique = await db
      .transaction(async () => {
        attempts += 1;
        throw fail('23505');
      })
      .catch((e: unknown) => e);
    expect(unique).toMatchObject({ code: '23505' });
    expect(attempts).toBe(2);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two transactions that deadlock (PostgreSQL)', () => {
  /**
   * Each takes one advisory lock, waits until the other holds its own, then asks for the other's:
   * PostgreSQL breaks the cycle by failing one of them with 40P01 (after deadlock_timeout).
   * Only the first attempts meet; a repeated one runs alone.
   */
  async function deadlock(mark: (run: (tx: Tx) => Promise<void>) => (tx: Tx) => Promise<void>) {
    const db = await getDb();
    const keys = [0x4c42_0001, 0x4c42_0002];
    const attempts = [0, 0];
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const writer = (i: number) =>
      db.transaction(
        mark(async (tx) => {
          attempts[i]! += 1;
          await tx.execute(sql`select pg_advisory_xact_lock(${keys[i]!})`);
          if (attempts[i] === 1) {
            if (++arrived === 2) release();
            await bothHoldOne;
          }
          await tx.execute(sql`select pg_advisory_xact_lock(${keys[1 - i]!})`);
        }),
      );
    const results = await Promise.allSettled([writer(0), writer(1)]);
    return { results, attempts };
  }

  it('is retried and both succeed', async () => {
    const { results, attempts } = await deadlock((run) => run);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    // One of them lost the first round and ran again.
    expect([...attempts].sort()).toEqual([1, 2]);
  }, 30_000);

  it('is not retried when not repeatable: the one that lost fails with 40P01', async () => {
    const { results, attempts } = await deadlock((run) => notRepeatable(run));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as DatabaseError).code : 'ok'));
    expect(codes.sort()).toEqual(['40P01', 'ok']);
    expect(attempts).toEqual([1, 1]);
  }, 30_000);
});
