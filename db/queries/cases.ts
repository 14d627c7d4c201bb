import 'server-only';
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  not,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  CASE_SORTS,
  normalisePoliceReportNumber,
  UUID_PATTERN,
  isIsoDate,
  type CaseEditOutput,
  type CaseFilterOutput,
  type CaseOutput,
  type CaseSort,
  type PartyOutput,
  type StatusStepOutput,
} from '@/lib/schemas/cases';
import { changedFields, writeAudit } from '../audit';
import {
  NEXT_STATUSES,
  OFFENCES,
  SUPPORT_MEASURES,
  type Arena,
  type CaseStatus,
  type CoercionDegree,
  type ControlMethod,
  type CrimeEstablished,
  type Offence,
  type ReportingBody,
  type YesNoUnknown,
} from '../../lib/enums';
import { AppError } from '../../lib/errors';
import { getDb, type Db, type Tx } from '../index';
import { assertCan, can, countyScope, type Action, type Actor } from '../../lib/policy';
import {
  auditLog,
  caseOffences,
  caseParties,
  caseReferenceCounters,
  cases,
  caseStatusEvents,
  counties,
  users,
  type CaseParty,
} from '../schema';

// Every read and write of the case register. Each function takes the actor, asserts the permission
// and puts the county scope into the WHERE of the statement that finds the case, so a case of
// another county is simply not found (its existence is not revealed). Roles without any case
// permission (national analyst, admin) get 'forbidden' before the database is asked.

// ---------------------------------------------------------------------------------------------
// Scope

type Scope = 'all' | readonly string[];

function inCounties(scope: Scope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(cases.countyCode, [...scope]);
}

/** Cases the actor may open: live cases in the read scope, and deleted ones only where they may delete (to restore). */
function readableCases(actor: Actor): SQL {
  const deletable = countyScope(actor, 'case.delete');
  const deletedVisible =
    deletable === 'all' || deletable.length > 0
      ? or(isNull(cases.deletedAt), inCounties(deletable))!
      : isNull(cases.deletedAt);
  return and(inCounties(countyScope(actor, 'case.read')), deletedVisible)!;
}

/** Live cases in the scope of an action: what update, status steps and delete may touch. */
function liveCasesFor(actor: Actor, action: Action): SQL {
  return and(inCounties(countyScope(actor, action)), isNull(cases.deletedAt))!;
}

function notFound(): AppError {
  return new AppError('not_found', 'case not found');
}

/** A malformed id can never match: answer as for an unknown case instead of a database error. */
function assertCaseId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) throw notFound();
}

// ---------------------------------------------------------------------------------------------
// Canonical values: the stored case in the shape of the form's output, so that conflict details
// can be put straight into the form and audit diffs compare like with like.

const byListOrder =
  <T extends string>(list: readonly T[]) =>
  (a: T, b: T) =>
    list.indexOf(a) - list.indexOf(b);

function canonicalParty(p: PartyOutput): PartyOutput {
  const base = { sex: p.sex, ageBand: p.ageBand, originRegion: p.originRegion, citizenship: p.citizenship ?? null };
  return p.role === 'victim'
    ? {
        role: 'victim',
        ...base,
        plaintiffStatus: p.plaintiffStatus,
        residencePermit: p.residencePermit,
        support: [...p.support].sort(byListOrder(SUPPORT_MEASURES)),
      }
    : { role: 'perpetrator', ...base, perpetratorRole: p.perpetratorRole };
}

function partyFromRow(row: CaseParty): PartyOutput {
  const base = { sex: row.sex, ageBand: row.ageBand, originRegion: row.originRegion, citizenship: row.citizenship };
  return canonicalParty(
    row.role === 'victim'
      ? {
          role: 'victim',
          ...base,
          plaintiffStatus: row.plaintiffStatus!,
          residencePermit: row.residencePermit!,
          support: row.support ?? [],
        }
      : { role: 'perpetrator', ...base, perpetratorRole: row.perpetratorRole! },
  );
}

