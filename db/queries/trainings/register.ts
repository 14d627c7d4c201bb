import 'server-only';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { TrainingEditOutput, TrainingOutput } from '@/lib/schemas/trainings';
import { TRAINING_AUDIENCES, TRAINING_THEMES, type TrainingAudience } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { assertCan, can, type Actor } from '@/lib/policy';
import { changedFields, writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/index';
import { coordinationGroups, counties, trainingParticipants, trainings } from '@/db/schema';
import { listHistory, type HistoryEntry } from '../_shared/history';
import {
  assertCountiesExist,
  assertRecordId,
  byListOrder,
  conflictWith,
  countyFixed,
  creator,
  deleter,
  notFound,
  updater,
} from '../_shared/records';
import { countyRecords, liveRecords, readableRecords } from '../_shared/scope';
import { restore, softDelete, type SoftDeleteRegister } from '../_shared/soft-delete';
import { groupInvolves } from '../coordination/scope';

// Every write and the detail of the training register. A training belongs to its organising
// county: that county's staff and coordinator register and edit it (training.write), its
// coordinator deletes and restores it (training.delete); the national coordinator works in every
// county. Another county's training is not found. The total of participants is always the sum of
// the rows per audience, computed where it is read. The list and its export are in ./list.

export const trainingRecords = countyRecords(trainings.countyCode, trainings.deletedAt, {
  read: 'training.read',
  delete: 'training.delete',
});

export type ParticipantRow = { audience: TrainingAudience; participants: number };

type TrainingValues = Omit<TrainingOutput, 'countyCode'>;

/** The editable fields in a fixed key order (audit diffs, conflict details). */
function trainingValues(v: TrainingValues): TrainingValues {
  return {
    organiser: v.organiser,
    title: v.title,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    format: v.format,
    hours: Number(v.hours),
    themes: [...v.themes].sort(byListOrder(TRAINING_THEMES)),
    participants: [...v.participants]
      .map((p) => ({ audience: p.audience, participants: p.participants }))
      .sort((a, b) => byListOrder(TRAINING_AUDIENCES)(a.audience, b.audience)),
    evaluation: v.evaluation === null || v.evaluation === undefined ? null : Number(v.evaluation),
    groupId: v.groupId ?? null,
    description: v.description ?? null,
  };
}

export const total = (rows: readonly ParticipantRow[]) => rows.reduce((sum, r) => sum + r.participants, 0);

const trainingColumns = {
  id: trainings.id,
  version: trainings.version,
  countyCode: trainings.countyCode,
  organiser: trainings.organiser,
  title: trainings.title,
  startsOn: trainings.startsOn,
  endsOn: trainings.endsOn,
  format: trainings.format,
  hours: trainings.hours,
  themes: trainings.themes,
  evaluation: trainings.evaluation,
  groupId: trainings.groupId,
  description: trainings.description,
  createdAt: trainings.createdAt,
  updatedAt: trainings.updatedAt,
  deletedAt: trainings.deletedAt,
};

async function loadTraining(db: Db | Tx, where: SQL, lock = false) {
  const query = db
    .select({ ...trainingColumns, updatedByName: updater.displayName })
    .from(trainings)
    .leftJoin(updater, eq(updater.id, trainings.updatedBy))
    .where(where)
    .limit(1);
  const [row] = await (lock ? query.for('update', { of: trainings }) : query);
  if (!row) return null;
  const participants = await db
    .select({ audience: trainingParticipants.audience, participants: trainingParticipants.participants })
    .from(trainingParticipants)
    .where(eq(trainingParticipants.trainingId, row.id));
  const values: TrainingEditOutput = {
    id: row.id,
    version: row.version,
    countyCode: row.countyCode,
    ...trainingValues({ ...row, participants }),
  };
  return { row, values };
}

type LoadedTraining = NonNullable<Awaited<ReturnType<typeof loadTraining>>>;

const trainingConflict = (current: LoadedTraining) => conflictWith('training', current);

/**
 * A linked group must be a live group the organising county runs or takes part in (so every reader
 * of the training may open the group too).
 */
async function assertGroupLinkable(tx: Tx, countyCode: string, groupId: string | null): Promise<void> {
  if (!groupId) return;
  const [found] = await tx
    .select({ id: coordinationGroups.id })
    .from(coordinationGroups)
    .where(and(eq(coordinationGroups.id, groupId), isNull(coordinationGroups.deletedAt), groupInvolves([countyCode])))
    .limit(1);
  if (!found)
    throw new AppError('invalid', 'group_unavailable', { field: 'groupId', message: 'validation.groupUnavailable' });
}

export async function createTraining(actor: Actor, input: TrainingOutput): Promise<{ id: string }> {
  assertCan(actor, 'training.write', input.countyCode);
  const db = await getDb();
  const values = trainingValues(input);
  return db.transaction(async (tx) => {
    await assertCountiesExist(tx, [input.countyCode], 'countyCode');
    await assertGroupLinkable(tx, input.countyCode, values.groupId);
    const [created] = await tx
      .insert(trainings)
      .values({
        countyCode: input.countyCode,
        organiser: values.organiser,
        title: values.title,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        format: values.format,
        hours: values.hours,
        themes: values.themes,
        evaluation: values.evaluation,
        groupId: values.groupId,
        description: values.description,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning({ id: trainings.id });
    const id = created!.id;
    await tx.insert(trainingParticipants).values(values.participants.map((p) => ({ trainingId: id, ...p })));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'training.create',
      entityType: 'training',
      entityId: id,
      countyCode: input.countyCode,
      changes: { countyCode: input.countyCode, ...values, total: total(values.participants) },
    });
    return { id };
  });
}

export type TrainingDetail = TrainingEditOutput & {
  county: { code: string; nameSv: string; nameEn: string };
  total: number;
  group: { id: string; name: string } | null;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  deletedAt: Date | null;
  deletedByName: string | null;
  history: HistoryEntry[];
  permissions: { update: boolean; delete: boolean; restore: boolean };
};

export async function getTrainingForActor(actor: Actor, id: string): Promise<TrainingDetail> {
  assertCan(actor, 'training.read');
  assertRecordId(id, 'training');
  const db = await getDb();
  const loaded = await loadTraining(db, and(eq(trainings.id, id), readableRecords(actor, trainingRecords))!);
  if (!loaded) throw notFound('training');
  const { row, values } = loaded;
  const [[meta], history] = await Promise.all([
    db
      .select({
        countyNameSv: counties.nameSv,
        countyNameEn: counties.nameEn,
        createdByName: creator.displayName,
        deletedByName: deleter.displayName,
        groupName: coordinationGroups.name,
      })
      .from(trainings)
      .innerJoin(counties, eq(counties.code, trainings.countyCode))
      .leftJoin(creator, eq(creator.id, trainings.createdBy))
      .leftJoin(deleter, eq(deleter.id, trainings.deletedBy))
      .leftJoin(coordinationGroups, eq(coordinationGroups.id, trainings.groupId))
      .where(eq(trainings.id, id)),
    listHistory(db, 'training', id),
  ]);
  if (!meta) throw notFound('training');
  const live = row.deletedAt === null;
  const mayDelete = can(actor, 'training.delete', row.countyCode);
  return {
    ...values,
    county: { code: row.countyCode, nameSv: meta.countyNameSv, nameEn: meta.countyNameEn },
    total: total(values.participants),
    group: values.groupId && meta.groupName ? { id: values.groupId, name: meta.groupName } : null,
    createdAt: row.createdAt,
    createdByName: meta.createdByName,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    deletedAt: row.deletedAt,
    deletedByName: meta.deletedByName,
    history,
    permissions: {
      update: live && can(actor, 'training.write', row.countyCode),
      delete: live && mayDelete,
      restore: !live && mayDelete,
    },
  };
}

export async function updateTraining(
  actor: Actor,
  input: TrainingEditOutput,
): Promise<{ id: string; version: number }> {
  assertCan(actor, 'training.write');
  assertRecordId(input.id, 'training');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveRecords(actor, trainingRecords, 'training.write');
    const current = await loadTraining(tx, and(eq(trainings.id, input.id), scope)!, true);
    if (!current) throw notFound('training');
    if (current.values.version !== input.version) throw trainingConflict(current);
    if (current.values.countyCode !== input.countyCode) throw countyFixed();

    const before = trainingValues(current.values);
    const after = trainingValues(input);
    const changes: Record<string, unknown> = changedFields(before, after);
    if (Object.keys(changes).length === 0) return { id: input.id, version: current.values.version };
    if ('groupId' in changes) await assertGroupLinkable(tx, current.row.countyCode, after.groupId);
    if ('participants' in changes) changes.total = { from: total(before.participants), to: total(after.participants) };

    const [updated] = await tx
      .update(trainings)
      .set({
        organiser: after.organiser,
        title: after.title,
        startsOn: after.startsOn,
        endsOn: after.endsOn,
        format: after.format,
        hours: after.hours,
        themes: after.themes,
        evaluation: after.evaluation,
        groupId: after.groupId,
        description: after.description,
        version: sql`${trainings.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(trainings.id, input.id), eq(trainings.version, input.version), scope))
      .returning({ version: trainings.version });
    if (!updated) throw trainingConflict(current);
    if ('participants' in changes) {
      await tx.delete(trainingParticipants).where(eq(trainingParticipants.trainingId, input.id));
      await tx.insert(trainingParticipants).values(after.participants.map((p) => ({ trainingId: input.id, ...p })));
    }
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'training.update',
      entityType: 'training',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes,
    });
    return { id: input.id, version: updated.version };
  });
}

const trainingRegister: SoftDeleteRegister<LoadedTraining> = {
  table: trainings,
  entityType: 'training',
  what: 'training',
  scope: trainingRecords,
  lock: (tx, where) => loadTraining(tx, where, true),
  conflict: trainingConflict,
  deleteChanges: (row) => ({ title: row.title }),
  restoreChanges: (row) => ({ title: row.title }),
};

export async function deleteTraining(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  await softDelete(trainingRegister, actor, input);
  return { id: input.id };
}

export async function restoreTraining(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  return restore(trainingRegister, actor, input);
}
