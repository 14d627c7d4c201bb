import 'server-only';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db/index';
import { auditLog, users } from '@/db/schema';

export type HistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  changes: Record<string, unknown> | null;
};

const HISTORY_LIMIT = 200;

/** Reading a case and downloading a calendar are in the audit log, but they change nothing. */
const READ_ACTIONS = ['case.read', 'coordination_group.calendar'];

/** The changes to one record, newest first, as its page lists them. */
export async function listHistory(db: Db | Tx, entityType: string, id: string): Promise<HistoryEntry[]> {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: users.displayName,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, id), notInArray(auditLog.action, READ_ACTIONS)),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(HISTORY_LIMIT);
}
