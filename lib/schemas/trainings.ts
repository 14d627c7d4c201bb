// The training register's zod schemas, shared by the react-hook-form form (zodResolver) and the
// server actions (authedAction). Pure: no server code. Messages are catalogue keys.
import { z } from 'zod';
import {
  EVENT_FORMATS,
  TRAINING_AUDIENCES,
  TRAINING_ORGANISERS,
  TRAINING_THEMES,
  type TrainingAudience,
} from '@/lib/enums';
import {
  checkboxes,
  choice,
  countyCode,
  countyParam,
  dateField,
  dateParam,
  decimalNumber,
  flagParam,
  idParam,
  optionalDecimalNumber,
  optionalId,
  pageParam,
  paramIn,
  recordId,
  REQUIRED,
  version,
  readWholeNumber,
  wholeNumber,
  whenValid,
} from '@/lib/forms/fields';
import { guardedText, optionalGuardedText } from '@/lib/privacy-guard';

/** Same limits as the database's checks (db/schema/coordination.ts COORDINATION_LIMITS); a test keeps them equal. */
export const TRAINING_LIMITS = { title: 200, description: 2000, participants: 100000, hours: 1000 } as const;

/** Participants of one target audience. */
export const ParticipantsSchema = z.object({
  audience: choice(TRAINING_AUDIENCES),
  participants: wholeNumber({ min: 0, max: TRAINING_LIMITS.participants }),
});
export type ParticipantsInput = z.input<typeof ParticipantsSchema>;
export type ParticipantsOutput = z.output<typeof ParticipantsSchema>;

const byAudience = (a: { audience: TrainingAudience }, b: { audience: TrainingAudience }) =>
  TRAINING_AUDIENCES.indexOf(a.audience) - TRAINING_AUDIENCES.indexOf(b.audience);

const trainingFields = {
  countyCode,
  organiser: choice(TRAINING_ORGANISERS),
  title: guardedText(TRAINING_LIMITS.title).min(1, REQUIRED),
  startsOn: dateField({ future: 2 }),
  endsOn: dateField({ future: 2 }),
  format: choice(EVENT_FORMATS),
  hours: decimalNumber({ min: 0, max: TRAINING_LIMITS.hours, exclusiveMin: true }),
  themes: checkboxes(TRAINING_THEMES).refine((list) => list.length > 0, 'validation.themeRequired'),
  participants: z
    .array(ParticipantsSchema)
    .max(TRAINING_AUDIENCES.length, 'validation.audienceDuplicate')
    .nullish()
    .transform((list) => list ?? [])
    .refine((list) => list.length > 0, 'validation.audienceRequired')
    .refine((list) => new Set(list.map((p) => p.audience)).size === list.length, 'validation.audienceDuplicate'),
  evaluation: optionalDecimalNumber({ min: 1, max: 5 }),
  groupId: optionalId,
  description: optionalGuardedText(TRAINING_LIMITS.description),
};

type TrainingShape = { startsOn: string; endsOn: string; participants: ParticipantsOutput[] };

function trainingChecks<T extends TrainingShape>(value: T, ctx: z.RefinementCtx) {
  if (value.endsOn < value.startsOn)
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'validation.endsBeforeStarts' });
}

/** Participants in the audience list's order, so that stored rows and audit diffs are canonical. */
function canonical<T extends TrainingShape>(value: T): T {
  return { ...value, participants: [...value.participants].sort(byAudience) };
}

export const TrainingSchema = z
  .object(trainingFields)
  .superRefine(trainingChecks, whenValid('startsOn', 'endsOn'))
  .transform(canonical);
export type TrainingInput = z.input<typeof TrainingSchema>;
export type TrainingOutput = z.output<typeof TrainingSchema>;

/** Edit a training: the same fields, its id and the version the form was loaded with. The county cannot change. */
export const TrainingEditSchema = z
  .object({ ...trainingFields, id: recordId, version })
  .superRefine(trainingChecks, whenValid('startsOn', 'endsOn'))
  .transform(canonical);
export type TrainingEditInput = z.input<typeof TrainingEditSchema>;
export type TrainingEditOutput = z.output<typeof TrainingEditSchema>;

export const TrainingDeleteSchema = z.object({ id: recordId, version });
export const TrainingRestoreSchema = z.object({ id: recordId });

/** The total a person sees while typing: the sum of the counts that are whole numbers. */
export function participantTotal(rows: readonly { participants?: string | number | null }[]): number {
  let total = 0;
  for (const row of rows) total += readWholeNumber(String(row.participants ?? '')) ?? 0;
  return total;
}

/** URL parameters of the training list; never throws. */
export const TrainingFilterSchema = z.object({
  county: countyParam,
  from: dateParam,
  to: dateParam,
  theme: paramIn(TRAINING_THEMES),
  audience: paramIn(TRAINING_AUDIENCES),
  organiser: paramIn(TRAINING_ORGANISERS),
  group: idParam,
  includeDeleted: flagParam,
  page: pageParam,
});
export type TrainingFilterOutput = z.output<typeof TrainingFilterSchema>;
