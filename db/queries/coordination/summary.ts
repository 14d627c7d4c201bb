import 'server-only';
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { todayInStockholm } from '@/lib/forms/fields';
import { PENDING_ACTION_ITEM_STATUSES } from '@/lib/enums';
import { assertCan, type Actor } from '@/lib/policy';
import { getDb } from '@/db/index';
import { actionItems, coordinationGroups, meetings } from '@/db/schema';
import { pickedCounties } from '../_shared/scope';
import { selectActionItems, type ActionItemView } from './action-item-list';
import { meetingListColumns, type MeetingListRow } from './meeting-list';
import { groupRecords } from './scope';

// The start page's coordination summary.

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
  const scope = and(isNull(coordinationGroups.deletedAt), pickedCounties(actor, groupRecords, undefined))!;
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
