import 'server-only';
import { and, asc, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { MeetingEditOutput } from '@/lib/schemas/coordination';
import { PENDING_ACTION_ITEM_STATUSES, type GroupKind, type MemberOrganisationType } from '@/lib/enums';
import { assertCan, can, type Actor } from '@/lib/policy';
import { getDb, type Db, type Tx } from '@/db/index';
import { actionItems, coordinationGroups, groupMembers, meetings } from '@/db/schema';
import { listHistory, type HistoryEntry } from '../_shared/history';
import { assertRecordId, creator, deleter, notFound } from '../_shared/records';
import { readableRecords } from '../_shared/scope';
import { selectActionItems, type ActionItemView } from './action-item-list';
import { loadMeeting } from './meetings';
import { liveGroupsFor, meetingRecords, refuseGroupChange } from './scope';
import { countiesByCode, countyRef, type CountyRef } from './shared';

// Reading a meeting, and what the form for a new meeting needs.

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
  assertRecordId(id, 'meeting');
  const db = await getDb();
  const loaded = await loadMeeting(db, and(eq(meetings.id, id), readableRecords(actor, meetingRecords))!);
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
    listHistory(db, 'meeting', id),
  ]);
  const live = row.deletedAt === null;
  const mayDelete = can(actor, 'coordination.delete', row.countyCode);
  const attending = new Set(values.attendees);
  return {
    ...values,
    group: { id: row.groupId, name: row.groupName, kind: row.groupKind, county: countyRef(countyMap, row.countyCode) },
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
  assertRecordId(groupId, 'group');
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
  if (!group) throw await refuseGroupChange(db, actor, groupId, 'write meetings of');
  const [members, candidates] = await Promise.all([
    memberChoices(db, groupId),
    followUpCandidates(db, groupId, null, null),
  ]);
  return { group, members, followUpCandidates: candidates };
}
