import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@/lib/errors';
import { assertCan, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import type { DeletableEntity } from '@/lib/audit-events';
import { getDb, type Tx } from '@/db/index';
import { cases, coordinationGroups, meetings, trainings } from '@/db/schema';
import { assertRecordId, notFound } from './records';
import { deletedRecords, liveRecords, type RecordScope } from './scope';

// Soft delete and restore, the same for every register: the record is found with the scope in
// the WHERE and row-locked, the version the page showed must still be the current one, the row
// is marked, and the audit row is written in the same transaction. A deleted record leaves lists
// and statistics; those who may delete it in its county can still open it and restore it.

/** The tables whose records are deleted softly (deleted_at / deleted_by). */
type SoftDeleteTable = typeof cases | typeof trainings | typeof coordinationGroups | typeof meetings;

/** What the register's loader gives back: at least the row's id, version and county. */
type Loaded = { row: { id: string; version: number; countyCode: string } };

export type SoftDeleteRegister<Current extends Loaded> = {
  table: SoftDeleteTable;
  /** The audit entity type; the audit actions are `<entityType>.delete` and `<entityType>.restore`. */
  entityType: DeletableEntity;
  /** What the record is called in a not-found error ('case', 'group'). */
  what: string;
  /** Its county scope; `scope.delete` is the permission to delete and restore. */
  scope: RecordScope;
  /** The register's loader: the record found by `where` (which carries the scope), row-locked. */
  lock: (tx: Tx, where: SQL) => Promise<Current | null>;
  conflict: (current: Current) => AppError;
  /** What the audit rows name the record by (its reference, title, name). */
  deleteChanges: (row: Current['row']) => Record<string, unknown>;
  restoreChanges: (row: Current['row']) => Record<string, unknown> | undefined;
  /** A delete that found nothing: not found, unless the register says forbidden (a record the actor reads). */
  refuse?: (tx: Tx, actor: Actor, id: string) => Promise<AppError>;
};

/** Soft-delete a live record at the version the page showed; gives back the record as it was. */
export async function softDelete<Current extends Loaded>(
  register: SoftDeleteRegister<Current>,
  actor: Actor,
  input: { id: string; version: number },
): Promise<Current> {
  const { table } = register;
  assertCan(actor, register.scope.delete);
  assertRecordId(input.id, register.what);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const where = and(eq(table.id, input.id), liveRecords(actor, register.scope, register.scope.delete))!;
    const current = await register.lock(tx, where);
    if (!current) throw register.refuse ? await register.refuse(tx, actor, input.id) : notFound(register.what);
    if (current.row.version !== input.version) throw register.conflict(current);
    // By id alone: the row is locked by the statement above, which carried the scope.
    await tx
      .update(table)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id, version: sql`${table.version} + 1` })
      .where(eq(table.id, input.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: `${register.entityType}.delete`,
      entityType: register.entityType,
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: register.deleteChanges(current.row),
    });
    return current;
  });
}

/** Restore a deleted record in the actor's delete scope (anything else is not found). */
export async function restore<Current extends Loaded>(
  register: SoftDeleteRegister<Current>,
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; version: number }> {
  const { table } = register;
  assertCan(actor, register.scope.delete);
  assertRecordId(input.id, register.what);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const current = await register.lock(tx, and(eq(table.id, input.id), deletedRecords(actor, register.scope))!);
    if (!current) throw notFound(register.what);
    const [restored] = await tx
      .update(table)
      .set({
        deletedAt: null,
        deletedBy: null,
        version: sql`${table.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(eq(table.id, input.id))
      .returning({ version: table.version });
    await writeAudit(tx, {
      actorId: actor.id,
      action: `${register.entityType}.restore`,
      entityType: register.entityType,
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: register.restoreChanges(current.row),
    });
    return { id: input.id, version: restored!.version };
  });
}
