import 'server-only';
import { and, inArray, isNotNull, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { countyScope, type Action, type Actor } from '@/lib/policy';

// The county scope of every register, written once. Each query puts it into the WHERE of the
// statement that finds the record, so a record of another county is simply not found (its
// existence is not revealed).

/** The counties an actor may do something in: every county, or a list (empty: none). */
export type CountyScope = ReturnType<typeof countyScope>;

/** Rows whose county column lies in the scope. */
export function countyIn(column: AnyColumn, scope: CountyScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(column, [...scope]);
}

function reachesAnyCounty(scope: CountyScope): boolean {
  return scope === 'all' || scope.length > 0;
}

/**
 * How the records of one register lie in counties. `readIn` picks the records a scope may read
 * (a coordination group: its home county or one taking part), `ownedIn` those a scope may change
 * or delete (the record's own county). `requires` is what must also hold for a record to be there
 * at all (a meeting: its group is not deleted).
 */
export type RecordScope = {
  read: Action;
  delete: Action;
  deletedAt: AnyColumn;
  readIn: (scope: CountyScope) => SQL;
  ownedIn: (scope: CountyScope) => SQL;
  requires?: SQL;
};

/** A register whose records belong to the one county in `countyColumn`. */
export function countyRecords(
  countyColumn: AnyColumn,
  deletedAt: AnyColumn,
  actions: { read: Action; delete: Action },
): RecordScope {
  const inScope = (scope: CountyScope) => countyIn(countyColumn, scope);
  return { ...actions, deletedAt, readIn: inScope, ownedIn: inScope };
}

/** Records the actor may open: live ones they read, deleted ones only where they may delete (to restore). */
export function readableRecords(actor: Actor, records: RecordScope): SQL {
  return and(
    records.requires,
    records.readIn(countyScope(actor, records.read)),
    or(isNull(records.deletedAt), records.ownedIn(countyScope(actor, records.delete))),
  )!;
}

/** Live records in the scope of an action: what an update, a delete and the like may touch. */
export function liveRecords(actor: Actor, records: RecordScope, action: Action): SQL {
  return and(records.requires, records.ownedIn(countyScope(actor, action)), isNull(records.deletedAt))!;
}

/** Deleted records the actor may restore. */
export function deletedRecords(actor: Actor, records: RecordScope): SQL {
  return and(records.requires, records.ownedIn(countyScope(actor, records.delete)), isNotNull(records.deletedAt))!;
}

/**
 * The county a list is filtered by: one county role keeps to its scope, a national role may pick
 * one. A county outside the scope is ignored rather than refused (it comes from a URL).
 */
export function pickedCounties(actor: Actor, records: RecordScope, county: string | undefined): SQL {
  const read = countyScope(actor, records.read);
  return records.readIn(county && (read === 'all' || read.includes(county)) ? [county] : read);
}

/**
 * The scope part of a list's WHERE: the picked county (or all the actor reads), and deleted records
 * only when asked for and only where the actor may delete them.
 */
export function listedRecords(
  actor: Actor,
  records: RecordScope,
  filter: { county?: string; includeDeleted?: boolean },
): SQL {
  const deletable = countyScope(actor, records.delete);
  return and(
    records.requires,
    pickedCounties(actor, records, filter.county),
    filter.includeDeleted && reachesAnyCounty(deletable)
      ? or(isNull(records.deletedAt), records.ownedIn(deletable))
      : isNull(records.deletedAt),
  )!;
}
