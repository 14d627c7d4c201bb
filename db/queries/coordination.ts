import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  isPending,
  stockholmToInstant,
  instantToStockholm,
  type ActionItemFilterOutput,
  type ActionItemOutput,
  type FollowUpOutput,
  type GroupEditOutput,
  type GroupFilterOutput,
  type GroupOutput,
  type MeetingEditOutput,
  type MeetingFilterOutput,
  type MeetingOutput,
  type MemberOutput,
} from '@/lib/schemas/coordination';
import { todayInStockholm, UUID_PATTERN } from '@/lib/forms/fields';
import { changedFields, writeAudit } from '../audit';
import {
  PENDING_ACTION_ITEM_STATUSES,
  type ActionItemStatus,
  type EventFormat,
  type GroupKind,
  type MemberOrganisationType,
} from '../../lib/enums';
import { AppError } from '../../lib/errors';
import { getDb, type Db, type Tx } from '../index';
import { assertCan, can, countyScope, type Action, type Actor } from '../../lib/policy';
import {
  actionItems,
  auditLog,
  coordinationGroups,
  counties,
  groupCounties,
  groupMembers,
  meetingAttendance,
  meetings,
  users,
} from '../schema';

// Every read and write of coordination groups, their meetings and action items. As in the case
// register, each function takes the actor, asserts the permission and puts the county scope into
// the WHERE of the statement that finds the record: what the actor may not read is not found.
//
// Who may do what (decision 004):
// - A group is read by its home county and by every county that takes part in it; the national
//   coordinator reads all. Its meetings and action items are read with it.
// - The group and its member organisations are managed by the home county's coordinator
//   (coordination.manage) and the national coordinator.
// - Meetings and their action items are written by the home county's staff and coordinator
//   (coordination.write) and the national coordinator. Participating counties read only: the
//   minutes of a group have one keeper, as they would on paper.
// - Groups and meetings are deleted (softly) and restored by the home county's coordinator and
//   the national coordinator (coordination.delete).

type Scope = 'all' | readonly string[];

// Spelled out in raw SQL: drizzle renders a column unqualified in the select list of a one-table
// query, where inside a subquery "id" would silently name the subquery's own id.
const GROUP_ID = sql.raw('"coordination_groups"."id"');
const MEETING_ID = sql.raw('"meetings"."id"');

function homeIn(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(coordinationGroups.countyCode, [...scope]);
}

function participatesIn(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`exists (select 1 from ${groupCounties} where ${groupCounties.groupId} = ${GROUP_ID} and ${inArray(groupCounties.countyCode, [...scope])})`;
}

/** Groups whose home county or one of whose participating counties is in the scope. */
function groupInvolves(scope: Scope): SQL {
  if (scope === 'all' || scope.length === 0) return homeIn(scope);
  return or(homeIn(scope), participatesIn(scope))!;
}

/** Groups the actor may open: live groups they read, and deleted ones only where they may delete (to restore). */
function readableGroups(actor: Actor): SQL {
  const deletable = countyScope(actor, 'coordination.delete');
  return and(
    groupInvolves(countyScope(actor, 'coordination.read')),
    or(isNull(coordinationGroups.deletedAt), homeIn(deletable)),
  )!;
}

/** Live groups whose home county is in the scope of an action: what manage, meeting writes and delete may touch. */
function liveGroupsFor(actor: Actor, action: Action): SQL {
  return and(homeIn(countyScope(actor, action)), isNull(coordinationGroups.deletedAt))!;
}

/** Meetings the actor may open: of a live group they read; deleted ones only where they may delete. */
function readableMeetings(actor: Actor): SQL {
  return and(
    isNull(coordinationGroups.deletedAt),
    groupInvolves(countyScope(actor, 'coordination.read')),
    or(isNull(meetings.deletedAt), homeIn(countyScope(actor, 'coordination.delete'))),
  )!;
}

function notFound(what = 'record'): AppError {
  return new AppError('not_found', `${what} not found`);
}

function assertId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) throw notFound(what);
}

function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('invalid', message.replace(/^validation\./, ''), { field, message, ...extra });
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns an array, PGlite an object with rows.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const creator = alias(users, 'creator');
const updater = alias(users, 'updater');
const deleter = alias(users, 'deleter');

export type HistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  changes: Record<string, unknown> | null;
};
const HISTORY_LIMIT = 200;

async function historyOf(db: Db | Tx, entityType: string, id: string): Promise<HistoryEntry[]> {
  return (
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorName: users.displayName,
        changes: auditLog.changes,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      // Calendar downloads are in the audit log, but they change nothing: the history lists changes.
      .where(
        and(
          eq(auditLog.entityType, entityType),
          eq(auditLog.entityId, id),
          ne(auditLog.action, 'coordination_group.calendar'),
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(HISTORY_LIMIT)
  );
}

type CountyRef = { code: string; nameSv: string; nameEn: string };

async function countiesByCode(db: Db | Tx): Promise<Map<string, CountyRef>> {
  const rows = await db
    .select({ code: counties.code, nameSv: counties.nameSv, nameEn: counties.nameEn })
    .from(counties);
  return new Map(rows.map((c) => [c.code, c]));
}

async function assertCountiesExist(db: Db | Tx, codes: readonly string[], field: string): Promise<void> {
  if (codes.length === 0) return;
  const found = await db
    .select({ code: counties.code })
    .from(counties)
    .where(inArray(counties.code, [...codes]));
  if (found.length !== new Set(codes).size) throw invalid(field, 'validation.county');
}

// =============================================================================================
// Groups

export type MemberValues = {
  id: string | null;
  organisationType: MemberOrganisationType;
  organisationName: string;
  contactFunction: string | null;
};
export type MemberView = MemberValues & { id: string; removed: boolean };

type GroupValues = Omit<GroupOutput, 'members'> & { members: MemberValues[] };

function memberValues(m: MemberOutput | MemberValues): MemberValues {
  return {
    id: m.id ?? null,
    organisationType: m.organisationType,
    organisationName: m.organisationName,
    contactFunction: m.contactFunction ?? null,
  };
}

/** The editable fields in a fixed key order (for audit diffs and conflict details). */
function groupValues(v: GroupValues): GroupValues {
  return {
    name: v.name,
    countyCode: v.countyCode,
    kind: v.kind,
    participatingCounties: [...v.participatingCounties].filter((c) => c !== v.countyCode).sort(),
    description: v.description ?? null,
    activeFrom: v.activeFrom,
    activeTo: v.activeTo ?? null,
    members: v.members.map(memberValues),
  };
}

/** Members as the audit log shows them: what they are, not their ids. */
const memberSummary = (members: readonly MemberValues[]) =>
  members.map(({ organisationType, organisationName, contactFunction }) => ({
    organisationType,
    organisationName,
    contactFunction,
  }));

const groupColumns = {
  id: coordinationGroups.id,
  version: coordinationGroups.version,
  name: coordinationGroups.name,
  countyCode: coordinationGroups.countyCode,
  kind: coordinationGroups.kind,
  description: coordinationGroups.description,
  activeFrom: coordinationGroups.activeFrom,
  activeTo: coordinationGroups.activeTo,
  createdAt: coordinationGroups.createdAt,
  updatedAt: coordinationGroups.updatedAt,
  deletedAt: coordinationGroups.deletedAt,
};

/** The group found by `where` (which carries the actor's scope) with its counties and live members. */
async function loadGroup(db: Db | Tx, where: SQL, lock = false) {
  const query = db
    .select({ ...groupColumns, updatedByName: updater.displayName })
    .from(coordinationGroups)
    .leftJoin(updater, eq(updater.id, coordinationGroups.updatedBy))
    .where(where)
    .limit(1);
  const [row] = await (lock ? query.for('update', { of: coordinationGroups }) : query);
  if (!row) return null;
  const [countyRows, memberRows] = await Promise.all([
    db
      .select({ code: groupCounties.countyCode })
      .from(groupCounties)
      .where(eq(groupCounties.groupId, row.id))
      .orderBy(asc(groupCounties.countyCode)),
    db
      .select({
        id: groupMembers.id,
        organisationType: groupMembers.organisationType,
        organisationName: groupMembers.organisationName,
        contactFunction: groupMembers.contactFunction,
      })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, row.id), isNull(groupMembers.removedAt)))
      .orderBy(asc(groupMembers.position), asc(groupMembers.organisationName)),
  ]);
  const values = {
    id: row.id,
    version: row.version,
    ...groupValues({
      ...row,
      participatingCounties: countyRows.map((c) => c.code),
      members: memberRows.map((m) => ({ ...m, organisationType: m.organisationType as MemberOrganisationType })),
    }),
  };
  return { row, values };
}