function partyRows(caseId: string, parties: readonly PartyOutput[]) {
  return parties.map((p, position) => ({
    caseId,
    position,
    role: p.role,
    sex: p.sex,
    ageBand: p.ageBand,
    originRegion: p.originRegion,
    citizenship: p.citizenship ?? null,
    plaintiffStatus: p.role === 'victim' ? p.plaintiffStatus : null,
    residencePermit: p.role === 'victim' ? p.residencePermit : null,
    support: p.role === 'victim' ? p.support : null,
    perpetratorRole: p.role === 'perpetrator' ? p.perpetratorRole : null,
  }));
}

/** The editable fields (everything but id, version and county), in a fixed key order. */
type EditableValues = Omit<CaseOutput, 'countyCode'>;

function editableValues(v: EditableValues): EditableValues {
  return {
    reportedOn: v.reportedOn,
    reportingBody: v.reportingBody,
    policeReportNumber: v.policeReportNumber ?? null,
    offences: [...v.offences].sort(byListOrder(OFFENCES)),
    arena: v.arena,
    onlinePlatform: v.onlinePlatform,
    crossBorder: v.crossBorder,
    crimeEstablished: v.crimeEstablished,
    coercionDegree: v.coercionDegree,
    controlMethods: [...v.controlMethods],
    notes: v.notes ?? null,
    parties: v.parties.map(canonicalParty),
  };
}

const caseColumns = {
  id: cases.id,
  version: cases.version,
  countyCode: cases.countyCode,
  reportedOn: cases.reportedOn,
  reportingBody: cases.reportingBody,
  policeReportNumber: cases.policeReportNumber,
  arena: cases.arena,
  onlinePlatform: cases.onlinePlatform,
  crossBorder: cases.crossBorder,
  crimeEstablished: cases.crimeEstablished,
  coercionDegree: cases.coercionDegree,
  controlMethods: cases.controlMethods,
  notes: cases.notes,
  reference: cases.reference,
  status: cases.status,
  statusOn: cases.statusOn,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  deletedAt: cases.deletedAt,
};

const updater = alias(users, 'updater');

/**
 * The case found by `where` (which carries the actor's scope), with its offences and parties, in
 * the form's shape. `lock` takes the row lock for a change: concurrent changes of one case queue
 * up, and the version compared afterwards is the one the change will replace.
 */
async function loadCase(db: Db | Tx, where: SQL, lock = false) {
  const query = db
    .select({ ...caseColumns, updatedByName: updater.displayName })
    .from(cases)
    .leftJoin(updater, eq(updater.id, cases.updatedBy))
    .where(where)
    .limit(1);
  const [row] = await (lock ? query.for('update', { of: cases }) : query);
  if (!row) return null;
  const [offenceRows, partyRowsFound] = await Promise.all([
    db
      .select({ offence: caseOffences.offence })
      .from(caseOffences)
      .where(eq(caseOffences.caseId, row.id))
      .orderBy(asc(caseOffences.offence)),
    db.select().from(caseParties).where(eq(caseParties.caseId, row.id)).orderBy(asc(caseParties.position)),
  ]);
  const values: CaseEditOutput = {
    id: row.id,
    version: row.version,
    countyCode: row.countyCode,
    ...editableValues({
      ...row,
      controlMethods: row.controlMethods,
      offences: offenceRows.map((o) => o.offence),
      parties: partyRowsFound.map(partyFromRow),
    }),
  };
  return { row, values };
}

type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

function conflict(current: LoadedCase): AppError {
  return new AppError('conflict', 'case changed since it was loaded', {
    current: current.values,
    status: current.row.status,
    statusOn: current.row.statusOn,
    updatedAt: current.row.updatedAt.toISOString(),
    updatedBy: current.row.updatedByName ?? null,
  });
}

// ---------------------------------------------------------------------------------------------
// Create

/**
 * Register a case. The reference is `<county letter>-<year reported>-<number>`, numbered per
 * county and year. The counter row is taken with an upsert inside the case's transaction: its row
 * lock makes concurrent registrations in one county and year wait for each other, and a rolled
 * back registration gives its number back, so the numbers stay unique and without gaps.
 */
