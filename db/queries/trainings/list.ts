import 'server-only';
import { and, asc, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { TrainingFilterOutput } from '@/lib/schemas/trainings';
import type { EventFormat, TrainingOrganiser, TrainingTheme } from '@/lib/enums';
import { assertCan, countyScope, type Actor } from '@/lib/policy';
import { getDb, type Db } from '@/db/index';
import { coordinationGroups, groupCounties, trainingParticipants, trainings } from '@/db/schema';
import { auditedExport } from '../_shared/export';
import { listedRecords } from '../_shared/scope';
import { GROUP_ID, groupInvolves } from '../coordination/scope';
import { total, trainingRecords, type ParticipantRow } from './register';

// The training list, its export, and the groups a training may be linked to.

// Spelled out in raw SQL: drizzle renders a column unqualified in the select list of a one-table
// query, where inside a subquery "id" would silently name the subquery's own id.
const TRAINING_ID = sql.raw('"trainings"."id"');

const PAGE_SIZE = 50;
const EXPORT_CAP = 50_000;

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
  return and(
    listedRecords(actor, trainingRecords, filter),
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
  return auditedExport(
    db,
    actor,
    { entityType: 'training', filter: { ...filter, page: undefined }, cap: EXPORT_CAP },
    fetched,
  );
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
    .where(and(isNull(coordinationGroups.deletedAt), groupInvolves(scope)))
    .orderBy(asc(coordinationGroups.name), asc(coordinationGroups.id));
  return rows.map((r) => ({ id: r.id, name: r.name, counties: [r.countyCode, ...r.participating] }));
}
