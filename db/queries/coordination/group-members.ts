import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { MemberOutput } from '@/lib/schemas/coordination';
import type { MemberOrganisationType } from '@/lib/enums';
import type { Tx } from '@/db/index';
import { actionItems, groupMembers, meetingAttendance } from '@/db/schema';
import { rowsOf } from '@/db/rows';

// A group's member organisations: what the form edits, what the audit log shows, and how an edit
// is written back.

export type MemberValues = {
  id: string | null;
  organisationType: MemberOrganisationType;
  organisationName: string;
  contactFunction: string | null;
};
export type MemberView = MemberValues & { id: string; removed: boolean };

export function memberValues(m: MemberOutput | MemberValues): MemberValues {
  return {
    id: m.id ?? null,
    organisationType: m.organisationType,
    organisationName: m.organisationName,
    contactFunction: m.contactFunction ?? null,
  };
}

/** Members as the audit log shows them: what they are, not their ids. */
export const memberSummary = (members: readonly MemberValues[]) =>
  members.map(({ organisationType, organisationName, contactFunction }) => ({
    organisationType,
    organisationName,
    contactFunction,
  }));

/** Of the members `ids`, those that attendance or action items refer to. */
async function referencedMembers(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const result = await tx.execute(sql`
    select m.id from ${groupMembers} m
    where m.id in (${sql.join(
      ids.map((g) => sql`${g}::uuid`),
      sql`, `,
    )})
      and (exists (select 1 from ${meetingAttendance} a where a.member_id = m.id)
        or exists (select 1 from ${actionItems} i where i.responsible_member_id = m.id))`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Members left out of the form: deleted when nothing refers to them, otherwise marked removed. */
async function removeMembers(tx: Tx, groupId: string, gone: readonly string[]): Promise<void> {
  if (gone.length === 0) return;
  const referenced = await referencedMembers(tx, gone);
  const unreferenced = gone.filter((g) => !referenced.includes(g));
  if (referenced.length > 0)
    await tx
      .update(groupMembers)
      .set({ removedAt: sql`now()` })
      .where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.id, referenced)));
  if (unreferenced.length > 0)
    await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.id, unreferenced)));
}

/**
 * Members in the form's order: existing ones (by id) are updated and moved, new ones inserted,
 * and those left out are removed: deleted when nothing refers to them, otherwise marked removed
 * so that past attendance and action items keep their organisation.
 */
export async function syncMembers(
  tx: Tx,
  groupId: string,
  before: readonly MemberValues[],
  after: readonly MemberValues[],
): Promise<void> {
  const keep = new Set(after.map((m) => m.id).filter(Boolean) as string[]);
  await removeMembers(
    tx,
    groupId,
    before.filter((m) => !keep.has(m.id!)).map((m) => m.id!),
  );
  const previous = new Map(before.map((m, position) => [m.id!, { ...m, position }]));
  for (const [position, m] of after.entries()) {
    const fields = {
      position,
      organisationType: m.organisationType,
      organisationName: m.organisationName,
      contactFunction: m.contactFunction,
    };
    if (!m.id) {
      await tx.insert(groupMembers).values({ groupId, ...fields });
      continue;
    }
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
      .set(fields)
      .where(and(eq(groupMembers.id, m.id), eq(groupMembers.groupId, groupId)));
  }
}