function conflict(
  kind: 'group' | 'meeting',
  current: { values: unknown; row: { updatedAt: Date; updatedByName: string | null } },
): AppError {
  return new AppError('conflict', `${kind} changed since it was loaded`, {
    current: current.values,
    updatedAt: current.row.updatedAt.toISOString(),
    updatedBy: current.row.updatedByName ?? null,
  });
}

async function assertNameFree(tx: Tx, countyCode: string, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: coordinationGroups.id })
    .from(coordinationGroups)
    .where(
      and(
        eq(coordinationGroups.countyCode, countyCode),
        sql`lower(${coordinationGroups.name}) = lower(${name})`,
        isNull(coordinationGroups.deletedAt),
        exceptId ? ne(coordinationGroups.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw invalid('name', 'validation.groupNameTaken');
}

/** Create a group with its participating counties and member organisations. */
export async function createGroup(actor: Actor, input: GroupOutput): Promise<{ id: string }> {
  assertCan(actor, 'coordination.manage', input.countyCode);
  const values = groupValues({ ...input, members: input.members.map(memberValues) });
  if (values.members.some((m) => m.id)) throw invalid('members', 'validation.memberUnknown');
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertCountiesExist(tx, [values.countyCode], 'countyCode');
    await assertCountiesExist(tx, values.participatingCounties, 'participatingCounties');
    await assertNameFree(tx, values.countyCode, values.name);
    const [created] = await tx
      .insert(coordinationGroups)
      .values({
        name: values.name,
        countyCode: values.countyCode,
        kind: values.kind,
        description: values.description,
        activeFrom: values.activeFrom,
        activeTo: values.activeTo,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning({ id: coordinationGroups.id });
    const id = created!.id;
    if (values.participatingCounties.length > 0)
      await tx
        .insert(groupCounties)
        .values(values.participatingCounties.map((countyCode) => ({ groupId: id, countyCode })));
    if (values.members.length > 0) {
      await tx
        .insert(groupMembers)
        .values(
          values.members.map((m, position) => ({
            groupId: id,
            position,
            organisationType: m.organisationType,
            organisationName: m.organisationName,
            contactFunction: m.contactFunction,
          })),
        );
    }
    const { members, ...rest } = values;
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'coordination_group.create',
      entityType: 'coordination_group',
      entityId: id,
      countyCode: values.countyCode,
      changes: { ...rest, members: memberSummary(members) },
    });
    return { id };
  });
}

export type MeetingSummary = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  format: EventFormat;
  place: string | null;
  attendeeCount: number;
  otherGuests: number;
  raisedCount: number;
  deletedAt: Date | null;
};

export type ActionItemView = {
  id: string;
  version: number;
  groupId: string;
  groupName: string;
  countyCode: string;
  description: string;
  responsibleMemberId: string;
  responsibleName: string;
  responsibleType: MemberOrganisationType;
  dueOn: string;
  status: ActionItemStatus;
  /** Still open or in progress after its due date (today in Sweden). */
  overdue: boolean;
  raisedMeetingId: string;
  raisedAt: Date;
  closedMeetingId: string | null;
  closedAt: Date | null;
  closedOn: string | null;
};

export type GroupDetail = Omit<GroupEditOutput, 'members'> & {
  county: CountyRef;
  participating: CountyRef[];
  members: MemberView[];
  meetings: MeetingSummary[];
  pendingItems: ActionItemView[];
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  deletedAt: Date | null;
  deletedByName: string | null;
  history: HistoryEntry[];
  permissions: { manage: boolean; writeMeetings: boolean; delete: boolean; restore: boolean };
};

/** One group with everything its page shows: counties, members, meetings, pending action items, history. */
export async function getGroupForActor(actor: Actor, id: string): Promise<GroupDetail> {
  assertCan(actor, 'coordination.read');
  assertId(id, 'group');
  const db = await getDb();
  const loaded = await loadGroup(db, and(eq(coordinationGroups.id, id), readableGroups(actor))!);
  if (!loaded) throw notFound('group');
  const { row, values } = loaded;
  const mayDelete = can(actor, 'coordination.delete', row.countyCode);
  const [[meta], countyMap, meetingRows, pendingItems, history] = await Promise.all([
    db
      .select({ createdByName: creator.displayName, deletedByName: deleter.displayName })
      .from(coordinationGroups)
      .leftJoin(creator, eq(creator.id, coordinationGroups.createdBy))
      .leftJoin(deleter, eq(deleter.id, coordinationGroups.deletedBy))
      .where(eq(coordinationGroups.id, id)),
    countiesByCode(db),
    selectMeetingSummaries(db, and(eq(meetings.groupId, id), mayDelete ? undefined : isNull(meetings.deletedAt))!),
    selectActionItems(
      db,
      and(eq(actionItems.groupId, id), inArray(actionItems.status, [...PENDING_ACTION_ITEM_STATUSES]))!,
      [asc(actionItems.dueOn), asc(meetings.startsAt), asc(actionItems.position)],
    ),
    historyOf(db, 'coordination_group', id),
  ]);
  const live = row.deletedAt === null;
  const county = (code: string) => countyMap.get(code) ?? { code, nameSv: code, nameEn: code };
  return {
    ...values,
    members: values.members.map((m) => ({ ...m, id: m.id!, removed: false })),
    county: county(row.countyCode),
    participating: values.participatingCounties.map(county),
    meetings: meetingRows,
    pendingItems,
    createdAt: row.createdAt,
    createdByName: meta?.createdByName ?? null,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    deletedAt: row.deletedAt,
    deletedByName: meta?.deletedByName ?? null,
    history,
    permissions: {
      manage: live && can(actor, 'coordination.manage', row.countyCode),
      writeMeetings: live && can(actor, 'coordination.write', row.countyCode),
      delete: live && mayDelete,
      restore: !live && mayDelete,
    },
  };
}

/** Is the group there for the actor to read? Decides between 'forbidden' and 'not_found' for a refused change. */
async function groupReadable(db: Db | Tx, actor: Actor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: coordinationGroups.id })
    .from(coordinationGroups)
    .where(and(eq(coordinationGroups.id, id), readableGroups(actor)))
    .limit(1);
  return Boolean(row);
}

/**
 * Members in the form's order: existing ones (by id) are updated and moved, new ones inserted,
 * and those left out are removed: deleted when nothing refers to them, otherwise marked removed
 * so that past attendance and action items keep their organisation.
 */
