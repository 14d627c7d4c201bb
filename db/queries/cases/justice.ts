import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PerpetratorStepOutput } from '@/lib/schemas/cases';
import {
  NEXT_JUSTICE_STEPS,
  type CaseStatus,
  type JusticeStep,
  type Offence,
  type PrisonBand,
  type Sanction,
} from '@/lib/enums';
import { caseTakesPersonSteps, latestStep, stepFieldErrors } from '@/lib/justice';
import { assertCan, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/index';
import { caseParties, cases, perpetratorStepOffences, perpetratorSteps, users } from '@/db/schema';
import { invalid } from '../_shared/records';
import { liveRecords } from '../_shared/scope';
import {
  assertCaseId,
  assertPoliceReportNumberFits,
  caseConflict,
  caseNotFound,
  caseRecords,
  loadCase,
} from './record';

// Each perpetrator's own path through the justice system (decision 012). The database checks
// each path and derives the case's step from them in the same statement (the trigger of
// drizzle/0011_justice_path_triggers.sql); this module refuses, field by field, what it would
// refuse, and writes the audit.

type PersonStepView = {
  id: string;
  step: JusticeStep;
  occurredOn: string;
  offences: Offence[];
  sanction: Sanction | null;
  prisonBand: PrisonBand | null;
  recordedAt: Date;
  recordedByName: string | null;
};

export type PerpetratorPath = {
  partyId: string;
  /** 1-based among the case's perpetrators, as the form and the party list number them. */
  number: number;
  steps: PersonStepView[];
  latest: JusticeStep | 'none';
  /** What may be recorded next for this person (the empty list when the path has ended). */
  next: JusticeStep[];
};

const recorder = alias(users, 'step_recorder');

/** Every perpetrator's path in a case, in the order of the party list. */
export async function loadPerpetratorPaths(db: Db | Tx, caseId: string): Promise<PerpetratorPath[]> {
  const [parties, steps, offences] = await Promise.all([
    db
      .select({ id: caseParties.id, role: caseParties.role })
      .from(caseParties)
      .where(eq(caseParties.caseId, caseId))
      .orderBy(asc(caseParties.position)),
    db
      .select({
        id: perpetratorSteps.id,
        partyId: perpetratorSteps.partyId,
        step: perpetratorSteps.step,
        occurredOn: perpetratorSteps.occurredOn,
        sanction: perpetratorSteps.sanction,
        prisonBand: perpetratorSteps.prisonBand,
        recordedAt: perpetratorSteps.recordedAt,
        recordedByName: recorder.displayName,
      })
      .from(perpetratorSteps)
      .leftJoin(recorder, eq(recorder.id, perpetratorSteps.recordedBy))
      .where(eq(perpetratorSteps.caseId, caseId))
      .orderBy(asc(perpetratorSteps.occurredOn), asc(perpetratorSteps.recordedAt)),
    db
      .select({ stepId: perpetratorStepOffences.stepId, offence: perpetratorStepOffences.offence })
      .from(perpetratorStepOffences)
      .innerJoin(perpetratorSteps, eq(perpetratorSteps.id, perpetratorStepOffences.stepId))
      .where(eq(perpetratorSteps.caseId, caseId))
      .orderBy(asc(perpetratorStepOffences.offence)),
  ]);
  return parties
    .filter((p) => p.role === 'perpetrator')
    .map((p, index) => {
      const own = steps
        .filter((s) => s.partyId === p.id)
        .map((s) => ({
          id: s.id,
          step: s.step,
          occurredOn: s.occurredOn,
          offences: offences.filter((o) => o.stepId === s.id).map((o) => o.offence),
          sanction: s.sanction,
          prisonBand: s.prisonBand,
          recordedAt: s.recordedAt,
          recordedByName: s.recordedByName,
        }));
      const latest = latestStep(own);
      return { partyId: p.id, number: index + 1, steps: own, latest, next: [...NEXT_JUSTICE_STEPS[latest]] };
    });
}

/**
 * Record one step for one or several perpetrators of a case at once, with one date, the offences
 * it concerns and the sanction. Each person's path must allow the step, on or after their
 * previous step and the report; the offences must be the case's. Optimistic concurrency on the
 * case's version (any step or edit of the case moves it on). One audit row per person's step.
 */
export async function recordPerpetratorSteps(
  actor: Actor,
  input: PerpetratorStepOutput,
): Promise<{ id: string; version: number; status: CaseStatus; statusOn: string; recorded: number }> {
  assertCan(actor, 'case.update');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveRecords(actor, caseRecords, 'case.update');
    const current = await loadCase(tx, and(eq(cases.id, input.id), scope)!, true);
    if (!current) throw caseNotFound();
    const { row, values } = current;
    if (row.version !== input.version) throw caseConflict(current);
    assertPoliceReportNumberFits(row);

    const paths = await loadPerpetratorPaths(tx, input.id);
    const hasPersonSteps = paths.some((p) => p.steps.length > 0);
    if (!caseTakesPersonSteps(row.status, hasPersonSteps))
      throw invalid('step', 'validation.caseTakesNoPersonSteps', { status: row.status });
    const chosen = input.partyIds.map((partyId) => {
      const path = paths.find((p) => p.partyId === partyId);
      if (!path) throw invalid('partyIds', 'validation.personUnknown');
      return path;
    });
    for (const path of chosen) {
      if (!path.next.includes(input.step))
        throw invalid('step', 'validation.justiceStepTransition', {
          person: path.number,
          from: path.latest,
          to: input.step,
        });
      const previous = path.steps.reduce<string>((on, s) => (s.occurredOn > on ? s.occurredOn : on), row.reportedOn);
      if (input.occurredOn < previous)
        throw invalid('occurredOn', 'validation.justiceStepDateBeforePrevious', { person: path.number, previous });
    }
    const [missing] = stepFieldErrors(input);
    if (missing) throw invalid(missing.field, missing.message);
    const offences = input.offences;
    const notOfCase = offences.filter((o) => !values.offences.includes(o));
    if (notOfCase.length > 0) throw invalid('offences', 'validation.stepOffenceNotOfCase', { offences: notOfCase });
    const sanction = input.sanction ?? null;
    const prisonBand = input.prisonBand ?? null;

    const inserted = await tx
      .insert(perpetratorSteps)
      .values(
        chosen.map((p) => ({
          caseId: input.id,
          partyId: p.partyId,
          step: input.step,
          occurredOn: input.occurredOn,
          sanction,
          prisonBand,
          recordedBy: actor.id,
        })),
      )
      .returning({ id: perpetratorSteps.id, partyId: perpetratorSteps.partyId });
    if (offences.length > 0)
      await tx
        .insert(perpetratorStepOffences)
        .values(inserted.flatMap((s) => offences.map((offence) => ({ stepId: s.id, offence }))));

    // The trigger has derived the case's step; the version moves on as for every change.
    const [updated] = await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(and(eq(cases.id, input.id), eq(cases.version, input.version), scope))
      .returning({ version: cases.version, status: cases.status, statusOn: cases.statusOn });
    if (!updated) throw caseConflict(current);

    for (const s of inserted) {
      const path = chosen.find((p) => p.partyId === s.partyId)!;
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'case.person_step',
        entityType: 'case',
        entityId: input.id,
        countyCode: row.countyCode,
        changes: {
          person: path.number,
          partyId: s.partyId,
          stepId: s.id,
          step: { from: path.latest, to: input.step },
          occurredOn: input.occurredOn,
          offences,
          sanction,
          prisonBand,
          status: { from: row.status, to: updated.status },
        },
      });
    }
    return {
      id: input.id,
      version: updated.version,
      status: updated.status,
      statusOn: updated.statusOn,
      recorded: inserted.length,
    };
  });
}
