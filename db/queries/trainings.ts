import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TrainingEditOutput, TrainingFilterOutput, TrainingOutput } from '@/lib/schemas/trainings';
import { UUID_PATTERN } from '@/lib/forms/fields';
import { changedFields, writeAudit } from '../audit';
import {
  TRAINING_AUDIENCES,
  TRAINING_THEMES,
  type EventFormat,
  type TrainingAudience,
  type TrainingOrganiser,
  type TrainingTheme,
} from '../../lib/enums';
import { AppError } from '../../lib/errors';
import { getDb, type Db, type Tx } from '../index';
import { assertCan, can, countyScope, type Action, type Actor } from '../../lib/policy';
import {
  auditLog,
  coordinationGroups,
  counties,
  groupCounties,
  trainingParticipants,
  trainings,
  users,
} from '../schema';

// Every read and write of the training register. A training belongs to its organising county:
// that county's staff and coordinator register and edit it (training.write), its coordinator
// deletes and restores it (training.delete); the national coordinator works in every county.
// Another county's training is not found. The total of participants is always the sum of the
// rows per audience, computed where it is read.

type Scope = 'all' | readonly string[];

// Spelled out in raw SQL: drizzle renders a column unqualified in the select list of a one-table
// query, where inside a subquery "id" would silently name the subquery's own id.
const TRAINING_ID = sql.raw('"trainings"."id"');
const GROUP_ID = sql.raw('"coordination_groups"."id"');

function inCounties(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(trainings.countyCode, [...scope]);
}

function readableTrainings(actor: Actor): SQL {
  return and(
    inCounties(countyScope(actor, 'training.read')),
    or(isNull(trainings.deletedAt), inCounties(countyScope(actor, 'training.delete'))),
  )!;
}

function liveTrainingsFor(actor: Actor, action: Action): SQL {
  return and(inCounties(countyScope(actor, action)), isNull(trainings.deletedAt))!;
}

function notFound(): AppError {
  return new AppError('not_found', 'training not found');
}

function assertTrainingId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) throw notFound();
}

const byListOrder =
  <T extends string>(list: readonly T[]) =>
  (a: T, b: T) =>
    list.indexOf(a) - list.indexOf(b);

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

const total = (rows: readonly ParticipantRow[]) => rows.reduce((sum, r) => sum + r.participants, 0);

const updater = alias(users, 'updater');
const creator = alias(users, 'creator');
const deleter = alias(users, 'deleter');

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

function conflict(current: LoadedTraining): AppError {
  return new AppError('conflict', 'training changed since it was loaded', {
    current: current.values,
    updatedAt: current.row.updatedAt.toISOString(),
    updatedBy: current.row.updatedByName ?? null,
  });
}

/**
 * A linked group must be a live group the organising county runs or takes part in (so every reader
 * of the training may open the group too).
 */
async function assertGroupLinkable(tx: Tx, countyCode: string, groupId: string | null): Promise<void> {
  if (!groupId) return;
  const [found] = await tx
    .select({ id: coordinationGroups.id })
    .from(coordinationGroups)
    .where(
      and(
        eq(coordinationGroups.id, groupId),
        isNull(coordinationGroups.deletedAt),
        or(
          eq(coordinationGroups.countyCode, countyCode),
          sql`exists (select 1 from ${groupCounties} where ${groupCounties.groupId} = ${GROUP_ID} and ${groupCounties.countyCode} = ${countyCode})`,
        ),
      ),
    )
    .limit(1);
  if (!found)
    throw new AppError('invalid', 'group_unavailable', { field: 'groupId', message: 'validation.groupUnavailable' });
}

