import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import {
  instantToStockholm,
  stockholmToInstant,
  type ActionItemOutput,
  type FollowUpOutput,
  type MeetingEditOutput,
  type MeetingOutput,
} from '@/lib/schemas/coordination';
import type { EventFormat } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { assertCan, type Actor } from '@/lib/policy';
import { changedFields, writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/index';
import { actionItems, coordinationGroups, groupMembers, meetingAttendance, meetings } from '@/db/schema';
import { assertRecordId, conflictWith, invalid, updater } from '../_shared/records';
import { liveRecords } from '../_shared/scope';
import { restore, softDelete, type SoftDeleteRegister } from '../_shared/soft-delete';
import { applyFollowUps, insertActionItems, syncRaisedItems, type MeetingRef } from './action-items';
import { liveGroupsFor, meetingRecords, refuseGroupChange, refuseMeetingChange } from './scope';

// A meeting of a coordination group: its record, attendance, the action items raised there and
// the follow-up of earlier ones, all saved together under the meeting's version. Reading a meeting
// is in ./meeting-detail, the lists in ./meeting-list.

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
export async function loadMeeting(db: Db | Tx, where: SQL, lock = false) {
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

function timesOf(input: { date: string; startTime: string; endTime: string }): { startsAt: Date; endsAt: Date } {
  const startsAt = stockholmToInstant(input.date, input.startTime);
  const endsAt = stockholmToInstant(input.date, input.endTime);
  if (endsAt.getTime() <= startsAt.getTime()) throw invalid('endTime', 'validation.endBeforeStart');
  return { startsAt, endsAt };
}

/** Record a meeting of a group: attendance, action items raised and the follow-up of earlier ones. */
export async function createMeeting(actor: Actor, input: MeetingOutput): Promise<{ id: string }> {
  assertCan(actor, 'coordination.write');
  assertRecordId(input.groupId, 'group');
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The group's row lock (shared) keeps its members from changing under the meeting.
    const [group] = await tx
      .select({ id: coordinationGroups.id, countyCode: coordinationGroups.countyCode })
      .from(coordinationGroups)
      .where(and(eq(coordinationGroups.id, input.groupId), liveGroupsFor(actor, 'coordination.write')))
      .for('share');
    if (!group) throw await refuseGroupChange(tx, actor, input.groupId, 'write meetings of');
    if (input.actionItems.some((a) => a.id)) throw invalid('actionItems', 'validation.actionItemUnknown');
    checkMembers(await membersOf(tx, group.id), input, { attendees: new Set(), responsible: new Map() });
    const { startsAt, endsAt } = timesOf(input);
    const values = meetingValues(input);

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
    await insertAttendance(tx, meeting, values.attendees);
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

type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

const meetingConflict = (current: LoadedMeeting) => conflictWith('meeting', current);

async function insertAttendance(tx: Tx, meeting: MeetingRef, attendees: readonly string[]): Promise<void> {
  if (attendees.length > 0)
    await tx
      .insert(meetingAttendance)
      .values(attendees.map((memberId) => ({ meetingId: meeting.id, groupId: meeting.groupId, memberId })));
}

/**
 * Save an edit of a meeting: its fields, attendance, the action items raised there (added,
 * changed, removed) and the follow-up of earlier items. One version guards it all: a change made
 * meanwhile by someone else gives 'conflict' and nothing is saved.
 */
export async function updateMeeting(actor: Actor, input: MeetingEditOutput): Promise<{ id: string; version: number }> {
  assertCan(actor, 'coordination.write');
  assertRecordId(input.id, 'meeting');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveRecords(actor, meetingRecords, 'coordination.write');
    const current = await loadMeeting(tx, and(eq(meetings.id, input.id), scope)!, true);
    if (!current) throw await refuseMeetingChange(tx, actor, input.id, 'write');
    if (current.values.version !== input.version) throw meetingConflict(current);
    if (current.values.groupId !== input.groupId) throw invalid('groupId', 'validation.groupImmutable');
    const { row } = current;
    const removed = checkRaisedItems(current, input);
    checkMembers(await membersOf(tx, row.groupId), input, {
      attendees: new Set(current.values.attendees),
      responsible: new Map(current.raised.map((r) => [r.id, r.responsibleMemberId])),
    });
    const { startsAt, endsAt } = timesOf(input);

    const before = meetingValues(current.values);
    const after = meetingValues(input);
    const changes: Record<string, unknown> = changedFields(
      { ...before, actionItems: null },
      { ...after, actionItems: null },
    );
    const meeting = { id: input.id, groupId: row.groupId, countyCode: row.countyCode, startsAt, date: input.date };
    const items = await syncRaisedItems(tx, actor, meeting, current.raised, after.actionItems, removed);
    const followUps = await applyFollowUps(tx, actor, meeting, input.followUps);
    if (items.added + items.changed + items.removed > 0 || items.reordered) changes.actionItems = items;
    if (followUps.length > 0) changes.followUps = followUps;
    if (Object.keys(changes).length === 0) return { id: input.id, version: row.version };

    const version = await saveMeeting(tx, actor, current, after, { startsAt, endsAt });
    if ('attendees' in changes) {
      await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, input.id));
      await insertAttendance(tx, meeting, after.attendees);
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: input.id,
      countyCode: row.countyCode,
      changes,
    });
    return { id: input.id, version };
  });
}