async function syncMembers(
  tx: Tx,
  groupId: string,
  before: readonly MemberValues[],
  after: readonly MemberValues[],
): Promise<void> {
  const keep = new Set(after.map((m) => m.id).filter(Boolean) as string[]);
  const gone = before.filter((m) => !keep.has(m.id!)).map((m) => m.id!);
  if (gone.length > 0) {
    const referenced = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select m.id from ${groupMembers} m
        where m.id in (${sql.join(
          gone.map((g) => sql`${g}::uuid`),
          sql`, `,
        )})
          and (exists (select 1 from ${meetingAttendance} a where a.member_id = m.id)
            or exists (select 1 from ${actionItems} i where i.responsible_member_id = m.id))`),
    ).map((r) => r.id);
    const unreferenced = gone.filter((g) => !referenced.includes(g));
    if (referenced.length > 0)
      await tx
        .update(groupMembers)
        .set({ removedAt: sql`now()` })
        .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.id, referenced)));
    if (unreferenced.length > 0)
      await tx
        .delete(groupMembers)
        .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.id, unreferenced)));
  }
  const previous = new Map(before.map((m, position) => [m.id!, { ...m, position }]));
  for (const [position, m] of after.entries()) {
    if (m.id) {
      const old = previous.get(m.id)!;
      if (
        old.position === position &&
        old.organisationType === m.organisationType &&
        old.organisationName === m.organisationName &&
        old.contactFunction === m.contactFunction
      )
        continue;
      await tx
        .update(groupMembers)
        .set({
          position,
          organisationType: m.organisationType,
          organisationName: m.organisationName,
          contactFunction: m.contactFunction,
        })
        .where(and(eq(groupMembers.id, m.id), eq(groupMembers.groupId, groupId)));
    } else {
      await tx
        .insert(groupMembers)
        .values({
          groupId,
          position,
          organisationType: m.organisationType,
          organisationName: m.organisationName,
          contactFunction: m.contactFunction,
        });
    }
  }
}

/**
 * Save an edit of a group and its members. Optimistic concurrency as for cases: the row is locked
 * with the scope in its WHERE and the version must be the one the form was loaded with. The home
 * county never changes (its coordinator owns the group).
 */
export async function updateGroup(actor: Actor, input: GroupEditOutput): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.manage');
  assertId(input.id, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveGroupsFor(actor, 'coordination.manage');
    const current = await loadGroup(tx, and(eq(coordinationGroups.id, input.id), scope)!, true);
    if (!current)
      throw (await groupReadable(tx, actor, input.id))
        ? new AppError('forbidden', 'may not manage this group')
        : notFound('group');
    if (current.values.version !== input.version) throw conflict('group', current);
    if (current.values.countyCode !== input.countyCode) throw invalid('countyCode', 'validation.countyFixed');

    const { id: _id, version: _version, ...beforeValues } = current.values;
    void _id;
    void _version;
    const before = groupValues(beforeValues);
    const after = groupValues({ ...input, members: input.members.map(memberValues) });
    const known = new Set(before.members.map((m) => m.id));
    const unknownIndex = after.members.findIndex((m) => m.id && !known.has(m.id));
    if (unknownIndex >= 0) throw invalid(`members.${unknownIndex}.organisationName`, 'validation.memberUnknown');

    const changes: Record<string, unknown> = changedFields({ ...before, members: null }, { ...after, members: null });
    const membersChanged = JSON.stringify(before.members) !== JSON.stringify(after.members);
    if (membersChanged) changes.members = { from: memberSummary(before.members), to: memberSummary(after.members) };
    if (Object.keys(changes).length === 0) return { id: input.id, version: current.values.version };

    if ('participatingCounties' in changes)
      await assertCountiesExist(tx, after.participatingCounties, 'participatingCounties');
    if ('name' in changes) await assertNameFree(tx, after.countyCode, after.name, input.id);

    const [updated] = await tx
      .update(coordinationGroups)
      .set({
        name: after.name,
        kind: after.kind,
        description: after.description,
        activeFrom: after.activeFrom,
        activeTo: after.activeTo,
        version: sql`${coordinationGroups.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(coordinationGroups.id, input.id), eq(coordinationGroups.version, input.version), scope))
      .returning({ version: coordinationGroups.version });
    if (!updated) throw conflict('group', current);

    if ('participatingCounties' in changes) {
      await tx.delete(groupCounties).where(eq(groupCounties.groupId, input.id));
      if (after.participatingCounties.length > 0)
        await tx
          .insert(groupCounties)
          .values(after.participatingCounties.map((countyCode) => ({ groupId: input.id, countyCode })));
    }
    if (membersChanged) await syncMembers(tx, input.id, before.members, after.members);

    await writeAudit(tx, {
      actorId: actor.id,
      action: 'coordination_group.update',
      entityType: 'coordination_group',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes,
    });
    return { id: input.id, version: updated.version };
  });
}

/** Soft delete: the group, its meetings and action items leave every list; a coordinator may restore it. */
export async function deleteGroup(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  assertCan(actor, 'coordination.delete');
  assertId(input.id, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveGroupsFor(actor, 'coordination.delete');
    const current = await loadGroup(tx, and(eq(coordinationGroups.id, input.id), scope)!, true);
    if (!current)
      throw (await groupReadable(tx, actor, input.id))
        ? new AppError('forbidden', 'may not delete this group')
        : notFound('group');
    if (current.values.version !== input.version) throw conflict('group', current);
    await tx
      .update(coordinationGroups)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id, version: sql`${coordinationGroups.version} + 1` })
      .where(and(eq(coordinationGroups.id, input.id), scope));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'coordination_group.delete',
      entityType: 'coordination_group',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: { name: current.row.name },
    });
    return { id: input.id };
  });
}