export async function createTraining(actor: Actor, input: TrainingOutput): Promise<{ id: string }> {
  assertCan(actor, 'training.write', input.countyCode);
  const db = await getDb();
  const values = trainingValues(input);
  return db.transaction(async (tx) => {
    const [county] = await tx.select({ code: counties.code }).from(counties).where(eq(counties.code, input.countyCode));
    if (!county) throw new AppError('invalid', 'unknown county', { field: 'countyCode', message: 'validation.county' });
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

export type TrainingHistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  changes: Record<string, unknown> | null;
};

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
  history: TrainingHistoryEntry[];
  permissions: { update: boolean; delete: boolean; restore: boolean };
};

export async function getTrainingForActor(actor: Actor, id: string): Promise<TrainingDetail> {
  assertCan(actor, 'training.read');
  assertTrainingId(id);
  const db = await getDb();
  const loaded = await loadTraining(db, and(eq(trainings.id, id), readableTrainings(actor))!);
  if (!loaded) throw notFound();
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
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorName: users.displayName,
        changes: auditLog.changes,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(eq(auditLog.entityType, 'training'), eq(auditLog.entityId, id)))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(200),
  ]);
  if (!meta) throw notFound();
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
  assertTrainingId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveTrainingsFor(actor, 'training.write');
    const current = await loadTraining(tx, and(eq(trainings.id, input.id), scope)!, true);
    if (!current) throw notFound();
    if (current.values.version !== input.version) throw conflict(current);
    if (current.values.countyCode !== input.countyCode)
      throw new AppError('invalid', 'county_immutable', { field: 'countyCode', message: 'validation.countyFixed' });

    const { id: _id, version: _version, countyCode: _county, ...beforeValues } = current.values;
    void _id;
    void _version;
    void _county;
    const before = trainingValues(beforeValues);
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
    if (!updated) throw conflict(current);
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

export async function deleteTraining(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  assertCan(actor, 'training.delete');
  assertTrainingId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveTrainingsFor(actor, 'training.delete');
    const current = await loadTraining(tx, and(eq(trainings.id, input.id), scope)!, true);
    if (!current) throw notFound();
    if (current.row.version !== input.version) throw conflict(current);
    await tx
      .update(trainings)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id, version: sql`${trainings.version} + 1` })
      .where(and(eq(trainings.id, input.id), scope));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'training.delete',
      entityType: 'training',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: { title: current.row.title },
    });
    return { id: input.id };
  });
}