export async function createCase(actor: Actor, input: CaseOutput): Promise<{ id: string; reference: string }> {
  assertCan(actor, 'case.create', input.countyCode);
  const db = await getDb();
  const values = editableValues(input);
  const year = Number(values.reportedOn.slice(0, 4));

  return db.transaction(async (tx) => {
    const [county] = await tx
      .select({ letter: counties.letter })
      .from(counties)
      .where(eq(counties.code, input.countyCode));
    if (!county) throw new AppError('invalid', 'unknown county', { field: 'countyCode', message: 'validation.county' });

    const [counter] = await tx
      .insert(caseReferenceCounters)
      .values({ countyCode: input.countyCode, year, lastNumber: 1 })
      .onConflictDoUpdate({
        target: [caseReferenceCounters.countyCode, caseReferenceCounters.year],
        set: { lastNumber: sql`${sql.identifier('case_reference_counters')}.${sql.identifier('last_number')} + 1` },
      })
      .returning({ lastNumber: caseReferenceCounters.lastNumber });
    const reference = `${county.letter}-${year}-${String(counter!.lastNumber).padStart(4, '0')}`;

    const [created] = await tx
      .insert(cases)
      .values({
        reference,
        countyCode: input.countyCode,
        reportedOn: values.reportedOn,
        reportingBody: values.reportingBody,
        policeReportNumber: values.policeReportNumber,
        arena: values.arena,
        onlinePlatform: values.onlinePlatform,
        crossBorder: values.crossBorder,
        crimeEstablished: values.crimeEstablished,
        coercionDegree: values.coercionDegree,
        controlMethods: values.controlMethods,
        notes: values.notes,
        status: 'reported',
        statusOn: values.reportedOn,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning({ id: cases.id });
    const id = created!.id;

    await tx.insert(caseOffences).values(values.offences.map((offence) => ({ caseId: id, offence })));
    if (values.parties.length > 0) await tx.insert(caseParties).values(partyRows(id, values.parties));
    await tx
      .insert(caseStatusEvents)
      .values({ caseId: id, status: 'reported', occurredOn: values.reportedOn, recordedBy: actor.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.create',
      entityType: 'case',
      entityId: id,
      countyCode: input.countyCode,
      changes: { reference, countyCode: input.countyCode, ...values },
    });
    return { id, reference };
  });
}

// ---------------------------------------------------------------------------------------------
// Read one

export type CaseStatusEventView = {
  id: string;
  status: CaseStatus;
  occurredOn: string;
  note: string | null;
  recordedAt: Date;
  recordedByName: string | null;
};
export type CaseHistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  changes: Record<string, unknown> | null;
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
  history: CaseHistoryEntry[];
  /** The steps the actor may record next ([] when they may not change the case). */
  allowedNextStatuses: CaseStatus[];
  permissions: { update: boolean; delete: boolean; restore: boolean };
};

const HISTORY_LIMIT = 200;

/**
 * One case with everything the detail page shows. Every call writes a 'case.read' audit row.
 * A deleted case is visible only to those who may delete (and so restore) in its county.
 */
export async function getCaseForActor(actor: Actor, id: string): Promise<CaseDetail> {
  assertCan(actor, 'case.read');
  assertCaseId(id);
  const db = await getDb();
  const loaded = await loadCase(db, and(eq(cases.id, id), readableCases(actor))!);
  if (!loaded) throw notFound();
  const { row, values } = loaded;

  const creator = alias(users, 'creator');
  const deleter = alias(users, 'deleter');
  const recorder = alias(users, 'recorder');
  const [[meta], statusEvents, history] = await Promise.all([
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
      .where(and(eq(auditLog.entityType, 'case'), eq(auditLog.entityId, id), ne(auditLog.action, 'case.read')))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(HISTORY_LIMIT),
  ]);
  if (!meta) throw notFound();

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
    allowedNextStatuses: mayUpdate ? [...NEXT_STATUSES[row.status]] : [],
    permissions: { update: mayUpdate, delete: live && mayDelete, restore: !live && mayDelete },
  };
}

// ---------------------------------------------------------------------------------------------
// Update

/**
 * Save an edit. Optimistic concurrency: the row is locked with the scope in its WHERE, and the
 * version the form was loaded with must still be the current one; otherwise 'conflict' with the
 * current values (in the form's shape), when and by whom it was last changed, so the form can show
 * what changed. An edit that changes nothing writes nothing. The county (and the reference) never change.
 */
