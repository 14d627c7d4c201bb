import 'server-only';
import { inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { UUID_PATTERN } from '@/lib/forms/fields';
import { AppError } from '@/lib/errors';
import type { Db, Tx } from '@/db/index';
import { counties, users } from '@/db/schema';

// What every register's queries share besides the scope: the errors they answer with and the
// people joined to a record.

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

/** A malformed id can never match: answer as for an unknown record instead of a database error. */
export function assertRecordId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) throw notFound(what);
}

/** A refused value: `message` is the catalogue key the form shows at `field`, the reason its last part. */
export function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('invalid', message.replace(/^validation\./, ''), { field, message, ...extra });
}

/** A record's county never changes: its county owns it (and a case's reference carries its letter). */
export function countyFixed(): AppError {
  return invalid('countyCode', 'validation.countyFixed');
}

/**
 * The record changed since the form loaded it: the current values (in the form's shape), and when
 * and by whom it was last changed, so that the form can show what changed.
 */
export function conflictWith(
  what: string,
  current: { values: unknown; row: { updatedAt: Date; updatedByName: string | null } },
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError('conflict', `${what} changed since it was loaded`, {
    current: current.values,
    ...extra,
    updatedAt: current.row.updatedAt.toISOString(),
    updatedBy: current.row.updatedByName ?? null,
  });
}

/** Sorts values of an enum in the order of its list (stored arrays and audit diffs compare like with like). */
export const byListOrder =
  <T extends string>(list: readonly T[]) =>
  (a: T, b: T) =>
    list.indexOf(a) - list.indexOf(b);

export const creator = alias(users, 'creator');
export const updater = alias(users, 'updater');
export const deleter = alias(users, 'deleter');

export async function assertCountiesExist(db: Db | Tx, codes: readonly string[], field: string): Promise<void> {
  if (codes.length === 0) return;
  const found = await db
    .select({ code: counties.code })
    .from(counties)
    .where(inArray(counties.code, [...codes]));
  if (found.length !== new Set(codes).size) throw invalid(field, 'validation.county');
}