export async function restoreGroup(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.delete');
  assertId(input.id, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [restored] = await tx
      .update(coordinationGroups)
      .set({
        deletedAt: null,
        deletedBy: null,
        version: sql`${coordinationGroups.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(coordinationGroups.id, input.id),
          homeIn(countyScope(actor, 'coordination.delete')),
          isNotNull(coordinationGroups.deletedAt),
        ),
      )
      .returning({
        version: coordinationGroups.version,
        countyCode: coordinationGroups.countyCode,
        name: coordinationGroups.name,
      });
    if (!restored) throw notFound('group');
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'coordination_group.restore',
      entityType: 'coordination_group',
      entityId: input.id,
      countyCode: restored.countyCode,
      changes: { name: restored.name },
    });
    return { id: input.id, version: restored.version };
  });
}

// ---------------------------------------------------------------------------------------------
// Group list

export const PAGE_SIZE = 50;
export const EXPORT_CAP = 50_000;

export type GroupListRow = {
  id: string;
  name: string;
  kind: GroupKind;
  countyCode: string;
  participatingCounties: string[];
  activeFrom: string;
  activeTo: string | null;
  memberCount: number;
  meetingCount: number;
  lastMeetingAt: Date | null;
  nextMeetingAt: Date | null;
  pendingCount: number;
  overdueCount: number;
  deletedAt: Date | null;
};

export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number };

function pageOf<T>(rows: T[], total: number, page: number): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The county filter of a list: a county role keeps to its scope; a county outside it is ignored (it comes from a URL). */
function countyFilter(actor: Actor, county: string | undefined): SQL {
  const read = countyScope(actor, 'coordination.read');
  if (county && (read === 'all' || read.includes(county))) return groupInvolves([county]);
  return groupInvolves(read);
}

export async function listGroupsForActor(
  actor: Actor,
  filter: Partial<GroupFilterOutput> = {},
): Promise<Page<GroupListRow>> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const today = todayInStockholm();
  const deletable = countyScope(actor, 'coordination.delete');
  const mayDelete = deletable === 'all' || deletable.length > 0;
  const where = and(
    countyFilter(actor, filter.county),
    filter.includeDeleted && mayDelete
      ? or(isNull(coordinationGroups.deletedAt), homeIn(deletable))
      : isNull(coordinationGroups.deletedAt),
    filter.kind ? eq(coordinationGroups.kind, filter.kind) : undefined,
    filter.activity === 'active'
      ? and(
          lte(coordinationGroups.activeFrom, today),
          or(isNull(coordinationGroups.activeTo), gte(coordinationGroups.activeTo, today)),
        )
      : undefined,
    filter.activity === 'ended' ? lt(coordinationGroups.activeTo, today) : undefined,
  )!;
  const page = filter.page ?? 1;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: coordinationGroups.id,
        name: coordinationGroups.name,
        kind: coordinationGroups.kind,
        countyCode: coordinationGroups.countyCode,
        activeFrom: coordinationGroups.activeFrom,
        activeTo: coordinationGroups.activeTo,
        deletedAt: coordinationGroups.deletedAt,
        participatingCounties: sql<
          string[]
        >`coalesce((select array_agg(gc.county_code::text order by gc.county_code) from ${groupCounties} gc where gc.group_id = ${GROUP_ID}), '{}')`,
        memberCount: sql<number>`(select count(*) from ${groupMembers} gm where gm.group_id = ${GROUP_ID} and gm.removed_at is null)::int`,
        meetingCount: sql<number>`(select count(*) from ${meetings} m where m.group_id = ${GROUP_ID} and m.deleted_at is null)::int`,
        lastMeetingAt: sql<Date | null>`(select max(m.starts_at) from ${meetings} m where m.group_id = ${GROUP_ID} and m.deleted_at is null and m.starts_at <= now())`,
        nextMeetingAt: sql<Date | null>`(select min(m.starts_at) from ${meetings} m where m.group_id = ${GROUP_ID} and m.deleted_at is null and m.starts_at > now())`,
        pendingCount: sql<number>`(select count(*) from ${actionItems} i join ${meetings} m on m.id = i.raised_meeting_id and m.deleted_at is null where i.group_id = ${GROUP_ID} and i.status in ('open', 'in_progress'))::int`,
        overdueCount: sql<number>`(select count(*) from ${actionItems} i join ${meetings} m on m.id = i.raised_meeting_id and m.deleted_at is null where i.group_id = ${GROUP_ID} and i.status in ('open', 'in_progress') and i.due_on < ${today}::date)::int`,
      })
      .from(coordinationGroups)
      .where(where)
      .orderBy(asc(coordinationGroups.countyCode), asc(coordinationGroups.name), asc(coordinationGroups.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(coordinationGroups)
      .where(where),
  ]);
  return pageOf(
    rows.map((r) => ({
      ...r,
      memberCount: Number(r.memberCount),
      meetingCount: Number(r.meetingCount),
      pendingCount: Number(r.pendingCount),
      overdueCount: Number(r.overdueCount),
      lastMeetingAt: r.lastMeetingAt ? new Date(r.lastMeetingAt) : null,
      nextMeetingAt: r.nextMeetingAt ? new Date(r.nextMeetingAt) : null,
    })),
    Number(count?.n ?? 0),
    page,
  );
}

export type GroupOption = { id: string; name: string; countyCode: string; counties: string[] };

/**
 * Groups to choose from: 'read' those the actor reads (list filters), 'meeting' those they may
 * hold meetings in. Live groups only, by name.
 */
export async function listGroupOptionsForActor(
  actor: Actor,
  purpose: 'read' | 'meeting' = 'read',
): Promise<GroupOption[]> {
  assertCan(actor, purpose === 'meeting' ? 'coordination.write' : 'coordination.read');
  const db = await getDb();
  const where =
    purpose === 'meeting'
      ? liveGroupsFor(actor, 'coordination.write')
      : and(groupInvolves(countyScope(actor, 'coordination.read')), isNull(coordinationGroups.deletedAt))!;
  const rows = await db
    .select({
      id: coordinationGroups.id,
      name: coordinationGroups.name,
      countyCode: coordinationGroups.countyCode,
      participating: sql<
        string[]
      >`coalesce((select array_agg(gc.county_code::text order by gc.county_code) from ${groupCounties} gc where gc.group_id = ${GROUP_ID}), '{}')`,
    })
    .from(coordinationGroups)
    .where(where)
    .orderBy(asc(coordinationGroups.name), asc(coordinationGroups.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    countyCode: r.countyCode,
    counties: [r.countyCode, ...r.participating],
  }));
}

// =============================================================================================
// Meetings

const meetingSummaryColumns = {
  id: meetings.id,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  format: meetings.format,
  place: meetings.place,
  otherGuests: meetings.otherGuests,
  deletedAt: meetings.deletedAt,
  attendeeCount: sql<number>`(select count(*) from ${meetingAttendance} a where a.meeting_id = ${MEETING_ID})::int`,
  raisedCount: sql<number>`(select count(*) from ${actionItems} i where i.raised_meeting_id = ${MEETING_ID})::int`,
};

async function selectMeetingSummaries(db: Db | Tx, where: SQL): Promise<MeetingSummary[]> {
  const rows = await db
    .select(meetingSummaryColumns)
    .from(meetings)
    .where(where)
    .orderBy(desc(meetings.startsAt), desc(meetings.id));
  return rows.map((r) => ({ ...r, attendeeCount: Number(r.attendeeCount), raisedCount: Number(r.raisedCount) }));
}

const responsible = alias(groupMembers, 'responsible');
const closer = alias(meetings, 'closer');

/** Action items (with their group, responsible member and meetings) of live meetings of live groups, filtered by `where`. */
async function selectActionItems(
  db: Db | Tx,
  where: SQL,
  order: SQL[],
  limit?: number,
  offset?: number,
): Promise<ActionItemView[]> {
  const today = todayInStockholm();
  const query = db
    .select({
      id: actionItems.id,
      version: actionItems.version,
      groupId: actionItems.groupId,
      groupName: coordinationGroups.name,
      countyCode: coordinationGroups.countyCode,
      description: actionItems.description,
      responsibleMemberId: actionItems.responsibleMemberId,
      responsibleName: responsible.organisationName,
      responsibleType: responsible.organisationType,
      dueOn: actionItems.dueOn,
      status: actionItems.status,
      overdue: sql<boolean>`(${actionItems.status} in ('open', 'in_progress') and ${actionItems.dueOn} < ${today}::date)`,
      raisedMeetingId: actionItems.raisedMeetingId,
      raisedAt: meetings.startsAt,
      closedMeetingId: actionItems.closedMeetingId,
      closedAt: closer.startsAt,
      closedOn: actionItems.closedOn,
    })
    .from(actionItems)
    .innerJoin(meetings, and(eq(meetings.id, actionItems.raisedMeetingId), isNull(meetings.deletedAt)))
    .innerJoin(
      coordinationGroups,
      and(eq(coordinationGroups.id, actionItems.groupId), isNull(coordinationGroups.deletedAt)),
    )
    .innerJoin(responsible, eq(responsible.id, actionItems.responsibleMemberId))
    .leftJoin(closer, eq(closer.id, actionItems.closedMeetingId))
    .where(where)
    .orderBy(...order)
    .$dynamic();
  const rows = await (limit === undefined ? query : query.limit(limit).offset(offset ?? 0));
  return rows.map((r) => ({
    ...r,
    responsibleType: r.responsibleType as MemberOrganisationType,
    overdue: Boolean(r.overdue),
  }));
}

/** The editable fields of a meeting in the form's shape (conflict details and audit diffs). */
type MeetingValues = {
  groupId: string;
  date: string;
  startTime: string;
  endTime: string;
  format: EventFormat;
  place: string | null;
  attendees: string[];
  otherGuests: number;
  agenda: string | null;
  minutes: string | null;
  decisions: string | null;
  actionItems: {
    id: string | null;
    version: number | null;
    description: string;
    responsibleMemberId: string;
    dueOn: string;
  }[];
};

function meetingValues(v: MeetingValues): MeetingValues {
  return {
    groupId: v.groupId,
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime,
    format: v.format,
    place: v.place ?? null,
    attendees: [...v.attendees].sort(),
    otherGuests: v.otherGuests,
    agenda: v.agenda ?? null,
    minutes: v.minutes ?? null,
    decisions: v.decisions ?? null,
    actionItems: v.actionItems.map((a) => ({
      id: a.id ?? null,
      version: a.version ?? null,
      description: a.description,
      responsibleMemberId: a.responsibleMemberId,
      dueOn: a.dueOn,
    })),
  };
}

const meetingColumns = {
  id: meetings.id,
  version: meetings.version,
  groupId: meetings.groupId,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  format: meetings.format,
  place: meetings.place,
  otherGuests: meetings.otherGuests,
  agenda: meetings.agenda,
  minutes: meetings.minutes,
  decisions: meetings.decisions,
  createdAt: meetings.createdAt,
  updatedAt: meetings.updatedAt,
  deletedAt: meetings.deletedAt,
  groupName: coordinationGroups.name,
  groupKind: coordinationGroups.kind,
  countyCode: coordinationGroups.countyCode,
};

/** The meeting found by `where` (with the scope) joined to its group, with attendance and raised items. */
async function loadMeeting(db: Db | Tx, where: SQL, lock = false) {
  const query = db
    .select({ ...meetingColumns, updatedByName: updater.displayName })
    .from(meetings)
    .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
    .leftJoin(updater, eq(updater.id, meetings.updatedBy))
    .where(where)
    .limit(1);
  const [row] = await (lock ? query.for('update', { of: meetings }) : query);
  if (!row) return null;
  const [attendance, raised] = await Promise.all([
    db
      .select({ memberId: meetingAttendance.memberId })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, row.id)),
    (() => {
      const items = db
        .select({
          id: actionItems.id,
          version: actionItems.version,
          description: actionItems.description,
          responsibleMemberId: actionItems.responsibleMemberId,
          dueOn: actionItems.dueOn,
          status: actionItems.status,
          closedMeetingId: actionItems.closedMeetingId,
        })
        .from(actionItems)
        .where(eq(actionItems.raisedMeetingId, row.id))
        .orderBy(asc(actionItems.position));
      return lock ? items.for('update') : items;
    })(),
  ]);
  const start = instantToStockholm(row.startsAt);
  const end = instantToStockholm(row.endsAt);
  const values = {
    id: row.id,
    version: row.version,
    ...meetingValues({
      groupId: row.groupId,
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      format: row.format,
      place: row.place,
      attendees: attendance.map((a) => a.memberId),
      otherGuests: row.otherGuests,
      agenda: row.agenda,
      minutes: row.minutes,
      decisions: row.decisions,
      actionItems: raised,
    }),
    followUps: [] as FollowUpOutput[],
  };
  return { row, values, raised };
}

/** Live meetings of live groups whose home county is in the scope of the action. */
function meetingsFor(actor: Actor, action: Action): SQL {
  return and(liveGroupsFor(actor, action), isNull(meetings.deletedAt))!;
}

async function meetingReadable(db: Db | Tx, actor: Actor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
    .where(and(eq(meetings.id, id), readableMeetings(actor)))
    .limit(1);
  return Boolean(row);
}

type GroupMemberRow = { id: string; removedAt: Date | null };

async function membersOf(tx: Tx, groupId: string): Promise<Map<string, GroupMemberRow>> {
  const rows = await tx
    .select({ id: groupMembers.id, removedAt: groupMembers.removedAt })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, groupId));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Attendees and responsible members must be live members of the group (or, on an edit, already recorded there). */
function checkMembers(
  members: Map<string, GroupMemberRow>,
  input: { attendees: string[]; actionItems: ActionItemOutput[] },
  already: { attendees: Set<string>; responsible: Map<string, string> },
) {
  const usable = (id: string, kept: boolean) => {
    const m = members.get(id);
    return Boolean(m && (m.removedAt === null || kept));
  };
  if (input.attendees.some((id) => !usable(id, already.attendees.has(id))))
    throw invalid('attendees', 'validation.memberUnknown');
  input.actionItems.forEach((item, i) => {
    const kept = item.id !== null && already.responsible.get(item.id) === item.responsibleMemberId;
    if (!usable(item.responsibleMemberId, kept))
      throw invalid(`actionItems.${i}.responsibleMemberId`, 'validation.memberUnknown');
  });
}

type FollowUpChange = { id: string; description: string; from: ActionItemStatus; to: ActionItemStatus };

/**
 * Follow up earlier action items at this meeting: set their status; done or dropped closes them
 * here, anything else reopens an item closed here. Only items raised at an earlier meeting of the
 * same group (or closed at this one) may change; each carries the version the form showed.
 */
async function applyFollowUps(
  tx: Tx,
  actor: Actor,
  meeting: { id: string; groupId: string; countyCode: string; startsAt: Date; date: string },
  followUps: readonly FollowUpOutput[],
): Promise<FollowUpChange[]> {
  if (followUps.length === 0) return [];
  const rows = await tx
    .select({
      id: actionItems.id,
      version: actionItems.version,
      status: actionItems.status,
      description: actionItems.description,
      closedMeetingId: actionItems.closedMeetingId,
      raisedAt: meetings.startsAt,
    })
    .from(actionItems)
    .innerJoin(meetings, and(eq(meetings.id, actionItems.raisedMeetingId), isNull(meetings.deletedAt)))
    .where(
      and(
        eq(actionItems.groupId, meeting.groupId),
        inArray(
          actionItems.id,
          followUps.map((f) => f.id),
        ),
      ),
    )
    .for('update', { of: actionItems });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const changes: FollowUpChange[] = [];
  for (const [i, f] of followUps.entries()) {
    const row = byId.get(f.id);
    if (!row) throw invalid(`followUps.${i}.status`, 'validation.actionItemUnknown');
    if (row.version !== f.version) {
      throw new AppError('conflict', 'action item changed since it was loaded', {
        actionItemId: row.id,
        current: { status: row.status, version: row.version },
        updatedAt: null,
        updatedBy: null,
      });
    }
    if (row.status === f.status) continue;
    const eligible =
      row.closedMeetingId === meeting.id ||
      (isPending(row.status) && row.raisedAt.getTime() < meeting.startsAt.getTime());
    if (!eligible) throw invalid(`followUps.${i}.status`, 'validation.followUpNotDue');
    const closing = !isPending(f.status);
    await tx
      .update(actionItems)
      .set({
        status: f.status,
        closedMeetingId: closing ? meeting.id : null,
        closedOn: closing ? meeting.date : null,
        version: sql`${actionItems.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(actionItems.id, f.id), eq(actionItems.groupId, meeting.groupId)));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'action_item.status',
      entityType: 'action_item',
      entityId: f.id,
      countyCode: meeting.countyCode,
      changes: { status: { from: row.status, to: f.status }, meetingId: meeting.id },
    });
    changes.push({ id: f.id, description: row.description, from: row.status, to: f.status });
  }
  return changes;
}

