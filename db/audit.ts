import 'server-only';
import type { Db, Tx } from './index';
import type { AuditAction, AuditEntity } from '@/lib/audit-events';
import { auditLog } from './schema';

export type AuditInput = {
  actorId: string | null;
  action: AuditAction;
  entityType: AuditEntity;
  entityId?: string | null;
  countyCode?: string | null;
  changes?: Record<string, unknown> | null;
};

/** Write one audit row; pass the transaction of the change so that both commit or neither. */
export async function writeAudit(db: Db | Tx, entry: AuditInput): Promise<void> {
  await db
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      countyCode: entry.countyCode ?? null,
      changes: entry.changes ?? null,
    });
}

/** The fields whose values differ, as { field: { from, to } }, for the audit row of an update. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
