import 'server-only';
import { databaseErrorFacts } from './errors';
import { log } from './log';
import type { Db } from './types';

// A transaction that lost a deadlock (40P01) or a serialization conflict (40001) did nothing: the
// database rolled all of it back. Run again, it usually goes through, so the one transaction
// wrapper repeats it a few times, after a random pause (two losers that retried at once would meet
// again), before the person sees an error (decision 016). Only a transaction whose every effect is
// in the database may be repeated; one that also acts outside it (a message sent, a file written,
// a call to another system) is marked with notRepeatable() and fails on the first loss.

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);
/** Retries after the first attempt. */
export const TRANSACTION_RETRIES = 3;

const once = Symbol.for('lagesbild.notRepeatable');

/** Marks a transaction's body as acting outside the database: never run twice. */
export function notRepeatable<F extends (...args: never[]) => unknown>(run: F): F {
  Object.defineProperty(run, once, { value: true });
  return run;
}

const isNotRepeatable = (run: unknown) => (run as Record<symbol, unknown>)[once] === true;

/** The pause before retry `attempt` (1, 2, 3): random, growing, at most ~0.4 s in all. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.round((10 + Math.random() * 40) * 2 ** (attempt - 1))));

/** The client whose transactions are repeated after a deadlock or serialization failure. */
export function withTransactionRetries(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (run, config) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await transaction(run, config);
      } catch (error) {
        const code = databaseErrorFacts(error)?.code;
        if (!code || !RETRYABLE.has(code) || attempt >= TRANSACTION_RETRIES || isNotRepeatable(run)) throw error;
        // No content: the SQLSTATE and the attempt (decision 011; "code" is a redacted key there).
        log.warn({ event: 'db.transaction.retry', sqlstate: code, attempt: attempt + 1 }, 'transaction retried');
        await pause(attempt + 1);
      }
    }
  }) as Db['transaction'];
  return db;
}