export async function restoreTraining(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  assertCan(actor, 'training.delete');
  assertTrainingId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [restored] = await tx
      .update(trainings)
      .set({
        deletedAt: null,
        deletedBy: null,
        version: sql`${trainings.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(trainings.id, input.id),
          inCounties(countyScope(actor, 'training.delete')),
          isNotNull(trainings.deletedAt),
        ),
      )
      .returning({ version: trainings.version, countyCode: trainings.countyCode, title: trainings.title });
    if (!restored) throw notFound();
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'training.restore',
      entityType: 'training',
      entityId: input.id,
      countyCode: restored.countyCode,
      changes: { title: restored.title },
    });
    return { id: input.id, version: restored.version };
  });
}

// ---------------------------------------------------------------------------------------------
// List and export

export const PAGE_SIZE = 50;
export const EXPORT_CAP = 50_000;

export type TrainingListRow = {
  id: string;
  countyCode: string;
  organiser: TrainingOrganiser;
  title: string;
  startsOn: string;
  endsOn: string;
  format: EventFormat;
  hours: number;
  themes: TrainingTheme[];
  evaluation: number | null;
  groupId: string | null;
  groupName: string | null;
  participants: ParticipantRow[];
  total: number;
  deletedAt: Date | null;
};

export type TrainingListPage = {
  rows: TrainingListRow[];
  total: number;
  /** Participants of every matching training (not only this page). */
  participantTotal: number;
  page: number;
  pageCount: number;
};

function listConditions(actor: Actor, filter: Partial<TrainingFilterOutput>): SQL {
  const read = countyScope(actor, 'training.read');
  const deletable = countyScope(actor, 'training.delete');
  const mayDelete = deletable === 'all' || deletable.length > 0;
  return and(
    filter.county && (read === 'all' || read.includes(filter.county))
      ? eq(trainings.countyCode, filter.county)
      : inCounties(read),
    filter.includeDeleted && mayDelete
      ? or(isNull(trainings.deletedAt), inCounties(deletable))
      : isNull(trainings.deletedAt),
    filter.from ? gte(trainings.startsOn, filter.from) : undefined,
    filter.to ? lte(trainings.startsOn, filter.to) : undefined,
    filter.theme ? sql`${trainings.themes} @> array[${filter.theme}]::training_theme[]` : undefined,
    filter.audience
      ? sql`exists (select 1 from ${trainingParticipants} p where p.training_id = ${TRAINING_ID} and p.audience = ${filter.audience}::training_audience)`
      : undefined,
    filter.organiser ? eq(trainings.organiser, filter.organiser) : undefined,
    filter.group ? eq(trainings.groupId, filter.group) : undefined,
  )!;
}

const listColumns = {
  id: trainings.id,
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
  groupName: coordinationGroups.name,
  deletedAt: trainings.deletedAt,
  // As JSON: one value per training whatever the driver, and no N+1.
  participants: sql<
    ParticipantRow[] | string
  >`coalesce((select json_agg(json_build_object('audience', p.audience, 'participants', p.participants) order by p.audience) from ${trainingParticipants} p where p.training_id = ${TRAINING_ID}), '[]'::json)`,
};

function listRow(
  r: { participants: ParticipantRow[] | string } & Omit<TrainingListRow, 'participants' | 'total'>,
): TrainingListRow {
  const participants = (
    typeof r.participants === 'string' ? (JSON.parse(r.participants) as ParticipantRow[]) : r.participants
  ).map((p) => ({ audience: p.audience, participants: Number(p.participants) }));
  return {
    ...r,
    hours: Number(r.hours),
    evaluation: r.evaluation === null ? null : Number(r.evaluation),
    participants,
    total: total(participants),
  };
}

async function selectTrainings(db: Db, where: SQL, limit: number, offset = 0): Promise<TrainingListRow[]> {
  const rows = await db
    .select(listColumns)
    .from(trainings)
    .leftJoin(coordinationGroups, eq(coordinationGroups.id, trainings.groupId))
    .where(where)
    .orderBy(desc(trainings.startsOn), desc(trainings.id))
    .limit(limit)
    .offset(offset);
  return rows.map(listRow);
}

export async function listTrainingsForActor(
  actor: Actor,
  filter: Partial<TrainingFilterOutput> = {},
): Promise<TrainingListPage> {
  assertCan(actor, 'training.read');
  const db = await getDb();
  const where = listConditions(actor, filter);
  const page = filter.page ?? 1;
  const [rows, [sums]] = await Promise.all([
    selectTrainings(db, where, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    db
      .select({
        n: sql<number>`count(*)::int`,
        participants: sql<number>`coalesce(sum((select sum(p.participants) from ${trainingParticipants} p where p.training_id = ${TRAINING_ID})), 0)::bigint`,
      })
      .from(trainings)
      .where(where),
  ]);
  const count = Number(sums?.n ?? 0);
  return {
    rows,
    total: count,
    participantTotal: Number(sums?.participants ?? 0),
    page,
    pageCount: Math.max(1, Math.ceil(count / PAGE_SIZE)),
  };
}

/** Every matching training (up to EXPORT_CAP), participants per audience and their total. Writes a 'training.export' audit row. */
export async function exportTrainingsForActor(
  actor: Actor,
  filter: Partial<TrainingFilterOutput> = {},
): Promise<{ rows: TrainingListRow[]; truncated: boolean }> {
  assertCan(actor, 'training.read');
  const db = await getDb();
  const fetched = await selectTrainings(db, listConditions(actor, filter), EXPORT_CAP + 1);
  const truncated = fetched.length > EXPORT_CAP;
  const rows = fetched.slice(0, EXPORT_CAP);
  await writeAudit(db, {
    actorId: actor.id,
    action: 'training.export',
    entityType: 'training',
    countyCode: actor.county,
    changes: { filter: { ...filter, page: undefined }, rowCount: rows.length, truncated },
  });
  return { rows, truncated };
}

export type TrainingGroupOption = { id: string; name: string; counties: string[] };

/**
 * Groups a training may be linked to: live groups that a county the actor registers trainings in
 * runs or takes part in. The form narrows them to the chosen county.
 */
export async function listTrainingGroupOptions(actor: Actor): Promise<TrainingGroupOption[]> {
  assertCan(actor, 'training.write');
  const db = await getDb();
  const scope = countyScope(actor, 'training.write');
  const participating = sql<
    string[]
  >`coalesce((select array_agg(gc.county_code::text order by gc.county_code) from ${groupCounties} gc where gc.group_id = ${GROUP_ID}), '{}')`;
  const rows = await db
    .select({
      id: coordinationGroups.id,
      name: coordinationGroups.name,
      countyCode: coordinationGroups.countyCode,
      participating,
    })
    .from(coordinationGroups)
    .where(
      and(
        isNull(coordinationGroups.deletedAt),
        scope === 'all'
          ? undefined
          : scope.length === 0
            ? sql`false`
            : or(
                inArray(coordinationGroups.countyCode, [...scope]),
                sql`exists (select 1 from ${groupCounties} where ${groupCounties.groupId} = ${GROUP_ID} and ${inArray(groupCounties.countyCode, [...scope])})`,
              ),
      ),
    )
    .orderBy(asc(coordinationGroups.name), asc(coordinationGroups.id));
  return rows.map((r) => ({ id: r.id, name: r.name, counties: [r.countyCode, ...r.participating] }));
}
