'use server';

import { z } from 'zod';
import { authedAction } from '@/app/_lib/action';
import { findPoliceReportDuplicates } from '@/db/queries/cases/duplicates';
import { createCase, deleteCase, restoreCase, updateCase } from '@/db/queries/cases/register';
import { recordStatusStep } from '@/db/queries/cases/status';
import { recordPerpetratorSteps } from '@/db/queries/cases/justice';
import {
  CaseDeleteSchema,
  CaseEditSchema,
  CaseRestoreSchema,
  CaseSchema,
  PerpetratorStepSchema,
  POLICE_REPORT_NUMBER_MAX,
  StatusStepSchema,
} from '@/lib/schemas/cases';

// Thin: parse (authedAction), then the data layer checks permission and county.
export const createCaseAction = authedAction(CaseSchema, (input, actor) => createCase(actor, input));
export const updateCaseAction = authedAction(CaseEditSchema, (input, actor) => updateCase(actor, input));
export const recordStatusStepAction = authedAction(StatusStepSchema, (input, actor) => recordStatusStep(actor, input));
export const recordPerpetratorStepsAction = authedAction(PerpetratorStepSchema, (input, actor) =>
  recordPerpetratorSteps(actor, input),
);
export const deleteCaseAction = authedAction(CaseDeleteSchema, (input, actor) => deleteCase(actor, input));
export const restoreCaseAction = authedAction(CaseRestoreSchema, (input, actor) => restoreCase(actor, input));

const DuplicateCheckSchema = z.object({
  policeReportNumber: z.string().max(POLICE_REPORT_NUMBER_MAX),
  excludeCaseId: z.string().max(40).optional(),
});
export const checkPoliceReportNumberAction = authedAction(DuplicateCheckSchema, (input, actor) =>
  findPoliceReportDuplicates(actor, input.policeReportNumber, input.excludeCaseId),
);