function timesOf(input: { date: string; startTime: string; endTime: string }): { startsAt: Date; endsAt: Date } {
  const startsAt = stockholmToInstant(input.date, input.startTime);
  const endsAt = stockholmToInstant(input.date, input.endTime);
  if (endsAt.getTime() <= startsAt.getTime()) throw invalid('endTime', 'validation.endBeforeStart');
  return { startsAt, endsAt };
}

async function insertActionItems(
  tx: Tx,
  actor: Actor,
  meeting: { id: string; groupId: string; countyCode: string },
  items: readonly { description: string; responsibleMemberId: string; dueOn: string; position: number }[],
) {
  if (items.length === 0) return [];
  const created = await tx
    .insert(actionItems)
    .values(
      items.map((item) => ({
        groupId: meeting.groupId,
        raisedMeetingId: meeting.id,
        position: item.position,
        description: item.description,
        responsibleMemberId: item.responsibleMemberId,
        dueOn: item.dueOn,
        createdBy: actor.id,
        updatedBy: actor.id,
      })),
    )
    .returning({
      id: actionItems.id,
      description: actionItems.description,
      responsibleMemberId: actionItems.responsibleMemberId,
      dueOn: actionItems.dueOn,
    });
  for (const item of created) {
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'action_item.create',
      entityType: 'action_item',
      entityId: item.id,
      countyCode: meeting.countyCode,
      changes: {
        description: item.description,
        responsibleMemberId: item.responsibleMemberId,
        dueOn: item.dueOn,
        status: 'open',
        meetingId: meeting.id,
      },
    });
  }
  return created;
}

/** Record a meeting of a group: attendance, action items raised and the follow-up of earlier ones. */
export async function createMeeting(actor: Actor, input: MeetingOutput): Promise<{ id: string }> {
  assertCan(actor, 'coordination.write');
  assertId(input.groupId, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The group's row lock (shared) keeps its members from changing under the meeting.
    const [group] = await tx
      .select({ id: coordinationGroups.id, countyCode: coordinationGroups.countyCode })
      .from(coordinationGroups)
      .where(and(eq(coordinationGroups.id, input.groupId), liveGroupsFor(actor, 'coordination.write')))
      .for('share');
    if (!group)
      throw (await groupReadable(tx, actor, input.groupId))
        ? new AppError('forbidden', 'may not write meetings of this group')
        : notFound('group');
    if (input.actionItems.some((a) => a.id)) throw invalid('actionItems', 'validation.actionItemUnknown');
    checkMembers(await membersOf(tx, group.id), input, { attendees: new Set(), responsible: new Map() });
    const { startsAt, endsAt } = timesOf(input);
    const values = meetingValues({ ...input, actionItems: input.actionItems });

    const [created] = await tx
      .insert(meetings)
      .values({
        groupId: group.id,
        startsAt,
        endsAt,
        format: values.format,
        place: values.place,
        otherGuests: values.otherGuests,
        agenda: values.agenda,
        minutes: values.minutes,
        decisions: values.decisions,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning({ id: meetings.id });
    const id = created!.id;
    const meeting = { id, groupId: group.id, countyCode: group.countyCode, startsAt, date: input.date };
    if (values.attendees.length > 0)
      await tx
        .insert(meetingAttendance)
        .values(values.attendees.map((memberId) => ({ meetingId: id, groupId: group.id, memberId })));
    await insertActionItems(
      tx,
      actor,
      meeting,
      values.actionItems.map((a, position) => ({ ...a, position })),
    );
    const followUps = await applyFollowUps(tx, actor, meeting, input.followUps);

    const { actionItems: items, ...rest } = values;
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: id,
      countyCode: group.countyCode,
      changes: {
        ...rest,
        actionItems: items.map(({ description, responsibleMemberId, dueOn }) => ({
          description,
          responsibleMemberId,
          dueOn,
        })),
        followUps,
      },
    });
    return { id };
  });
}

