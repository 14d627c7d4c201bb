import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { StatusStepOutput } from '@/lib/schemas/cases';
import type { CaseStatus } from '@/lib/enums';
import { DERIVED_STATUSES, nextCaseStatuses } from '@/lib/justice';
import { AppError } from '@/lib/errors';
import { assertCan, type Actor } from '@/lib/policy';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db/index';
import { cases, caseStatusEvents } from '@/db/schema';
import { rowsOf } from '@/db/rows';
import { liveRecords } from '../_shared/scope';
import {
  assertCaseId,
  assertPoliceReportNumberFits,
  caseConflict,
  caseNotFound,
  caseRecords,
  loadCase,
} from './record';

/** Record the case's own next step (investigation, discontinued without perpetrators, closed), on or after its latest step. */
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
    // Written out: drizzle leaves a lone table's columns unqualified, which a subquery would read as its own.
    const [facts] = rowsOf<{ perpetrators: number; latest_on: string | null }>(
      await tx.execute(sql`select
        (select count(*) from case_parties p where p.case_id = ${input.id} and p.role = 'perpetrator')::int as perpetrators,
        (select max(e.occurred_on)::text from case_status_events e where e.case_id = ${input.id}) as latest_on`),
    );
    assertStepAllowed(row.status, facts!.perpetrators > 0, facts!.latest_on ?? row.statusOn, input);
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
    // The case's status is its furthest step (decision 012), derived by the database.
    await tx.execute(sql`select case_derive_steps(array[${input.id}]::uuid[])`);
    const [updated] = await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(and(eq(cases.id, input.id), eq(cases.version, input.version), scope))
      .returning({ version: cases.version, status: cases.status, statusOn: cases.statusOn });
    if (!updated) throw caseConflict(current);

    await writeAudit(tx, {
      actorId: actor.id,
      action: 'case.status',
      entityType: 'case',
      entityId: input.id,
      countyCode: row.countyCode,
      changes: {
        step: input.status,
        occurredOn: input.occurredOn,
        status: { from: row.status, to: updated.status },
        statusOn: { from: row.statusOn, to: updated.statusOn },
        note: input.note ?? null,
      },
    });
    return { id: input.id, version: updated.version, status: updated.status };
  });
}

/**
 * A case-level step (lib/justice.ts nextCaseStatuses) follows the case's current step, on or
 * after the date of its latest one. Prosecutions and judgments are each person's (./justice).
 */
function assertStepAllowed(
  status: CaseStatus,
  hasPerpetrators: boolean,
  latestOn: string,
  input: StatusStepOutput,
): void {
  if (!nextCaseStatuses(status, hasPerpetrators).includes(input.status)) {
    throw new AppError('invalid', 'status_transition', {
      field: 'status',
      message:
        hasPerpetrators && (DERIVED_STATUSES as readonly CaseStatus[]).includes(input.status)
          ? 'validation.statusPerPerson'
          : 'validation.statusTransition',
      from: status,
      to: input.status,
    });
  }
  if (input.occurredOn < latestOn) {
    throw new AppError('invalid', 'status_date_before_previous', {
      field: 'occurredOn',
      message: 'validation.statusDateBeforePrevious',
      previous: latestOn,
    });
  }
}
