import 'server-only';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db';
import { assertCan, can, type Action, type Actor } from '@/lib/policy';
import { auditLog, users } from '@/db/schema';

// The audit log viewer (admins and the national coordinator). Reading the log is itself audited.

export type AuditFilter = {
  actorId?: string;
  county?: string;
  entityType?: string;
  action?: string;
  /** 'YYYY-MM-DD', Swedish time, inclusive. */
  from?: string;
  to?: string;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  countyCode: string | null;
  /** The recorded values, or null when the reader may not see the entity's content. */
  changes: Record<string, unknown> | null;
  /** The names of the recorded fields: always shown. */
  fields: string[];
};

export const AUDIT_PAGE_SIZE = 50;
const AUDIT_EXPORT_MAX = 10_000;

/**
 * An audit row of a case carries the case's values (notes included). The admin may read the log
 * but not the cases, so the values of an entity are shown only to someone who may read that
 * entity; everyone with audit.read sees who did what, when, to which record and which fields.
 */
const CONTENT_PERMISSION: Record<string, Action> = {
  case: 'case.read',
  coordination_group: 'coordination.read',
  meeting: 'coordination.read',
  action_item: 'coordination.read',
  training: 'training.read',
};
const ACCOUNT_ENTITIES = new Set(['user', 'role_security_settings', 'audit_log']);

function mayReadChanges(actor: Actor, entityType: string, countyCode: string | null): boolean {
  if (ACCOUNT_ENTITIES.has(entityType)) return true;
  const permission = CONTENT_PERMISSION[entityType];
  return permission ? can(actor, permission, countyCode) : false;
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const day = (date: string) => sql`(${date}::date::timestamp at time zone 'Europe/Stockholm')`;
  return and(
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.county ? eq(auditLog.countyCode, filter.county) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? gte(auditLog.at, day(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, sql`${day(filter.to)} + interval '1 day'`) : undefined,
  );
}

async function readRows(actor: Actor, where: SQL | undefined, limit: number): Promise<AuditRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      actorEmail: users.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      countyCode: auditLog.countyCode,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    fields: row.changes ? Object.keys(row.changes) : [],
    changes: row.changes && mayReadChanges(actor, row.entityType, row.countyCode) ? row.changes : null,
  }));
}

function auditedFilter(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

/** One page, newest first; `before` is the id after which the page starts (keyset pagination). */
export async function listAuditEntriesForActor(
  actor: Actor,
  filter: AuditFilter,
  before?: number,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  assertCan(actor, 'audit.read');
  const db = await getDb();
  const rows = await readRows(
    actor,
    and(whereOf(filter), before ? lt(auditLog.id, before) : undefined),
    AUDIT_PAGE_SIZE + 1,
  );
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  await writeAudit(db, {
    actorId: actor.id,
    action: 'audit.read',
    entityType: 'audit_log',
    changes: { filter: auditedFilter(filter), before: before ?? null, rowCount: page.length },
  });
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null };
}

export async function exportAuditEntriesForActor(
  actor: Actor,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; truncated: boolean }> {
  assertCan(actor, 'audit.read');
  const db = await getDb();
  const rows = await readRows(actor, whereOf(filter), AUDIT_EXPORT_MAX + 1);
  const truncated = rows.length > AUDIT_EXPORT_MAX;
  const kept = rows.slice(0, AUDIT_EXPORT_MAX);
  await writeAudit(db, {
    actorId: actor.id,
    action: 'audit.export',
    entityType: 'audit_log',
    changes: { filter: auditedFilter(filter), rowCount: kept.length, truncated },
  });
  return { rows: kept, truncated };
}

/** The distinct values of an indexed column, read by a loose index scan (fast on a long log). */
async function distinctValues(column: 'action' | 'entity_type'): Promise<string[]> {
  const db = await getDb();
  const col = sql.identifier(column);
  const result = await db.execute(sql`
    with recursive t(v) as (
      select min(${col}) from audit_log
      union all
      select (select min(${col}) from audit_log where ${col} > t.v) from t where t.v is not null
    )
    select v from t where v is not null`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { v: string }[];
  return rows.map((r) => r.v);
}

/** What the filter's lists offer: the people (by name), the entity types and the actions recorded. */
export async function listAuditFilterOptions(
  actor: Actor,
): Promise<{ people: { id: string; name: string; email: string }[]; entityTypes: string[]; actions: string[] }> {
  assertCan(actor, 'audit.read');
  const db = await getDb();
  const [people, entityTypes, actions] = await Promise.all([
    db
      .select({ id: users.id, name: users.displayName, email: users.email })
      .from(users)
      .orderBy(asc(users.displayName), asc(users.email)),
    distinctValues('entity_type'),
    distinctValues('action'),
  ]);
  return { people, entityTypes, actions };
}