/**
 * Save an edit of a meeting: its fields, attendance, the action items raised there (added,
 * changed, removed) and the follow-up of earlier items. One version guards it all: a change made
 * meanwhile by someone else gives 'conflict' and nothing is saved.
 */
export async function updateMeeting(actor: Actor, input: MeetingEditOutput): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.write');
  assertId(input.id, 'meeting');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = meetingsFor(actor, 'coordination.write');
    const current = await loadMeeting(tx, and(eq(meetings.id, input.id), scope)!, true);
    if (!current)
      throw (await meetingReadable(tx, actor, input.id))
        ? new AppError('forbidden', 'may not write this meeting')
        : notFound('meeting');
    if (current.values.version !== input.version) throw conflict('meeting', current);
    if (current.values.groupId !== input.groupId) throw invalid('groupId', 'validation.groupImmutable');
    const { row } = current;

    const existing = new Map(current.raised.map((r) => [r.id, r]));
    input.actionItems.forEach((item, i) => {
      if (item.id === null) return;
      const found = existing.get(item.id);
      if (!found) throw invalid(`actionItems.${i}.description`, 'validation.actionItemUnknown');
      if (item.version !== found.version) {
        throw new AppError('conflict', 'action item changed since it was loaded', {
          actionItemId: found.id,
          current: current.values,
          updatedAt: row.updatedAt.toISOString(),
          updatedBy: row.updatedByName,
        });
      }
    });
    const keptIds = new Set(input.actionItems.map((a) => a.id).filter(Boolean) as string[]);
    const removed = current.raised.filter((r) => !keptIds.has(r.id));
    if (removed.some((r) => r.closedMeetingId !== null))
      throw invalid('actionItems', 'validation.actionItemClosedElsewhere');
    checkMembers(await membersOf(tx, row.groupId), input, {
      attendees: new Set(current.values.attendees),
      responsible: new Map(current.raised.map((r) => [r.id, r.responsibleMemberId])),
    });
    const { startsAt, endsAt } = timesOf(input);

    const { id: _id, version: _version, followUps: _f, ...beforeValues } = current.values;
    void _id;
    void _version;
    void _f;
    const before = meetingValues(beforeValues);
    const after = meetingValues(input);
    const changes: Record<string, unknown> = changedFields(
      { ...before, actionItems: null },
      { ...after, actionItems: null },
    );
    const itemChanges = { added: 0, changed: 0, removed: removed.length };
    const meeting = { id: input.id, groupId: row.groupId, countyCode: row.countyCode, startsAt, date: input.date };

    // Items raised here: remove, change, add (positions follow the form's order).
    if (removed.length > 0) {
      await tx.delete(actionItems).where(
        and(
          eq(actionItems.raisedMeetingId, input.id),
          inArray(
            actionItems.id,
            removed.map((r) => r.id),
          ),
        ),
      );
      for (const r of removed) {
        await writeAudit(tx, {
          actorId: actor.id,
          action: 'action_item.delete',
          entityType: 'action_item',
          entityId: r.id,
          countyCode: row.countyCode,
          changes: { description: r.description, meetingId: input.id },
        });
      }
    }
    const added: { description: string; responsibleMemberId: string; dueOn: string; position: number }[] = [];
    for (const [position, item] of after.actionItems.entries()) {
      if (item.id === null) {
        added.push({ ...item, position });
        continue;
      }
      const old = existing.get(item.id)!;
      const oldPosition = current.raised.findIndex((r) => r.id === item.id);
      const diff = changedFields(
        { description: old.description, responsibleMemberId: old.responsibleMemberId, dueOn: old.dueOn },
        { description: item.description, responsibleMemberId: item.responsibleMemberId, dueOn: item.dueOn },
      );
      if (Object.keys(diff).length === 0 && oldPosition === position) continue;
      await tx
        .update(actionItems)
        .set({
          position,
          description: item.description,
          responsibleMemberId: item.responsibleMemberId,
          dueOn: item.dueOn,
          ...(Object.keys(diff).length > 0
            ? { version: sql`${actionItems.version} + 1`, updatedBy: actor.id, updatedAt: sql`now()` }
            : {}),
        })
        .where(and(eq(actionItems.id, item.id), eq(actionItems.raisedMeetingId, input.id)));
      if (Object.keys(diff).length > 0) {
        itemChanges.changed += 1;
        await writeAudit(tx, {
          actorId: actor.id,
          action: 'action_item.update',
          entityType: 'action_item',
          entityId: item.id,
          countyCode: row.countyCode,
          changes: { ...diff, meetingId: input.id },
        });
      }
    }
    // Positions of kept items may collide with new ones only in order, never in value: new ones come after in the form's order.
    itemChanges.added = (await insertActionItems(tx, actor, meeting, added)).length;
    const followUps = await applyFollowUps(tx, actor, meeting, input.followUps);

    const reordered =
      JSON.stringify(before.actionItems.filter((a) => keptIds.has(a.id!)).map((a) => a.id)) !==
      JSON.stringify(after.actionItems.filter((a) => a.id).map((a) => a.id));
    if (itemChanges.added + itemChanges.changed + itemChanges.removed > 0 || reordered)
      changes.actionItems = { ...itemChanges, reordered };
    if (followUps.length > 0) changes.followUps = followUps;
    if (Object.keys(changes).length === 0) return { id: input.id, version: row.version };

    const [updated] = await tx
      .update(meetings)
      .set({
        startsAt,
        endsAt,
        format: after.format,
        place: after.place,
        otherGuests: after.otherGuests,
        agenda: after.agenda,
        minutes: after.minutes,
        decisions: after.decisions,
        version: sql`${meetings.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(meetings.id, input.id), eq(meetings.version, input.version)))
      .returning({ version: meetings.version });
    if (!updated) throw conflict('meeting', current);

    if ('attendees' in changes) {
      await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, input.id));
      if (after.attendees.length > 0)
        await tx
          .insert(meetingAttendance)
          .values(after.attendees.map((memberId) => ({ meetingId: input.id, groupId: row.groupId, memberId })));
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: input.id,
      countyCode: row.countyCode,
      changes,
    });
    return { id: input.id, version: updated.version };
  });
}

/** Soft delete of a meeting: it and the action items raised there leave every list. Items it closed stay closed. */
export async function deleteMeeting(
  actor: Actor,
  input: { id: string; version: number },
): Promise<{ id: string; groupId: string }> {
  assertCan(actor, 'coordination.delete');
  assertId(input.id, 'meeting');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = meetingsFor(actor, 'coordination.delete');
    const current = await loadMeeting(tx, and(eq(meetings.id, input.id), scope)!, true);
    if (!current)
      throw (await meetingReadable(tx, actor, input.id))
        ? new AppError('forbidden', 'may not delete this meeting')
        : notFound('meeting');
    if (current.row.version !== input.version) throw conflict('meeting', current);
    await tx
      .update(meetings)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id, version: sql`${meetings.version} + 1` })
      .where(eq(meetings.id, input.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'meeting.delete',
      entityType: 'meeting',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: { group: current.row.groupName, startsAt: current.row.startsAt.toISOString() },
    });
    return { id: input.id, groupId: current.row.groupId };
  });
}

export async function restoreMeeting(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.delete');
  assertId(input.id, 'meeting');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: meetings.id, countyCode: coordinationGroups.countyCode })
      .from(meetings)
      .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
      .where(and(eq(meetings.id, input.id), liveGroupsFor(actor, 'coordination.delete'), isNotNull(meetings.deletedAt)))
      .for('update', { of: meetings });
    if (!found) throw notFound('meeting');
    const [restored] = await tx
      .update(meetings)
      .set({
        deletedAt: null,
        deletedBy: null,
        version: sql`${meetings.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(eq(meetings.id, input.id))
      .returning({ version: meetings.version });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'meeting.restore',
      entityType: 'meeting',
      entityId: input.id,
      countyCode: found.countyCode,
    });
    return { id: input.id, version: restored!.version };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a meeting and the context of the meeting form

export type MemberChoice = {
  id: string;
  organisationType: MemberOrganisationType;
  organisationName: string;
  contactFunction: string | null;
  removed: boolean;
};

export type MeetingDetail = MeetingEditOutput & {
  group: { id: string; name: string; kind: GroupKind; county: CountyRef };
  startsAt: Date;
  endsAt: Date;
  /** The group's live members and anyone recorded at this meeting who has left since. */
  members: MemberChoice[];
  attendance: MemberChoice[];
  raised: ActionItemView[];
  /** Items of earlier meetings closed at this one. */
  closedHere: ActionItemView[];
  /** What the edit form offers to follow up: pending items of earlier meetings, and those closed here. */
  followUpCandidates: ActionItemView[];
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  deletedAt: Date | null;
  deletedByName: string | null;
  history: HistoryEntry[];
  permissions: { update: boolean; delete: boolean; restore: boolean };
};

async function memberChoices(db: Db | Tx, groupId: string, keep: readonly string[] = []): Promise<MemberChoice[]> {
  const rows = await db
    .select({
      id: groupMembers.id,
      organisationType: groupMembers.organisationType,
      organisationName: groupMembers.organisationName,
      contactFunction: groupMembers.contactFunction,
      removedAt: groupMembers.removedAt,
    })
    .from(groupMembers)
    .where(
      and(
        eq(groupMembers.groupId, groupId),
        keep.length > 0
          ? or(isNull(groupMembers.removedAt), inArray(groupMembers.id, [...keep]))
          : isNull(groupMembers.removedAt),
      ),
    )
    .orderBy(asc(groupMembers.position), asc(groupMembers.organisationName));
  return rows.map(({ removedAt, ...m }) => ({
    ...m,
    organisationType: m.organisationType as MemberOrganisationType,
    removed: removedAt !== null,
  }));
}

/** Pending items raised at the group's meetings before `before` (all pending ones without it), and items closed at `meetingId`. */
async function followUpCandidates(
  db: Db | Tx,
  groupId: string,
  before: Date | null,
  meetingId: string | null,
): Promise<ActionItemView[]> {
  const pending = and(
    inArray(actionItems.status, [...PENDING_ACTION_ITEM_STATUSES]),
    before ? lt(meetings.startsAt, before) : undefined,
    meetingId ? ne(actionItems.raisedMeetingId, meetingId) : undefined,
  );
  return selectActionItems(
    db,
    and(
      eq(actionItems.groupId, groupId),
      meetingId ? or(pending, eq(actionItems.closedMeetingId, meetingId)) : pending,
    )!,
    [asc(meetings.startsAt), asc(actionItems.position)],
  );
}

export async function getMeetingForActor(actor: Actor, id: string): Promise<MeetingDetail> {
  assertCan(actor, 'coordination.read');
  assertId(id, 'meeting');
  const db = await getDb();
  const loaded = await loadMeeting(db, and(eq(meetings.id, id), readableMeetings(actor))!);
  if (!loaded) throw notFound('meeting');
  const { row, values } = loaded;
  const keep = [...values.attendees, ...values.actionItems.map((a) => a.responsibleMemberId)];
  const [[meta], countyMap, members, raised, closedHere, candidates, history] = await Promise.all([
    db
      .select({ createdByName: creator.displayName, deletedByName: deleter.displayName })
      .from(meetings)
      .leftJoin(creator, eq(creator.id, meetings.createdBy))
      .leftJoin(deleter, eq(deleter.id, meetings.deletedBy))
      .where(eq(meetings.id, id)),
    countiesByCode(db),
    memberChoices(db, row.groupId, keep),
    selectActionItems(db, eq(actionItems.raisedMeetingId, id), [asc(actionItems.position)]),
    selectActionItems(db, eq(actionItems.closedMeetingId, id), [asc(meetings.startsAt), asc(actionItems.position)]),
    followUpCandidates(db, row.groupId, row.startsAt, id),
    historyOf(db, 'meeting', id),
  ]);
  const live = row.deletedAt === null;
  const mayDelete = can(actor, 'coordination.delete', row.countyCode);
  const attending = new Set(values.attendees);
  return {
    ...values,
    group: {
      id: row.groupId,
      name: row.groupName,
      kind: row.groupKind,
      county: countyMap.get(row.countyCode) ?? { code: row.countyCode, nameSv: row.countyCode, nameEn: row.countyCode },
    },
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    members,
    attendance: members.filter((m) => attending.has(m.id)),
    raised,
    closedHere,
    followUpCandidates: candidates,
    createdAt: row.createdAt,
    createdByName: meta?.createdByName ?? null,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    deletedAt: row.deletedAt,
    deletedByName: meta?.deletedByName ?? null,
    history,
    permissions: {
      update: live && can(actor, 'coordination.write', row.countyCode),
      delete: live && mayDelete,
      restore: !live && mayDelete,
    },
  };
}

export type NewMeetingContext = {
  group: { id: string; name: string; kind: GroupKind; countyCode: string };
  members: MemberChoice[];
  followUpCandidates: ActionItemView[];
};

/** What the form for a new meeting of the group needs; only for those who may write its meetings. */
export async function getNewMeetingContext(actor: Actor, groupId: string): Promise<NewMeetingContext> {
  assertCan(actor, 'coordination.write');
  assertId(groupId, 'group');
  const db = await getDb();
  const [group] = await db
    .select({
      id: coordinationGroups.id,
      name: coordinationGroups.name,
      kind: coordinationGroups.kind,
      countyCode: coordinationGroups.countyCode,
    })
    .from(coordinationGroups)
    .where(and(eq(coordinationGroups.id, groupId), liveGroupsFor(actor, 'coordination.write')));
  if (!group)
    throw (await groupReadable(db, actor, groupId))
      ? new AppError('forbidden', 'may not write meetings of this group')
      : notFound('group');
  const [members, candidates] = await Promise.all([
    memberChoices(db, groupId),
    followUpCandidates(db, groupId, null, null),
  ]);
  return { group, members, followUpCandidates: candidates };
}

// ---------------------------------------------------------------------------------------------
// Meeting list, export and calendar

export type MeetingListRow = MeetingSummary & { groupId: string; groupName: string; countyCode: string };

/** A date's start in Sweden, and the start of the day after another: the list's period as instants. */
function periodConditions(column: typeof meetings.startsAt, from?: string, to?: string): SQL[] {
  const conditions: SQL[] = [];
  if (from) conditions.push(gte(column, stockholmToInstant(from, '00:00')));
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    conditions.push(lt(column, stockholmToInstant(next.toISOString().slice(0, 10), '00:00')));
  }
  return conditions;
}