/**
 * The items of the form against those raised at the meeting: each kept one must be one of them at
 * the version the form showed; one closed at a later meeting cannot be removed. Gives the removed ones.
 */
function checkRaisedItems(current: LoadedMeeting, input: MeetingEditOutput): LoadedMeeting['raised'] {
  const existing = new Map(current.raised.map((r) => [r.id, r]));
  input.actionItems.forEach((item, i) => {
    if (item.id === null) return;
    const found = existing.get(item.id);
    if (!found) throw invalid(`actionItems.${i}.description`, 'validation.actionItemUnknown');
    if (item.version !== found.version) {
      throw new AppError('conflict', 'action item changed since it was loaded', {
        actionItemId: found.id,
        current: current.values,
        updatedAt: current.row.updatedAt.toISOString(),
        updatedBy: current.row.updatedByName,
      });
    }
  });
  const keptIds = new Set(input.actionItems.map((a) => a.id).filter(Boolean) as string[]);
  const removed = current.raised.filter((r) => !keptIds.has(r.id));
  if (removed.some((r) => r.closedMeetingId !== null))
    throw invalid('actionItems', 'validation.actionItemClosedElsewhere');
  return removed;
}

/** The meeting's own fields, at the version the form showed; gives the new version. */
async function saveMeeting(
  tx: Tx,
  actor: Actor,
  current: LoadedMeeting,
  after: MeetingValues,
  times: { startsAt: Date; endsAt: Date },
): Promise<number> {
  const [updated] = await tx
    .update(meetings)
    .set({
      ...times,
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
    .where(and(eq(meetings.id, current.row.id), eq(meetings.version, current.row.version)))
    .returning({ version: meetings.version });
  if (!updated) throw meetingConflict(current);
  return updated.version;
}

const meetingRegister: SoftDeleteRegister<LoadedMeeting> = {
  table: meetings,
  entityType: 'meeting',
  what: 'meeting',
  scope: meetingRecords,
  lock: (tx, where) => loadMeeting(tx, where, true),
  conflict: meetingConflict,
  deleteChanges: (row) => ({ group: row.groupName, startsAt: row.startsAt.toISOString() }),
  restoreChanges: () => undefined,
  refuse: (tx, actor, id) => refuseMeetingChange(tx, actor, id, 'delete'),
};

/** Soft delete of a meeting: it and the action items raised there leave every list. Items it closed stay closed. */
export async function deleteMeeting(
  actor: Actor,
  input: { id: string; version: number },
): Promise<{ id: string; groupId: string }> {
  const { row } = await softDelete(meetingRegister, actor, input);
  return { id: input.id, groupId: row.groupId };
}

export async function restoreMeeting(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  return restore(meetingRegister, actor, input);
}