export async function updateCase(actor: Actor, input: CaseEditOutput): Promise<{ id: string; version: number }> {
  assertCan(actor, 'case.update');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveCasesFor(actor, 'case.update');
    const current = await loadCase(tx, and(eq(cases.id, input.id), scope)!, true);
    if (!current) throw notFound();
    if (current.values.version !== input.version) throw conflict(current);
    if (current.values.countyCode !== input.countyCode) {
      throw new AppError('invalid', 'county_immutable', { field: 'countyCode', message: 'validation.countyImmutable' });
    }

    const before = editableValues(current.values);
    const after = editableValues(input);
    const changes = changedFields(before, after);
    if (Object.keys(changes).length === 0) return { id: input.id, version: current.values.version };

    if ('reportedOn' in changes) {
      // Later steps cannot come before the report.
      const [firstStep] = await tx
        .select({ on: sql<string | null>`min(${caseStatusEvents.occurredOn})` })
        .from(caseStatusEvents)
        .where(and(eq(caseStatusEvents.caseId, input.id), ne(caseStatusEvents.status, 'reported')));
      if (firstStep?.on && after.reportedOn > firstStep.on) {
        throw new AppError('invalid', 'reported_after_status', {
          field: 'reportedOn',
          message: 'validation.reportedAfterStatus',
          firstStepOn: firstStep.on,
        });
      }
    }

    const [updated] = await tx
      .update(cases)
      .set({
        reportedOn: after.reportedOn,
        reportingBody: after.reportingBody,
        policeReportNumber: after.policeReportNumber,
        arena: after.arena,
        onlinePlatform: after.onlinePlatform,
        crossBorder: after.crossBorder,
        crimeEstablished: after.crimeEstablished,
        coercionDegree: after.coercionDegree,
        controlMethods: after.controlMethods,
        notes: after.notes,
        ...(current.row.status === 'reported' ? { statusOn: after.reportedOn } : {}),
        version: sql`${cases.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cases.id, input.id), eq(cases.version, input.version), scope))
      .returning({ version: cases.version });
    // Cannot happen under the row lock; kept so that a future change to the locking fails safe.
    if (!updated) throw conflict(current);

    if ('offences' in changes) {
      await tx.delete(caseOffences).where(eq(caseOffences.caseId, input.id));
      await tx.insert(caseOffences).values(after.offences.map((offence) => ({ caseId: input.id, offence })));
    }
    if ('parties' in changes) {
      await tx.delete(caseParties).where(eq(caseParties.caseId, input.id));
      if (after.parties.length > 0) await tx.insert(caseParties).values(partyRows(input.id, after.parties));
    }
    if ('reportedOn' in changes) {
      await tx
        .update(caseStatusEvents)
        .set({ occurredOn: after.reportedOn })
        .where(and(eq(caseStatusEvents.caseId, input.id), eq(caseStatusEvents.status, 'reported')));
    }

    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.update',
      entityType: 'case',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes,
    });
    return { id: input.id, version: updated.version };
  });
}

// ---------------------------------------------------------------------------------------------
// Status pipeline

/** Record the next step of the pipeline (NEXT_STATUSES), on or after the date of the latest step. */
export async function recordStatusStep(
  actor: Actor,
  input: StatusStepOutput,
): Promise<{ id: string; version: number; status: CaseStatus }> {
  assertCan(actor, 'case.update');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveCasesFor(actor, 'case.update');
    const current = await loadCase(tx, and(eq(cases.id, input.id), scope)!, true);
    if (!current) throw notFound();
    const { row } = current;
    if (row.version !== input.version) throw conflict(current);
    if (!NEXT_STATUSES[row.status].includes(input.status)) {
      throw new AppError('invalid', 'status_transition', {
        field: 'status',
        message: 'validation.statusTransition',
        from: row.status,
        to: input.status,
      });
    }
    if (input.occurredOn < row.statusOn) {
      throw new AppError('invalid', 'status_date_before_previous', {
        field: 'occurredOn',
        message: 'validation.statusDateBeforePrevious',
        previous: row.statusOn,
      });
    }

    await tx
      .insert(caseStatusEvents)
      .values({
        caseId: input.id,
        status: input.status,
        occurredOn: input.occurredOn,
        note: input.note ?? null,
        recordedBy: actor.id,
      });
    const [updated] = await tx
      .update(cases)
      .set({
        status: input.status,
        statusOn: input.occurredOn,
        version: sql`${cases.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cases.id, input.id), eq(cases.version, input.version), scope))
      .returning({ version: cases.version });
    if (!updated) throw conflict(current);

    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.status',
      entityType: 'case',
      entityId: input.id,
      countyCode: row.countyCode,
      changes: {
        status: { from: row.status, to: input.status },
        statusOn: { from: row.statusOn, to: input.occurredOn },
        note: input.note ?? null,
      },
    });
    return { id: input.id, version: updated.version, status: input.status };
  });
}

