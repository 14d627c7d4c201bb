import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CaseEditOutput } from '@/lib/schemas/cases';
import type { CaseStatus } from '@/lib/enums';
import { caseTakesPersonSteps, nextCaseStatuses } from '@/lib/justice';
import { assertCan, can, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db/index';
import { cases, caseStatusEvents, counties, users } from '@/db/schema';
import { listHistory, type HistoryEntry } from '../_shared/history';
import { creator, deleter } from '../_shared/records';
import { readableRecords } from '../_shared/scope';
import { assertCaseId, caseNotFound, caseRecords, loadCase } from './record';
import { loadPerpetratorPaths, type PerpetratorPath } from './justice';

export type CaseStatusEventView = {
  id: string;
  status: CaseStatus;
  occurredOn: string;
  note: string | null;
  recordedAt: Date;
  recordedByName: string | null;
};

export type CaseDetail = CaseEditOutput & {
  reference: string;
  county: { code: string; letter: string; nameSv: string; nameEn: string };
  status: CaseStatus;
  statusOn: string;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  deletedAt: Date | null;
  deletedByName: string | null;
  statusEvents: CaseStatusEventView[];
  /** Changes to the case, newest first (reads are in the audit log but not listed here). */
  history: HistoryEntry[];
  /** The case's own steps the actor may record next ([] when they may not change the case). */
  allowedNextStatuses: CaseStatus[];
  /** Each perpetrator's path through the justice system (decision 012), in the party list's order. */
  perpetratorPaths: PerpetratorPath[];
  /** May the actor record a person's step now (some perpetrator has a next step)? */
  mayRecordPersonSteps: boolean;
  permissions: { update: boolean; delete: boolean; restore: boolean };
};

const recorder = alias(users, 'recorder');

/**
 * One case with everything the detail page shows. Every call writes a 'case.read' audit row.
 * A deleted case is visible only to those who may delete (and so restore) in its county.
 */
export async function getCaseForActor(actor: Actor, id: string): Promise<CaseDetail> {
  assertCan(actor, 'case.read');
  assertCaseId(id);
  const db = await getDb();
  const loaded = await loadCase(db, and(eq(cases.id, id), readableRecords(actor, caseRecords))!);
  if (!loaded) throw caseNotFound();
  const { row, values } = loaded;

  const [[meta], statusEvents, history, perpetratorPaths] = await Promise.all([
    db
      .select({
        countyLetter: counties.letter,
        countyNameSv: counties.nameSv,
        countyNameEn: counties.nameEn,
        createdByName: creator.displayName,
        deletedByName: deleter.displayName,
      })
      .from(cases)
      .innerJoin(counties, eq(counties.code, cases.countyCode))
      .leftJoin(creator, eq(creator.id, cases.createdBy))
      .leftJoin(deleter, eq(deleter.id, cases.deletedBy))
      .where(eq(cases.id, id)),
    db
      .select({
        id: caseStatusEvents.id,
        status: caseStatusEvents.status,
        occurredOn: caseStatusEvents.occurredOn,
        note: caseStatusEvents.note,
        recordedAt: caseStatusEvents.recordedAt,
        recordedByName: recorder.displayName,
      })
      .from(caseStatusEvents)
      .leftJoin(recorder, eq(recorder.id, caseStatusEvents.recordedBy))
      .where(eq(caseStatusEvents.caseId, id))
      .orderBy(asc(caseStatusEvents.occurredOn), asc(caseStatusEvents.recordedAt)),
    listHistory(db, 'case', id),
    loadPerpetratorPaths(db, id),
  ]);
  if (!meta) throw caseNotFound();

  await writeAudit(db, {
    actorId: actor.id,
    action: 'case.read',
    entityType: 'case',
    entityId: id,
    countyCode: row.countyCode,
  });

  const live = row.deletedAt === null;
  const mayUpdate = live && can(actor, 'case.update', row.countyCode);
  const mayDelete = can(actor, 'case.delete', row.countyCode);
  return {
    ...values,
    reference: row.reference,
    county: { code: row.countyCode, letter: meta.countyLetter, nameSv: meta.countyNameSv, nameEn: meta.countyNameEn },
    status: row.status,
    statusOn: row.statusOn,
    createdAt: row.createdAt,
    createdByName: meta.createdByName,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
    deletedAt: row.deletedAt,
    deletedByName: meta.deletedByName,
    statusEvents,
    history,
    allowedNextStatuses: mayUpdate ? nextCaseStatuses(row.status, perpetratorPaths.length > 0) : [],
    perpetratorPaths,
    mayRecordPersonSteps:
      mayUpdate &&
      caseTakesPersonSteps(
        row.status,
        perpetratorPaths.some((p) => p.steps.length > 0),
      ) &&
      perpetratorPaths.some((p) => p.next.length > 0),
    permissions: { update: mayUpdate, delete: live && mayDelete, restore: !live && mayDelete },
  };
}
