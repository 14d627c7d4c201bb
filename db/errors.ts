import 'server-only';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import type { Db } from './types';

// A failed query must not carry what was written. Drizzle's error says "Failed query: <sql>
// params: <every value>", the driver's own error holds the query and its parameters too (PGlite:
// `query`, `params`), and PostgreSQL's message, detail and context often quote a value ("Key
// (email)=(…) already exists", the JSON text of an audit row). Whoever prints such an error —
// our logger, Next.js for an unhandled error, Auth.js — would print case notes and minutes.
// So at the one database boundary every failure becomes a DatabaseError that holds the SQLSTATE
// and the names of the constraint, table and column it concerns, and nothing else (decision 011).

/** The names a database error may carry into a log: identifiers of the schema, never values. */
export type DatabaseErrorFacts = { code: string; constraint?: string; table?: string; column?: string };

/** A SQLSTATE (22021), or a driver's code (ECONNREFUSED, CONNECTION_CLOSED). */
const CODE = /^[A-Za-z0-9_]{1,40}$/;
/** A PostgreSQL identifier as the server names it (at most 63 bytes; our schema's are snake_case). */
const IDENTIFIER = /^[A-Za-z0-9_$.-]{1,63}$/;

// Known by a global symbol too: instrumentation.ts is bundled apart from the pages, so an error
// thrown in a page is not an instance of the class that the logger's copy of this module holds.
const BRAND = Symbol.for('lagesbild.DatabaseError');
const isDatabaseError = (value: object): value is DatabaseError =>
  value instanceof DatabaseError || (value as Record<symbol, unknown>)[BRAND] === true;

/** The database's failure without its content: what Next.js, Auth.js and the logs may print. */
export class DatabaseError extends Error {
  declare readonly code: string;
  // Only the names the database gave: an absent one is no property at all.
  declare readonly constraint?: string;
  declare readonly table?: string;
  declare readonly column?: string;

  constructor(facts: DatabaseErrorFacts) {
    super(`database error ${facts.code}${facts.constraint ? ` (constraint ${facts.constraint})` : ''}`);
    this.name = 'DatabaseError';
    Object.defineProperty(this, BRAND, { value: true });
    const names = { code: facts.code, constraint: facts.constraint, table: facts.table, column: facts.column };
    for (const [key, value] of Object.entries(names))
      if (value) Object.defineProperty(this, key, { value, enumerable: true });
  }
}

// The driver's own error, kept beside the translation for the integration tests that check which
// rule of the database refused a row (databaseErrorDetail). Never on the error itself: whatever is
// reachable from it (own properties, `cause`) is printed by someone.
const originals = new WeakMap<DatabaseError, unknown>();

type Raw = Record<string, unknown> & { cause?: unknown };

const identifier = (value: unknown) => (typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined);

/** Drizzle's wrapper and the drivers' errors: what only a failed query produces. */
function isQueryFailure(value: Raw): boolean {
  return 'query' in value || 'params' in value || 'severity' in value || 'parameters' in value;
}

/**
 * The facts of a database error anywhere in the cause chain of `error` (drizzle's wrapper, the
 * driver's error beneath it), or undefined when the error did not come from the database.
 */
export function databaseErrorFacts(error: unknown): DatabaseErrorFacts | undefined {
  let fromDatabase = false;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    if (isDatabaseError(current)) {
      const { code, constraint, table, column } = current;
      return { code, constraint, table, column };
    }
    const raw = current as Raw;
    fromDatabase ||= isQueryFailure(raw);
    if (fromDatabase && typeof raw.code === 'string') {
      return {
        code: CODE.test(raw.code) ? raw.code : 'unknown',
        constraint: identifier(raw.constraint ?? raw.constraint_name),
        table: identifier(raw.table ?? raw.table_name),
        column: identifier(raw.column ?? raw.column_name),
      };
    }
    current = raw.cause;
  }
  return fromDatabase ? { code: 'unknown' } : undefined;
}

/** The content-free error for a failure of the database; any other error is returned as it is. */
export function toDatabaseError(error: unknown): unknown {
  if (error !== null && typeof error === 'object' && isDatabaseError(error)) return error;
  const facts = databaseErrorFacts(error);
  if (!facts) return error;
  const translated = new DatabaseError(facts);
  originals.set(translated, error);
  return translated;
}

/**
 * The database's own message and detail behind a DatabaseError, for the integration tests that
 * check which rule refused a row. Never log what this returns.
 */
export function databaseErrorDetail(error: unknown): string {
  const original = error instanceof DatabaseError ? originals.get(error) : error;
  const parts: string[] = [];
  let current: unknown = original;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const raw = current as Raw;
    for (const key of ['message', 'detail'] as const) if (typeof raw[key] === 'string') parts.push(raw[key]);
    current = raw.cause;
  }
  return parts.join(' ');
}

type QueryWithCache = (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
const patched = Symbol.for('lagesbild.contentFreeQueryErrors');

/**
 * Every query of both drivers (postgres.js and PGlite, in and outside transactions) runs through
 * drizzle's PgPreparedQuery.queryWithCache, which wraps the driver's failure in DrizzleQueryError:
 * the one place to translate. Checked at start-up, so that a drizzle upgrade that moves it fails
 * loudly instead of logging parameters again (the log test would catch it as well).
 */
function translateQueryErrors(): void {
  const prototype = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown> & {
    queryWithCache: QueryWithCache;
  };
  if (prototype[patched]) return;
  const original = prototype.queryWithCache;
  if (typeof original !== 'function') throw new Error('drizzle-orm: PgPreparedQuery.queryWithCache is missing');
  prototype.queryWithCache = async function (this: unknown, queryString, params, query) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (error) {
      throw toDatabaseError(error);
    }
  };
  prototype[patched] = true;
}

/**
 * The client with content-free errors: each query's failure, and a transaction's own (BEGIN and
 * COMMIT run outside drizzle's query wrapper, and a deferred check fails at COMMIT).
 */
export function withContentFreeErrors(db: Db): Db {
  translateQueryErrors();
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) =>
    transaction(run, config).catch((error: unknown) => {
      throw toDatabaseError(error);
    })) as Db['transaction'];
  return db;
}
