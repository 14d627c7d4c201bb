import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isPending, type FollowUpOutput } from '@/lib/schemas/coordination';
import type { ActionItemStatus } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';
import { changedFields, writeAudit } from '@/db/audit';
import type { Tx } from '@/db/index';
import { actionItems, meetings } from '@/db/schema';
import { invalid } from '../_shared/records';

// Action items are written from the meeting that raises them (added, changed, removed with its
// minutes) and followed up at later meetings of the group. Each change has its own audit row.
// The lists of action items are in ./action-item-list.

/** The meeting an action item is written from. */
export type MeetingRef = { id: string; groupId: string; countyCode: string; startsAt: Date; date: string };

type NewItem = { description: string; responsibleMemberId: string; dueOn: string; position: number };

/** An item raised at the meeting, as it is stored (and row-locked while the meeting changes). */
type RaisedItem = {
  id: string;
  version: number;
  description: string;
  responsibleMemberId: string;
  dueOn: string;
  closedMeetingId: string | null;
};

/** An item of the edited form: an id for an item raised here before, null for a new one. */
type FormItem = { id: string | null; description: string; responsibleMemberId: string; dueOn: string };

export async function insertActionItems(tx: Tx, actor: Actor, meeting: MeetingRef, items: readonly NewItem[]) {
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

/**
 * The items raised at a meeting after an edit of its form, in the form's order: `removed` are
 * deleted, kept ones changed or moved, new ones added. What changed, for the meeting's audit row.
 */
export async function syncRaisedItems(
  tx: Tx,
  actor: Actor,
  meeting: MeetingRef,
  raised: readonly RaisedItem[],
  items: readonly FormItem[],
  removed: readonly RaisedItem[],
): Promise<{ added: number; changed: number; removed: number; reordered: boolean }> {
  await deleteRaisedItems(tx, actor, meeting, removed);
  const existing = new Map(raised.map((r) => [r.id, r]));
  const added: NewItem[] = [];
  let changed = 0;
  for (const [position, item] of items.entries()) {
    if (item.id === null) {
      added.push({ ...item, position });
      continue;
    }
    const moved = raised.findIndex((r) => r.id === item.id) !== position;
    if (await updateRaisedItem(tx, actor, meeting, existing.get(item.id)!, { ...item, id: item.id, position }, moved))
      changed += 1;
  }
  // Positions of kept items may collide with new ones only in order, never in value: new ones come after in the form's order.
  const created = await insertActionItems(tx, actor, meeting, added);
  const keptIds = new Set(items.map((a) => a.id).filter(Boolean) as string[]);
  const reordered =
    JSON.stringify(raised.filter((r) => keptIds.has(r.id)).map((r) => r.id)) !==
    JSON.stringify(items.filter((a) => a.id).map((a) => a.id));
  return { added: created.length, changed, removed: removed.length, reordered };
}

async function deleteRaisedItems(
  tx: Tx,
  actor: Actor,
  meeting: MeetingRef,
  removed: readonly RaisedItem[],
): Promise<void> {
  if (removed.length === 0) return;
  await tx.delete(actionItems).where(
    and(
      eq(actionItems.raisedMeetingId, meeting.id),
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
      countyCode: meeting.countyCode,
      changes: { description: r.description, meetingId: meeting.id },
    });
  }
}

/** Write a kept item when it changed or moved; a change (not a move) counts as a new version. Did it change? */
async function updateRaisedItem(
  tx: Tx,
  actor: Actor,
  meeting: MeetingRef,
  old: RaisedItem,
  item: FormItem & { id: string; position: number },
  moved: boolean,
): Promise<boolean> {
  const diff = changedFields(
    { description: old.description, responsibleMemberId: old.responsibleMemberId, dueOn: old.dueOn },
    { description: item.description, responsibleMemberId: item.responsibleMemberId, dueOn: item.dueOn },
  );
  const changed = Object.keys(diff).length > 0;
  if (!changed && !moved) return false;
  await tx
    .update(actionItems)
    .set({
      position: item.position,
      description: item.description,
      responsibleMemberId: item.responsibleMemberId,
      dueOn: item.dueOn,
      ...(changed ? { version: sql`${actionItems.version} + 1`, updatedBy: actor.id, updatedAt: sql`now()` } : {}),
    })
    .where(and(eq(actionItems.id, item.id), eq(actionItems.raisedMeetingId, meeting.id)));
  if (changed) {
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'action_item.update',
      entityType: 'action_item',
      entityId: item.id,
      countyCode: meeting.countyCode,
      changes: { ...diff, meetingId: meeting.id },
    });
  }
  return changed;
}

type FollowUpChange = { id: string; description: string; from: ActionItemStatus; to: ActionItemStatus };

/**
 * Follow up earlier action items at this meeting: set their status; done or dropped closes them
 * here, anything else reopens an item closed here. Only items raised at an earlier meeting of the
 * same group (or closed at this one) may change; each carries the version the form showed.
 */
export async function applyFollowUps(
  tx: Tx,
  actor: Actor,
  meeting: MeetingRef,
  followUps: readonly FollowUpOutput[],
): Promise<FollowUpChange[]> {
  if (followUps.length === 0) return [];
  const rows = await lockFollowedUp(
    tx,
    meeting.groupId,
    followUps.map((f) => f.id),
  );
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

/** The items to follow up, of live meetings of the group, row-locked. */
async function lockFollowedUp(tx: Tx, groupId: string, ids: readonly string[]) {
  return tx
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
    .where(and(eq(actionItems.groupId, groupId), inArray(actionItems.id, [...ids])))
    .for('update', { of: actionItems });
}