// ---------------------------------------------------------------------------------------------
// Delete and restore (soft)

/** Soft delete: the case leaves lists and statistics, and can be restored by those who may delete. */
export async function deleteCase(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  assertCan(actor, 'case.delete');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveCasesFor(actor, 'case.delete');
    const current = await loadCase(tx, and(eq(cases.id, input.id), scope)!, true);
    if (!current) throw notFound();
    if (current.row.version !== input.version) throw conflict(current);
    await tx
      .update(cases)
      .set({ deletedAt: sql`now()`, deletedBy: actor.id, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, input.id), scope));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.delete',
      entityType: 'case',
      entityId: input.id,
      countyCode: current.row.countyCode,
      changes: { reference: current.row.reference },
    });
    return { id: input.id };
  });
}

export async function restoreCase(actor: Actor, input: { id: string }): Promise<{ id: string; version: number }> {
  assertCan(actor, 'case.delete');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [restored] = await tx
      .update(cases)
      .set({
        deletedAt: null,
        deletedBy: null,
        version: sql`${cases.version} + 1`,
        updatedBy: actor.id,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cases.id, input.id), inCounties(countyScope(actor, 'case.delete')), isNotNull(cases.deletedAt)))
      .returning({ version: cases.version, countyCode: cases.countyCode, reference: cases.reference });
    if (!restored) throw notFound();
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.restore',
      entityType: 'case',
      entityId: input.id,
      countyCode: restored.countyCode,
      changes: { reference: restored.reference },
    });
    return { id: input.id, version: restored.version };
  });
}

// ---------------------------------------------------------------------------------------------
// List and export

export type CaseFilter = Partial<CaseFilterOutput>;

export type CaseListRow = {
  id: string;
  reference: string;
  countyCode: string;
  reportedOn: string;
  offences: Offence[];
  status: CaseStatus;
  statusOn: string;
  coercionDegree: CoercionDegree;
  reportingBody: ReportingBody;
  crimeEstablished: CrimeEstablished;
  victimCount: number;
  perpetratorCount: number;
  deletedAt: Date | null;
};

export type CaseListPage = {
  rows: CaseListRow[];
  /** Matches of the filter, exact up to COUNT_CAP; above it `COUNT_CAP` with totalIsLowerBound (show "10 000+"). */
  total: number;
  totalIsLowerBound: boolean;
  /** Pass as `cursor` for the next/previous page; null at either end. */
  nextCursor: string | null;
  prevCursor: string | null;
};

/**
 * The total is counted exactly up to 10 000 and shown as "10 000+" above: counting all of a
 * million matching rows would read them all on every page view (a national unfiltered list), while
 * `count(*)` over a `limit 10001` subquery stops early and still gives every county and most
 * filters their exact figure.
 */
export const COUNT_CAP = 10_000;
export const EXPORT_CAP = 100_000;
const PAGE_SIZE_MAX = 100;

