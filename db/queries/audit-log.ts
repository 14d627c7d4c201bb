import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db';
import { assertCan, can, type Action, type Actor } from '@/lib/policy';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditAction, type AuditEntity } from '@/lib/audit-events';
import { actionItems, auditLog, cases, coordinationGroups, meetings, trainings, users } from '@/db/schema';

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
  /** What the record is called (a case's reference, a group's name, a meeting's group and day), where the reader may know it. */
  record: AuditRecord | null;
};

export type AuditRecord = { name: string; date: Date | null };

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
  const records = await recordsOf(db, actor, rows);
  return rows.map((row) => ({
    ...row,
    fields: row.changes ? Object.keys(row.changes) : [],
    changes: row.changes && mayReadChanges(actor, row.entityType, row.countyCode) ? row.changes : null,
    record: (row.entityId && records.get(`${row.entityType}:${row.entityId}`)) || null,
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names of the records a page of the log points at, one query per kind of record. A case's
 * reference and an account's name are shown to every reader of the log (they say which record,
 * not what it holds); a group's, meeting's, action item's or training's name only to someone who
 * may read that record, like its values.
 */
async function recordsOf(
  db: Awaited<ReturnType<typeof getDb>>,
  actor: Actor,
  rows: { entityType: string; entityId: string | null; countyCode: string | null }[],
): Promise<Map<string, AuditRecord>> {
  const ids = (type: string, always = false) => [
    ...new Set(
      rows
        .filter(
          (r) =>
            r.entityType === type &&
            r.entityId &&
            UUID.test(r.entityId) &&
            (always || mayReadChanges(actor, r.entityType, r.countyCode)),
        )
        .map((r) => r.entityId!),
    ),
  ];
  const [caseIds, userIds, groupIds, meetingIds, itemIds, trainingIds] = [
    ids('case', true),
    ids('user', true),
    ids('coordination_group'),
    ids('meeting'),
    ids('action_item'),
    ids('training'),
  ];
  const none = Promise.resolve([] as { id: string; name: string; date: Date | null }[]);
  const found = await Promise.all([
    caseIds.length
      ? db
          .select({ id: cases.id, name: cases.reference, date: sql<null>`null` })
          .from(cases)
          .where(inArray(cases.id, caseIds))
      : none,
    userIds.length
      ? db
          .select({ id: users.id, name: users.displayName, date: sql<null>`null` })
          .from(users)
          .where(inArray(users.id, userIds))
      : none,
    groupIds.length
      ? db
          .select({ id: coordinationGroups.id, name: coordinationGroups.name, date: sql<null>`null` })
          .from(coordinationGroups)
          .where(inArray(coordinationGroups.id, groupIds))
      : none,
    meetingIds.length
      ? db
          .select({ id: meetings.id, name: coordinationGroups.name, date: meetings.startsAt })
          .from(meetings)
          .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
          .where(inArray(meetings.id, meetingIds))
      : none,
    itemIds.length
      ? db
          .select({
            id: actionItems.id,
            name: sql<string>`${coordinationGroups.name} || ' #' || ${actionItems.position}`,
            date: sql<null>`null`,
          })
          .from(actionItems)
          .innerJoin(coordinationGroups, eq(coordinationGroups.id, actionItems.groupId))
          .where(inArray(actionItems.id, itemIds))
      : none,
    trainingIds.length
      ? db
          .select({ id: trainings.id, name: trainings.title, date: sql<null>`null` })
          .from(trainings)
          .where(inArray(trainings.id, trainingIds))
      : none,
  ]);
  const types = ['case', 'user', 'coordination_group', 'meeting', 'action_item', 'training'] as const;
  return new Map(
    found.flatMap((list, i) =>
      list.map((r) => [`${types[i]}:${r.id}`, { name: r.name, date: r.date ? new Date(r.date) : null }] as const),
    ),
  );
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

/** What the filter's lists offer: the people (by name), and every kind of record and event (lib/audit-events.ts). */
export async function listAuditFilterOptions(
  actor: Actor,
): Promise<{
  people: { id: string; name: string; email: string }[];
  entityTypes: readonly AuditEntity[];
  actions: readonly AuditAction[];
}> {
  assertCan(actor, 'audit.read');
  const db = await getDb();
  const people = await db
    .select({ id: users.id, name: users.displayName, email: users.email })
    .from(users)
    .orderBy(asc(users.displayName), asc(users.email));
  return { people, entityTypes: AUDIT_ENTITIES, actions: AUDIT_ACTIONS };
}