function meetingListConditions(actor: Actor, filter: Partial<MeetingFilterOutput>): SQL {
  const deletable = countyScope(actor, 'coordination.delete');
  const mayDelete = deletable === 'all' || deletable.length > 0;
  return and(
    isNull(coordinationGroups.deletedAt),
    countyFilter(actor, filter.county),
    filter.includeDeleted && mayDelete ? or(isNull(meetings.deletedAt), homeIn(deletable)) : isNull(meetings.deletedAt),
    filter.group ? eq(meetings.groupId, filter.group) : undefined,
    filter.format ? eq(meetings.format, filter.format) : undefined,
    ...periodConditions(meetings.startsAt, filter.from, filter.to),
  )!;
}

const meetingListColumns = {
  ...meetingSummaryColumns,
  groupId: meetings.groupId,
  groupName: coordinationGroups.name,
  countyCode: coordinationGroups.countyCode,
};

export async function listMeetingsForActor(
  actor: Actor,
  filter: Partial<MeetingFilterOutput> = {},
): Promise<Page<MeetingListRow>> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const where = meetingListConditions(actor, filter);
  const page = filter.page ?? 1;
  const [rows, [count]] = await Promise.all([
    db
      .select(meetingListColumns)
      .from(meetings)
      .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
      .where(where)
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(meetings)
      .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
      .where(where),
  ]);
  return pageOf(
    rows.map((r) => ({ ...r, attendeeCount: Number(r.attendeeCount), raisedCount: Number(r.raisedCount) })),
    Number(count?.n ?? 0),
    page,
  );
}

