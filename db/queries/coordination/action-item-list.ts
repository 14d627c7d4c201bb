import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ActionItemFilterOutput } from '@/lib/schemas/coordination';
import { todayInStockholm } from '@/lib/forms/fields';
import { PENDING_ACTION_ITEM_STATUSES, type ActionItemStatus, type MemberOrganisationType } from '@/lib/enums';
import { assertCan, type Actor } from '@/lib/policy';
import { getDb, type Db, type Tx } from '@/db/index';
import { actionItems, coordinationGroups, groupMembers, meetings } from '@/db/schema';
import { auditedExport } from '../_shared/export';
import { pickedCounties } from '../_shared/scope';
import { groupRecords } from './scope';
import { EXPORT_CAP, PAGE_SIZE, pageOf, type Page } from './shared';

// Action items as pages list them: a group's pending ones, a meeting's, and the list across groups.

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

const responsible = alias(groupMembers, 'responsible');
const closer = alias(meetings, 'closer');

/** Action items (with their group, responsible member and meetings) of live meetings of live groups, filtered by `where`. */
export async function selectActionItems(
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

function actionItemConditions(actor: Actor, filter: Partial<ActionItemFilterOutput>): SQL {
  const today = todayInStockholm();
  const status = filter.status ?? 'pending';
  return and(
    pickedCounties(actor, groupRecords, filter.county),
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
  return auditedExport(
    db,
    actor,
    { entityType: 'action_item', filter: { ...filter, page: undefined }, cap: EXPORT_CAP },
    fetched,
  );
}
