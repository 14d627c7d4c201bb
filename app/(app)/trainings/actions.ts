'use server';

import { authedAction } from '@/app/_lib/action';
import { createTraining, deleteTraining, restoreTraining, updateTraining } from '@/db/queries/trainings/register';
import {
  TrainingDeleteSchema,
  TrainingEditSchema,
  TrainingRestoreSchema,
  TrainingSchema,
} from '@/lib/schemas/trainings';

// Thin: parse (authedAction), then the data layer checks permission and county.
export const createTrainingAction = authedAction(TrainingSchema, (input, actor) => createTraining(actor, input));
export const updateTrainingAction = authedAction(TrainingEditSchema, (input, actor) => updateTraining(actor, input));
export const deleteTrainingAction = authedAction(TrainingDeleteSchema, (input, actor) => deleteTraining(actor, input));
export const restoreTrainingAction = authedAction(TrainingRestoreSchema, (input, actor) =>
  restoreTraining(actor, input),
);
