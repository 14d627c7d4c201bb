import 'server-only';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { AppError } from '@/lib/errors';
import { type Action, type Actor } from '@/lib/policy';
import type { Db, Tx } from '@/db/index';
import { coordinationGroups, groupCounties, meetings } from '@/db/schema';
import { notFound } from '../_shared/records';
import { countyIn, liveRecords, readableRecords, type CountyScope, type RecordScope } from '../_shared/scope';

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

// Spelled out in raw SQL: drizzle renders a column unqualified in the select list of a one-table
// query, where inside a subquery "id" would silently name the subquery's own id.
export const GROUP_ID = sql.raw('"coordination_groups"."id"');
export const MEETING_ID = sql.raw('"meetings"."id"');

/** Groups whose home county is in the scope. */
function homeIn(scope: CountyScope): SQL {
  return countyIn(coordinationGroups.countyCode, scope);
}

function participatesIn(scope: CountyScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`exists (select 1 from ${groupCounties} where ${groupCounties.groupId} = ${GROUP_ID} and ${inArray(groupCounties.countyCode, [...scope])})`;
}

/** Groups whose home county or one of whose participating counties is in the scope. */
export function groupInvolves(scope: CountyScope): SQL {
  if (scope === 'all' || scope.length === 0) return homeIn(scope);
  return or(homeIn(scope), participatesIn(scope))!;
}

const actions = { read: 'coordination.read', delete: 'coordination.delete' } as const;

export const groupRecords: RecordScope = {
  ...actions,
  deletedAt: coordinationGroups.deletedAt,
  readIn: groupInvolves,
  ownedIn: homeIn,
};

/** Meetings belong to their group: they are there while it is, in its counties. */
export const meetingRecords: RecordScope = {
  ...actions,
  deletedAt: meetings.deletedAt,
  readIn: groupInvolves,
  ownedIn: homeIn,
  requires: isNull(coordinationGroups.deletedAt),
};

/** Live groups whose home county is in the scope of an action: what manage, meeting writes and delete may touch. */
export function liveGroupsFor(actor: Actor, action: Action): SQL {
  return liveRecords(actor, groupRecords, action);
}

/**
 * A change that found nothing: 'forbidden' when the actor reads the record (they see it, and may
 * not do this), 'not_found' when it is not there for them.
 */
export async function refuseGroupChange(db: Db | Tx, actor: Actor, id: string, verb: string): Promise<AppError> {
  const [row] = await db
    .select({ id: coordinationGroups.id })
    .from(coordinationGroups)
    .where(and(eq(coordinationGroups.id, id), readableRecords(actor, groupRecords)))
    .limit(1);
  return row ? new AppError('forbidden', `may not ${verb} this group`) : notFound('group');
}

export async function refuseMeetingChange(db: Db | Tx, actor: Actor, id: string, verb: string): Promise<AppError> {
  const [row] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(coordinationGroups, eq(coordinationGroups.id, meetings.groupId))
    .where(and(eq(meetings.id, id), readableRecords(actor, meetingRecords)))
    .limit(1);
  return row ? new AppError('forbidden', `may not ${verb} this meeting`) : notFound('meeting');
}