/** WHERE conditions of the list and the export: the actor's scope first, then the filter. */
function listConditions(actor: Actor, filter: CaseFilter): SQL[] {
  const read = countyScope(actor, 'case.read');
  const conditions: SQL[] = [];
  // County roles always see their own county; a national role may pick one. A county outside the
  // scope is ignored rather than refused (it comes from a URL).
  if (filter.county && (read === 'all' || read.includes(filter.county)))
    conditions.push(eq(cases.countyCode, filter.county));
  else conditions.push(inCounties(read));

  const deletable = countyScope(actor, 'case.delete');
  if (filter.includeDeleted && (deletable === 'all' || deletable.length > 0)) {
    if (deletable !== 'all') conditions.push(or(isNull(cases.deletedAt), inCounties(deletable))!);
  } else {
    conditions.push(isNull(cases.deletedAt));
  }

  if (filter.from && isIsoDate(filter.from)) conditions.push(gte(cases.reportedOn, filter.from));
  if (filter.to && isIsoDate(filter.to)) conditions.push(lte(cases.reportedOn, filter.to));
  if (filter.offence) {
    conditions.push(
      sql`exists (select 1 from ${caseOffences} where ${caseOffences.caseId} = ${cases.id} and ${caseOffences.offence} = ${filter.offence})`,
    );
  }
  if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.coercionDegree) conditions.push(eq(cases.coercionDegree, filter.coercionDegree));
  if (filter.reportingBody) conditions.push(eq(cases.reportingBody, filter.reportingBody));
  if (filter.crimeEstablished) conditions.push(eq(cases.crimeEstablished, filter.crimeEstablished));
  const q = filter.q?.trim();
  if (q)
    conditions.push(
      or(eq(cases.reference, q.toUpperCase()), eq(cases.policeReportNumber, normalisePoliceReportNumber(q)))!,
    );
  return conditions;
}

// Keyset cursors: the sort key of the first or last row of a page, the direction and the sort they
// belong to, as base64url JSON. Opaque to the page; anything that does not decode is ignored.
type Cursor = { s: CaseSort; d: 'n' | 'p'; k: string; i: string };

function encodeCursor(
  sort: CaseSort,
  direction: 'n' | 'p',
  row: { reportedOn: string; reference: string; id: string },
): string {
  const key = sort.startsWith('reference') ? row.reference : row.reportedOn;
  return Buffer.from(JSON.stringify({ s: sort, d: direction, k: key, i: row.id } satisfies Cursor)).toString(
    'base64url',
  );
}

function decodeCursor(value: string | undefined, sort: CaseSort): Cursor | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (c.s !== sort || !(CASE_SORTS as readonly string[]).includes(c.s)) return null;
    if (c.d !== 'n' && c.d !== 'p') return null;
    if (typeof c.k !== 'string' || typeof c.i !== 'string' || !UUID_PATTERN.test(c.i)) return null;
    const keyOk = sort.startsWith('reference') ? /^[A-Z]{1,2}-\d{4}-\d{4,}$/.test(c.k) : isIsoDate(c.k);
    return keyOk ? (c as Cursor) : null;
  } catch {
    return null;
  }
}

/** Rows strictly beyond the cursor in the reading direction (ascending or descending). */
function keysetCondition(sort: CaseSort, cursor: Cursor, ascending: boolean): SQL {
  const op = ascending ? sql`>` : sql`<`;
  if (sort.startsWith('reference')) return sql`${cases.reference} ${op} ${cursor.k}`;
  // A row comparison: matches the (reported_on, id) indexes, scanned forwards or backwards.
  return sql`(${cases.reportedOn}, ${cases.id}) ${op} (${cursor.k}::date, ${cursor.i}::uuid)`;
}

function sortColumns(sort: CaseSort, source: SortSource, ascending: boolean): SQL[] {
  const dir = ascending ? asc : desc;
  return sort.startsWith('reference') ? [dir(source.reference)] : [dir(source.reportedOn), dir(source.id)];
}

const isAscending = (sort: CaseSort) => sort === 'reported_asc' || sort === 'reference_asc';

const pageColumns = {
  id: cases.id,
  reference: cases.reference,
  countyCode: cases.countyCode,
  reportedOn: cases.reportedOn,
  status: cases.status,
  statusOn: cases.statusOn,
  coercionDegree: cases.coercionDegree,
  reportingBody: cases.reportingBody,
  crimeEstablished: cases.crimeEstablished,
  deletedAt: cases.deletedAt,
  policeReportNumber: cases.policeReportNumber,
  arena: cases.arena,
  onlinePlatform: cases.onlinePlatform,
  crossBorder: cases.crossBorder,
  controlMethods: cases.controlMethods,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
};

type SortSource = { reportedOn: AnyColumn; id: AnyColumn; reference: AnyColumn };

