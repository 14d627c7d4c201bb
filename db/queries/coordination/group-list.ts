import 'server-only';
import { and, asc, gte, isNull, lt, lte, or, sql, eq } from 'drizzle-orm';
import type { GroupFilterOutput } from '@/lib/schemas/coordination';
import { todayInStockholm } from '@/lib/forms/fields';
import type { GroupKind } from '@/lib/enums';
import { assertCan, countyScope, type Actor } from '@/lib/policy';
import { getDb } from '@/db/index';
import { actionItems, coordinationGroups, groupCounties, groupMembers, meetings } from '@/db/schema';
import { listedRecords } from '../_shared/scope';
import { GROUP_ID, groupInvolves, groupRecords, liveGroupsFor } from './scope';
import { PAGE_SIZE, pageOf, type Page } from './shared';

// The list of groups and the groups to choose from in other forms and filters.

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

export async function listGroupsForActor(
  actor: Actor,
  filter: Partial<GroupFilterOutput> = {},
): Promise<Page<GroupListRow>> {
  assertCan(actor, 'coordination.read');
  const db = await getDb();
  const today = todayInStockholm();
  const where = and(
    listedRecords(actor, groupRecords, filter),
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
