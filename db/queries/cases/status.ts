import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { StatusStepOutput } from '@/lib/schemas/cases';
import { NEXT_STATUSES, type CaseStatus } from '@/lib/enums';
import { AppError } from '@/lib/errors';
import { assertCan, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db/index';
import { cases, caseStatusEvents } from '@/db/schema';
import { liveRecords } from '../_shared/scope';
import {
  assertCaseId,
  assertPoliceReportNumberFits,
  caseConflict,
  caseNotFound,
  caseRecords,
  loadCase,
} from './record';

/** Record the next step of the pipeline (NEXT_STATUSES), on or after the date of the latest step. */
export async function recordStatusStep(
  actor: Actor,
  input: StatusStepOutput,
): Promise<{ id: string; version: number; status: CaseStatus }> {
  assertCan(actor, 'case.update');
  assertCaseId(input.id);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const scope = liveRecords(actor, caseRecords, 'case.update');
    const current = await loadCase(tx, and(eq(cases.id, input.id), scope)!, true);
    if (!current) throw caseNotFound();
    const { row } = current;
    if (row.version !== input.version) throw caseConflict(current);
    assertStepAllowed(row, input);
    assertPoliceReportNumberFits(row);

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
    if (!updated) throw caseConflict(current);

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

/** The step must follow the current status in the pipeline, on or after the date of the latest step. */
function assertStepAllowed(row: { status: CaseStatus; statusOn: string }, input: StatusStepOutput): void {
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
}