/**
 * The matching cases in order, `limit` of them, with their offences and party counts. The page is
 * chosen first (a CTE that the keyset indexes serve), and only its rows are joined to offences and
 * parties: one statement, no N+1, and the aggregation costs the same whatever the table's size.
 */
async function selectCases(
  db: Db,
  where: SQL[],
  order: (source: SortSource) => SQL[],
  limit: number,
): Promise<CaseExportRow[]> {
  const page = db.$with('page').as(
    db
      .select(pageColumns)
      .from(cases)
      .where(and(...where))
      .orderBy(...order(cases))
      .limit(limit),
  );
  // Spelled out as page.id: drizzle renders a CTE's column unqualified, which inside these
  // subqueries would name the subquery's own id.
  const partyCounts = db
    .select({
      victims: sql<number>`count(*) filter (where ${caseParties.role} = 'victim')::int`.as('victims'),
      perpetrators: sql<number>`count(*) filter (where ${caseParties.role} = 'perpetrator')::int`.as('perpetrators'),
    })
    .from(caseParties)
    .where(sql`${caseParties.caseId} = page.id`)
    .as('party_counts');
  const rows = await db
    .with(page)
    .select({
      id: page.id,
      reference: page.reference,
      countyCode: page.countyCode,
      reportedOn: page.reportedOn,
      status: page.status,
      statusOn: page.statusOn,
      coercionDegree: page.coercionDegree,
      reportingBody: page.reportingBody,
      crimeEstablished: page.crimeEstablished,
      deletedAt: page.deletedAt,
      policeReportNumber: page.policeReportNumber,
      arena: page.arena,
      onlinePlatform: page.onlinePlatform,
      crossBorder: page.crossBorder,
      controlMethods: page.controlMethods,
      createdAt: page.createdAt,
      updatedAt: page.updatedAt,
      // ::text[]: drivers parse text arrays, not arrays of an enum type they do not know.
      offences: sql<
        Offence[]
      >`coalesce((select array_agg(o.offence::text order by o.offence) from ${caseOffences} o where o.case_id = page.id), '{}')`,
      victimCount: partyCounts.victims,
      perpetratorCount: partyCounts.perpetrators,
    })
    .from(page)
    .leftJoinLateral(partyCounts, sql`true`)
    .orderBy(...order(page));
  return rows.map((r) => ({
    ...r,
    victimCount: Number(r.victimCount ?? 0),
    perpetratorCount: Number(r.perpetratorCount ?? 0),
  }));
}

function listRow(r: CaseExportRow): CaseListRow {
  return {
    id: r.id,
    reference: r.reference,
    countyCode: r.countyCode,
    reportedOn: r.reportedOn,
    offences: r.offences,
    status: r.status,
    statusOn: r.statusOn,
    coercionDegree: r.coercionDegree,
    reportingBody: r.reportingBody,
    crimeEstablished: r.crimeEstablished,
    victimCount: r.victimCount,
    perpetratorCount: r.perpetratorCount,
    deletedAt: r.deletedAt,
  };
}

async function countCapped(db: Db, where: SQL[]): Promise<{ total: number; totalIsLowerBound: boolean }> {
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(cases)
    .where(and(...where))
    .limit(COUNT_CAP + 1)
    .as('matches');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matches);
  const n = Number(row?.n ?? 0);
  return n > COUNT_CAP ? { total: COUNT_CAP, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false };
}

/**
 * A page of the case list, keyset-paginated on (reported_on, id), or on reference for the
 * reference sorts, so that page 1 000 costs what page 1 costs and no row is skipped or repeated
 * when cases are added meanwhile.
 */
