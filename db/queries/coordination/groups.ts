import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { GroupEditOutput, GroupOutput } from '@/lib/schemas/coordination';
import { PENDING_ACTION_ITEM_STATUSES, type MemberOrganisationType } from '@/lib/enums';
import { assertCan, can, type Actor } from '@/lib/policy';
import { changedFields, writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/index';
import { actionItems, coordinationGroups, groupCounties, groupMembers, meetings } from '@/db/schema';
import { listHistory, type HistoryEntry } from '../_shared/history';
import {
  assertCountiesExist,
  assertRecordId,
  conflictWith,
  countyFixed,
  creator,
  deleter,
  invalid,
  notFound,
  updater,
} from '../_shared/records';
import { readableRecords } from '../_shared/scope';
import { restore, softDelete, type SoftDeleteRegister } from '../_shared/soft-delete';
import { selectActionItems, type ActionItemView } from './action-item-list';
import { memberSummary, memberValues, syncMembers, type MemberValues, type MemberView } from './group-members';
import { selectMeetingSummaries, type MeetingSummary } from './meeting-list';
import { groupRecords, liveGroupsFor, refuseGroupChange } from './scope';
import { countiesByCode, countyRef, type CountyRef } from './shared';

// A coordination group: its record, its participating counties and member organisations. The
// lists of groups are in ./group-list.

type GroupValues = Omit<GroupOutput, 'members'> & { members: MemberValues[] };

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

type LoadedGroup = NonNullable<Awaited<ReturnType<typeof loadGroup>>>;

const groupConflict = (current: LoadedGroup) => conflictWith('group', current);

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

async function insertParticipating(tx: Tx, groupId: string, codes: readonly string[]): Promise<void> {
  if (codes.length > 0) await tx.insert(groupCounties).values(codes.map((countyCode) => ({ groupId, countyCode })));
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
    await insertParticipating(tx, id, values.participatingCounties);
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
  assertRecordId(id, 'group');
  const db = await getDb();
  const loaded = await loadGroup(db, and(eq(coordinationGroups.id, id), readableRecords(actor, groupRecords))!);
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
    listHistory(db, 'coordination_group', id),
  ]);
  const live = row.deletedAt === null;
  return {
    ...values,
    members: values.members.map((m) => ({ ...m, id: m.id!, removed: false })),
    county: countyRef(countyMap, row.countyCode),
    participating: values.participatingCounties.map((code) => countyRef(countyMap, code)),
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

/**
 * Save an edit of a group and its members. Optimistic concurrency as for cases: the row is locked
 * with the scope in its WHERE and the version must be the one the form was loaded with. The home
 * county never changes (its coordinator owns the group).
 */
export async function updateGroup(actor: Actor, input: GroupEditOutput): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.manage');
  assertRecordId(input.id, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveGroupsFor(actor, 'coordination.manage');
    const current = await loadGroup(tx, and(eq(coordinationGroups.id, input.id), scope)!, true);
    if (!current) throw await refuseGroupChange(tx, actor, input.id, 'manage');
    if (current.values.version !== input.version) throw groupConflict(current);
    if (current.values.countyCode !== input.countyCode) throw countyFixed();

    const before = groupValues(current.values);
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
    if (!updated) throw groupConflict(current);

    if ('participatingCounties' in changes) {
      await tx.delete(groupCounties).where(eq(groupCounties.groupId, input.id));
      await insertParticipating(tx, input.id, after.participatingCounties);
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

const groupRegister: SoftDeleteRegister<LoadedGroup> = {
  table: coordinationGroups,
  entityType: 'coordination_group',
  what: 'group',
  scope: groupRecords,
  lock: (tx, where) => loadGroup(tx, where, true),
  conflict: groupConflict,
  deleteChanges: (row) => ({ name: row.name }),
  restoreChanges: (row) => ({ name: row.name }),
  refuse: (tx, actor, id) => refuseGroupChange(tx, actor, id, 'delete'),
};

/** Soft delete: the group, its meetings and action items leave every list; a coordinator may restore it. */
export async function deleteGroup(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  await softDelete(groupRegister, actor, input);
  return { id: input.id };
}

export async function restoreGroup(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  return restore(groupRegister, actor, input);
}