export type MeetingExportRow = MeetingListRow & {
  attendees: string[];
  agenda: string | null;
  decisions: string | null;
  closedCount: number;
};

/**
 * Every matching meeting (up to EXPORT_CAP) for CSV/XLSX, with the attending organisations, the
 * agenda and the decisions; the minutes stay on the meeting's page. Writes a 'meeting.export' audit row.
 */
export async function exportMeetingsForActor(
  actor: Actor,
  filter: Partial<MeetingFilterOutput> = {},
): Promise<{ rows: MeetingExportRow[]; truncated: boolean }> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const fetched = await db
    .select({
      ...meetingListColumns,
      agenda: meetings.agenda,
      decisions: meetings.decisions,
      attendees: sql<
        string[]
      >`coalesce((select array_agg(gm.organisation_name order by gm.position, gm.organisation_name) from ${meetingAttendance} a join ${groupMembers} gm on gm.id = a.member_id where a.meeting_id = ${MEETING_ID}), '{}')`,
      closedCount: sql<number>`(select count(*) from ${actionItems} i where i.closed_meeting_id = ${MEETING_ID})::int`,
    })
    .from(meetings)
    .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
    .where(meetingListConditions(actor, filter))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(EXPORT_CAP + 1);
  const truncated = fetched.length > EXPORT_CAP;
  const rows = fetched
    .slice(0, EXPORT_CAP)
    .map((r) => ({
      ...r,
      attendeeCount: Number(r.attendeeCount),
      raisedCount: Number(r.raisedCount),
      closedCount: Number(r.closedCount),
    }));
  await writeAudit(db, {
    actorId: actor.id,
    action: 'meeting.export',
    entityType: 'meeting',
    countyCode: actor.county,
    changes: { filter: { ...filter, page: undefined }, rowCount: rows.length, truncated },
  });
  return { rows, truncated };
}

export type GroupCalendar = {
  group: { id: string; name: string; countyCode: string };
  meetings: {
    id: string;
    version: number;
    startsAt: Date;
    endsAt: Date;
    format: EventFormat;
    place: string | null;
    agenda: string | null;
  }[];
};

/** A group's live meetings for its calendar file (.ics). Writes a 'coordination_group.calendar' audit row. */
export async function getGroupCalendarForActor(actor: Actor, groupId: string): Promise<GroupCalendar> {
  assertCan(actor, 'coordination.read');
  assertId(groupId, 'group');
  const db = await getDb();
  const [group] = await db
    .select({ id: coordinationGroups.id, name: coordinationGroups.name, countyCode: coordinationGroups.countyCode })
    .from(coordinationGroups)
    .where(and(eq(coordinationGroups.id, groupId), readableGroups(actor), isNull(coordinationGroups.deletedAt)));
  if (!group) throw notFound('group');
  const rows = await db
    .select({
      id: meetings.id,
      version: meetings.version,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      format: meetings.format,
      place: meetings.place,
      agenda: meetings.agenda,
    })
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), isNull(meetings.deletedAt)))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  await writeAudit(db, {
    actorId: actor.id,
    action: 'coordination_group.calendar',
    entityType: 'coordination_group',
    entityId: groupId,
    countyCode: group.countyCode,
    changes: { meetings: rows.length },
  });
  return { group, meetings: rows };
}

// ---------------------------------------------------------------------------------------------
// Action items across groups

function actionItemConditions(actor: Actor, filter: Partial<ActionItemFilterOutput>): SQL {
  const today = todayInStockholm();
  const status = filter.status ?? 'pending';
  return and(
    countyFilter(actor, filter.county),
    filter.group ? eq(actionItems.groupId, filter.group) : undefined,
    status === 'pending' || status === 'overdue'
      ? inArray(actionItems.status, [...PENDING_ACTION_ITEM_STATUSES])
      : undefined,
    status === 'overdue' ? lt(actionItems.dueOn, today) : undefined,
    status !== 'pending' && status !== 'overdue' && status !== 'all' ? eq(actionItems.status, status) : undefined,
    filter.from ? gte(actionItems.dueOn, filter.from) : undefined,
    filter.to ? lte(actionItems.dueOn, filter.to) : undefined,
  )!;
}

function actionItemOrder(filter: Partial<ActionItemFilterOutput>): SQL[] {
  const status = filter.status ?? 'pending';
  // What is still to do: soonest due first (the overdue ones lead). Closed ones: latest first.
  return status === 'pending' || status === 'overdue' || status === 'open' || status === 'in_progress'
    ? [asc(actionItems.dueOn), asc(coordinationGroups.name), asc(actionItems.id)]
    : [desc(actionItems.dueOn), asc(coordinationGroups.name), asc(actionItems.id)];
}

/** Action items of the meetings the actor reads; without a status filter, the pending ones. */
export async function listActionItemsForActor(
  actor: Actor,
  filter: Partial<ActionItemFilterOutput> = {},
): Promise<Page<ActionItemView>> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const where = actionItemConditions(actor, filter);
  const page = filter.page ?? 1;
  const [rows, [count]] = await Promise.all([
    selectActionItems(db, where, actionItemOrder(filter), PAGE_SIZE, (page - 1) * PAGE_SIZE),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(actionItems)
      .innerJoin(meetings, and(eq(meetings.id, actionItems.raisedMeetingId), isNull(meetings.deletedAt)))
      .innerJoin(
        coordinationGroups,
        and(eq(coordinationGroups.id, actionItems.groupId), isNull(coordinationGroups.deletedAt)),
      )
      .where(where),
  ]);
  return pageOf(rows, Number(count?.n ?? 0), page);
}

export async function exportActionItemsForActor(
  actor: Actor,
  filter: Partial<ActionItemFilterOutput> = {},
): Promise<{ rows: ActionItemView[]; truncated: boolean }> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const fetched = await selectActionItems(
    db,
    actionItemConditions(actor, filter),
    actionItemOrder(filter),
    EXPORT_CAP + 1,
  );
  const truncated = fetched.length > EXPORT_CAP;
  const rows = fetched.slice(0, EXPORT_CAP);
  await writeAudit(db, {
    actorId: actor.id,
    action: 'action_item.export',
    entityType: 'action_item',
    countyCode: actor.county,
    changes: { filter: { ...filter, page: undefined }, rowCount: rows.length, truncated },
  });
  return { rows, truncated };
}

// ---------------------------------------------------------------------------------------------
// The start page

export type CoordinationSummary = {
  upcoming: MeetingListRow[];
  pending: ActionItemView[];
  pendingCount: number;
  overdueCount: number;
};

/** For a county's start page: the next meetings of the groups it reads, and their pending action items (overdue first). */
export async function getCoordinationSummaryForActor(
  actor: Actor,
  limits = { meetings: 5, items: 8 },
): Promise<CoordinationSummary> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const today = todayInStockholm();
  const scope = and(isNull(coordinationGroups.deletedAt), groupInvolves(countyScope(actor, 'coordination.read')))!;
  const pendingWhere = and(scope, inArray(actionItems.status, [...PENDING_ACTION_ITEM_STATUSES]))!;
  const [upcoming, pending, [counts]] = await Promise.all([
    db
      .select(meetingListColumns)
      .from(meetings)
      .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
      .where(and(scope, isNull(meetings.deletedAt), gte(meetings.startsAt, sql`now()`)))
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(limits.meetings),
    selectActionItems(
      db,
      pendingWhere,
      [asc(actionItems.dueOn), asc(coordinationGroups.name), asc(actionItems.id)],
      limits.items,
    ),
    db
      .select({
        pending: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${actionItems.dueOn} < ${today}::date))::int`,
      })
      .from(actionItems)
      .innerJoin(meetings, and(eq(meetings.id, actionItems.raisedMeetingId), isNull(meetings.deletedAt)))
      .innerJoin(coordinationGroups, eq(coordinationGroups.id, actionItems.groupId))
      .where(pendingWhere),
  ]);
  return {
    upcoming: upcoming.map((r) => ({
      ...r,
      attendeeCount: Number(r.attendeeCount),
      raisedCount: Number(r.raisedCount),
    })),
    pending,
    pendingCount: Number(counts?.pending ?? 0),
    overdueCount: Number(counts?.overdue ?? 0),
  };
}
