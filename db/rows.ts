import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './types';

/** The rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

type PreparingSession = {
  dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string,
    arrayMode: boolean,
  ): { execute(): Promise<unknown> };
};

/**
 * The rows of a raw statement run as a statement its connection keeps prepared: parsed and
 * planned once per connection and text, not on every call (drizzle's `execute` sends each as an
 * unnamed statement, and the statistics' wide sums spent more time being parsed and planned than
 * run: issue 21). For the statistics' repeated reads; a statement whose text embeds values
 * (not parameters) would fill the connection's cache.
 */
export async function preparedRowsOf<T>(db: Db | Tx, statement: SQL): Promise<T[]> {
  const session = (db as unknown as { _: { session: PreparingSession } })._.session;
  return rowsOf<T>(
    await session.prepareQuery(session.dialect.sqlToQuery(statement), undefined, 'kept', false).execute(),
  );
}
