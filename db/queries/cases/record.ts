import 'server-only';
import { asc, eq, type SQL } from 'drizzle-orm';
import {
  POLICE_REPORT_NUMBER_PATTERN,
  type CaseEditOutput,
  type CaseOutput,
  type PartyOutput,
} from '@/lib/schemas/cases';
import { OFFENCES, SUPPORT_MEASURES } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import type { Db, Tx } from '@/db/index';
import { caseOffences, caseParties, cases, type CaseParty } from '@/db/schema';
import { assertRecordId, byListOrder, conflictWith, invalid, notFound, updater } from '../_shared/records';
import { countyRecords } from '../_shared/scope';

// One case as the register reads and writes it. Roles without any case permission (national
// analyst, admin) get 'forbidden' before the database is asked; a case of another county is not
// found.

/** Cases belong to their county; deleted ones are seen (to restore) where one may delete. */
export const caseRecords = countyRecords(cases.countyCode, cases.deletedAt, {
  read: 'case.read',
  delete: 'case.delete',
});

export const caseNotFound = () => notFound('case');

export function assertCaseId(id: unknown): asserts id is string {
  assertRecordId(id, 'case');
}

/**
 * A number stored before the police's format was enforced (migration 0009, NOT VALID) stays
 * readable, but the database checks every row written: the case gets its number corrected
 * (an edit) before a status step, a delete or a restore, instead of failing in the database.
 */
export function assertPoliceReportNumberFits(row: { policeReportNumber: string | null }): void {
  if (row.policeReportNumber !== null && !POLICE_REPORT_NUMBER_PATTERN.test(row.policeReportNumber))
    throw invalid('policeReportNumber', 'validation.policeReportNumberOutdated');
}

// ---------------------------------------------------------------------------------------------
// Canonical values: the stored case in the shape of the form's output, so that conflict details
// can be put straight into the form and audit diffs compare like with like.

function canonicalParty(p: PartyOutput): PartyOutput {
  const base = {
    id: p.id ?? null,
    sex: p.sex,
    ageBand: p.ageBand,
    originRegion: p.originRegion,
    citizenship: p.citizenship ?? null,
  };
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
  const base = {
    id: row.id,
    sex: row.sex,
    ageBand: row.ageBand,
    originRegion: row.originRegion,
    citizenship: row.citizenship,
  };
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

/** The rows of the parties; `offset` places them after positions already taken. */
export function partyRows(caseId: string, parties: readonly PartyOutput[], offset = 0) {
  return parties.map((p, index) => ({
    caseId,
    position: offset + index,
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
export type EditableValues = Omit<CaseOutput, 'countyCode'>;

export function editableValues(v: EditableValues): EditableValues {
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

/**
 * The case found by `where` (which carries the actor's scope), with its offences and parties, in
 * the form's shape. `lock` takes the row lock for a change: concurrent changes of one case queue
 * up, and the version compared afterwards is the one the change will replace.
 */
export async function loadCase(db: Db | Tx, where: SQL, lock = false) {
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
      offences: offenceRows.map((o) => o.offence),
      parties: partyRowsFound.map(partyFromRow),
    }),
  };
  return { row, values };
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

export function caseConflict(current: LoadedCase): AppError {
  return conflictWith('case', current, { status: current.row.status, statusOn: current.row.statusOn });
}
