import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './types';

/** The rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Statements to SQL text and parameters, as the client's own dialect makes them (no casing option). */
const dialect = new PgDialect();

/**
 * The rows of a raw statement run as a statement its connection keeps prepared: parsed and
 * planned once per connection and text, not on every call (drizzle's `execute` sends each as an
 * unnamed statement, and the statistics' wide sums spent more time being parsed and planned than
 * run: issue 21). For the statistics' repeated reads; a statement whose text embeds values
 * (not parameters) would fill the connection's cache.
 */
export async function preparedRowsOf<T>(db: Db | Tx, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, 'kept', false).execute());
}
