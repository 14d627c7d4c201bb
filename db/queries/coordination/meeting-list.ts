import 'server-only';
import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { stockholmToInstant, type MeetingFilterOutput } from '@/lib/schemas/coordination';
import type { EventFormat } from '@/lib/enums';
import { assertCan, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/index';
import { actionItems, coordinationGroups, groupMembers, meetingAttendance, meetings } from '@/db/schema';
import { assertRecordId, notFound } from '../_shared/records';
import { auditedExport } from '../_shared/export';
import { listedRecords, readableRecords } from '../_shared/scope';
import { groupRecords, MEETING_ID, meetingRecords } from './scope';
import { EXPORT_CAP, PAGE_SIZE, pageOf, type Page } from './shared';

// Meetings in lists: a group's page, the list of meetings, its export and a group's calendar.

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

export async function selectMeetingSummaries(db: Db | Tx, where: SQL): Promise<MeetingSummary[]> {
  const rows = await db
    .select(meetingSummaryColumns)
    .from(meetings)
    .where(where)
    .orderBy(desc(meetings.startsAt), desc(meetings.id));
  return rows.map((r) => ({ ...r, attendeeCount: Number(r.attendeeCount), raisedCount: Number(r.raisedCount) }));
}

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
  return and(
    listedRecords(actor, meetingRecords, filter),
    filter.group ? eq(meetings.groupId, filter.group) : undefined,
    filter.format ? eq(meetings.format, filter.format) : undefined,
    ...periodConditions(meetings.startsAt, filter.from, filter.to),
  )!;
}

export const meetingListColumns = {
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
  const rows = fetched.map((r) => ({
    ...r,
    attendeeCount: Number(r.attendeeCount),
    raisedCount: Number(r.raisedCount),
    closedCount: Number(r.closedCount),
  }));
  return auditedExport(
    db,
    actor,
    { entityType: 'meeting', filter: { ...filter, page: undefined }, cap: EXPORT_CAP },
    rows,
  );
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
  assertRecordId(groupId, 'group');
  const db = await getDb();
  const [group] = await db
    .select({ id: coordinationGroups.id, name: coordinationGroups.name, countyCode: coordinationGroups.countyCode })
    .from(coordinationGroups)
    .where(
      and(
        eq(coordinationGroups.id, groupId),
        readableRecords(actor, groupRecords),
        isNull(coordinationGroups.deletedAt),
      ),
    );
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