export async function listCasesForActor(actor: Actor, filter: CaseFilter = {}, pageSize = 25): Promise<CaseListPage> {
  assertCan(actor, 'case.read');
  const db = await getDb();
  const size = Math.min(Math.max(1, Math.trunc(pageSize) || 25), PAGE_SIZE_MAX);
  const sort = filter.sort ?? 'reported_desc';
  const where = listConditions(actor, filter);
  const cursor = decodeCursor(filter.cursor, sort);
  const backwards = cursor?.d === 'p';
  // Reading backwards (previous page) walks the index the other way and turns the rows around.
  const ascending = isAscending(sort) !== backwards;
  const pageWhere = cursor ? [...where, keysetCondition(sort, cursor, ascending)] : where;

  const [fetched, count] = await Promise.all([
    selectCases(db, pageWhere, (source) => sortColumns(sort, source, ascending), size + 1),
    countCapped(db, where),
  ]);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backwards) rows.reverse();

  if (backwards && rows.length === 0) {
    // Everything before the cursor went away (deleted meanwhile): start again from the top.
    return listCasesForActor(actor, { ...filter, cursor: undefined }, size);
  }
  const first = rows[0];
  const last = rows.at(-1);
  let nextCursor: string | null = null;
  let prevCursor: string | null = null;
  if (backwards) {
    prevCursor = more && first ? encodeCursor(sort, 'p', first) : null;
    nextCursor = last ? encodeCursor(sort, 'n', last) : null;
  } else {
    nextCursor = more && last ? encodeCursor(sort, 'n', last) : null;
    if (cursor)
      prevCursor = first
        ? encodeCursor(sort, 'p', first)
        : encodeCursor(sort, 'p', { reportedOn: cursor.k, reference: cursor.k, id: cursor.i });
  }

  return {
    rows: rows.map(listRow),
    total: count.total,
    totalIsLowerBound: count.totalIsLowerBound,
    nextCursor,
    prevCursor,
  };
}

export type CaseExportRow = CaseListRow & {
  policeReportNumber: string | null;
  arena: Arena;
  onlinePlatform: YesNoUnknown;
  crossBorder: YesNoUnknown;
  controlMethods: ControlMethod[];
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Every matching case (up to EXPORT_CAP) for CSV/XLSX, one row per case, in the list's order.
 * Free-text notes and the parties' details stay out of exports; party counts by role go in.
 * Writes a 'case.export' audit row with the filter.
 */
export async function exportCasesForActor(
  actor: Actor,
  filter: CaseFilter = {},
): Promise<{ rows: CaseExportRow[]; truncated: boolean }> {
  assertCan(actor, 'case.read');
  const db = await getDb();
  const sort = filter.sort ?? 'reported_desc';
  const fetched = await selectCases(
    db,
    listConditions(actor, filter),
    (source) => sortColumns(sort, source, isAscending(sort)),
    EXPORT_CAP + 1,
  );
  const truncated = fetched.length > EXPORT_CAP;
  const rows = fetched.slice(0, EXPORT_CAP);
  const auditedFilter = { ...filter, cursor: undefined };
  await writeAudit(db, {
    actorId: actor.id,
    action: 'case.export',
    entityType: 'case',
    countyCode: actor.county,
    changes: { filter: auditedFilter, rowCount: rows.length, truncated },
  });
  return { rows, truncated };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/**
 * Other live cases with the same police report number, for a warning while registering or
 * editing. Looks in every county, but gives id and reference only for cases the actor may read;
 * for the rest only whether there are any.
 */
export async function findPoliceReportDuplicates(
  actor: Actor,
  policeReportNumber: string,
  excludeCaseId?: string,
): Promise<{ sameCounty: { id: string; reference: string }[]; otherCounty: boolean }> {
  if (!can(actor, 'case.create') && !can(actor, 'case.update'))
    throw new AppError('forbidden', `${actor.role} may not register or edit cases`);
  const number = normalisePoliceReportNumber(policeReportNumber ?? '');
  if (!number) return { sameCounty: [], otherCounty: false };
  const db = await getDb();
  const readable = inCounties(countyScope(actor, 'case.read'));
  const base = and(
    eq(cases.policeReportNumber, number),
    isNull(cases.deletedAt),
    excludeCaseId && UUID_PATTERN.test(excludeCaseId) ? ne(cases.id, excludeCaseId) : undefined,
  );
  const [sameCounty, [elsewhere]] = await Promise.all([
    db
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(and(base, readable))
      .orderBy(asc(cases.reference))
      .limit(50),
    db
      .select({ one: sql<number>`1` })
      .from(cases)
      .where(and(base, not(readable)))
      .limit(1),
  ]);
  return { sameCounty, otherCounty: elsewhere !== undefined };
}
