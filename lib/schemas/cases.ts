// The case register's zod schemas, shared by the react-hook-form forms (zodResolver) and the server
// actions (authedAction). Pure: no server code, so the client bundle may import it.
//
// Values arrive as strings from form inputs and FormData (dates 'YYYY-MM-DD', selects, checkbox
// groups), so every field accepts what an input gives and coerces explicitly. Use
// `useForm<CaseInput, unknown, CaseOutput>`. Messages are catalogue keys (messages/*.json).
import { z } from 'zod';
import {
  AGE_BANDS,
  ARENAS,
  CASE_STATUSES,
  COERCION_DEGREES,
  CONTROL_METHODS,
  CRIME_ESTABLISHED,
  OFFENCES,
  ORIGIN_REGIONS,
  JUSTICE_STEPS,
  PERPETRATOR_ROLES,
  PRISON_BANDS,
  RECORDABLE_SANCTIONS,
  REPORTING_BODIES,
  RESIDENCE_PERMITS,
  SEXES,
  SUPPORT_MEASURES,
  YES_NO_UNKNOWN,
  type CaseStatus,
} from '@/lib/enums';
import {
  checkboxes,
  choice,
  countyCode,
  countyParam,
  dateField,
  dateParam,
  flagParam,
  idCheckboxes,
  idField,
  isBlank,
  optionalId,
  paramIn,
  paramMatching,
  present,
  versionField,
  whenValid,
} from '@/lib/forms/fields';
import { findPersonalData, optionalGuardedText } from '@/lib/privacy-guard';
import { stepFieldErrors } from '@/lib/justice';

// db/queries/cases.ts imports these from here; everything else takes them from lib/forms/fields.
export { isIsoDate, todayInStockholm, UUID_PATTERN } from '@/lib/forms/fields';

/** Same limits as the database's check constraints (db/schema/cases.ts NOTES_MAX, EVENT_NOTE_MAX); a test keeps them equal. */
export const CASE_NOTES_MAX = 2000;
export const STATUS_NOTE_MAX = 1000;
export const POLICE_REPORT_NUMBER_MAX = 40;
export const PARTIES_MAX = 50;
export const SEARCH_MAX = 50;

/** A date field of a form: required, real, not before 1990 and not after today in Sweden. */
const pastDate = () => dateField({ future: 'none' });

// ---------------------------------------------------------------------------------------------
// Selects and checkbox groups

/** An optional select whose empty option means the given default (as the database's default). */
function choiceOr<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z
    .string()
    .nullish()
    .transform((value) => (isBlank(value) ? fallback : (value as string)))
    .pipe(z.enum(values, { error: 'validation.choice' }));
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/**
 * The police's own number of a report (diarienummer), as printed on it: the registering unit's
 * four-digit code, K (a crime report, "K-ärende"), the serial (1–7 digits) and the year's last two
 * digits: 5000-K123456-25. Seven digits at most, so that no 10- or 12-digit identity number can
 * hide in the serial. The database's check (db/schema/cases.ts POLICE_REPORT_NUMBER_FORMAT) is the
 * same pattern; a test keeps them equal.
 */
export const POLICE_REPORT_NUMBER_PATTERN = /^[0-9]{4}-K[0-9]{1,7}-[0-9]{2}$/;

/**
 * The stored form, so that duplicates are found by equality: full-width characters folded
 * (NFKC), upper-case, every kind of dash a hyphen, spaces around the hyphens dropped and other
 * runs of spaces collapsed.
 */
export function normalisePoliceReportNumber(value: string): string {
  return value
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ');
}

/** Optional; '' → null. */
const policeReportNumber = z
  .string()
  .nullish()
  .transform((value) => (value == null ? null : normalisePoliceReportNumber(value) || null))
  .pipe(
    z
      .string()
      .max(POLICE_REPORT_NUMBER_MAX, 'validation.policeReportNumber')
      .superRefine((value, ctx) => {
        // An identity number typed here is named as such, not as a wrong format.
        const kind = findPersonalData(value);
        if (kind) ctx.addIssue({ code: 'custom', message: `validation.personalData.${kind}` });
        else if (!POLICE_REPORT_NUMBER_PATTERN.test(value))
          ctx.addIssue({ code: 'custom', message: 'validation.policeReportNumber' });
      })
      .nullable(),
  );

/** ISO 3166-1 alpha-2 country code, optional: 'se' → 'SE', '' → null. */
const citizenship = z
  .string()
  .nullish()
  .transform((value) => (value == null ? null : value.trim().toUpperCase() || null))
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'validation.citizenship')
      .nullable(),
  );

// A case's id and version name the case in their messages ("Ärendet kunde inte identifieras").
const caseId = idField('validation.id');
const version = versionField('validation.version');

// ---------------------------------------------------------------------------------------------
// Parties

/**
 * A party's id: the stored party a form row edits ('' or absent for a new one), so that an edit
 * updates each party in place and a perpetrator's steps stay with them (decision 012).
 */
const partyId = optionalId.optional().transform((value) => value ?? null);

const partyBase = {
  id: partyId,
  sex: choice(SEXES),
  ageBand: choice(AGE_BANDS),
  originRegion: choice(ORIGIN_REGIONS),
  citizenship,
};

/**
 * Support measures: at least one box. 'none' and 'unknown' are answers in their own right, so an
 * empty group would be a third, ambiguous "not answered"; and neither combines with a measure.
 */
const support = checkboxes(SUPPORT_MEASURES)
  .refine((list) => list.length > 0, 'validation.supportRequired')
  .refine(
    (list) => list.length === 1 || !list.some((v) => v === 'none' || v === 'unknown'),
    'validation.supportExclusive',
  );

export const VictimSchema = z.object({
  role: z.literal('victim'),
  ...partyBase,
  plaintiffStatus: choice(YES_NO_UNKNOWN),
  residencePermit: choice(RESIDENCE_PERMITS),
  support,
});

export const PerpetratorSchema = z.object({
  role: z.literal('perpetrator'),
  ...partyBase,
  perpetratorRole: choice(PERPETRATOR_ROLES),
});

/**
 * One victim or perpetrator, described only by category. Fields of the other role are dropped
 * (the form may keep them all in its state while the person switches the role).
 */
export const PartySchema = z.discriminatedUnion('role', [VictimSchema, PerpetratorSchema], {
  error: 'validation.partyRole',
});
export type PartyInput = z.input<typeof PartySchema>;
export type PartyOutput = z.output<typeof PartySchema>;

// ---------------------------------------------------------------------------------------------
// The case

const caseFields = {
  countyCode,
  reportedOn: pastDate(),
  reportingBody: choice(REPORTING_BODIES),
  policeReportNumber,
  offences: checkboxes(OFFENCES).refine((list) => list.length > 0, 'validation.offenceRequired'),
  arena: choice(ARENAS),
  onlinePlatform: choiceOr(YES_NO_UNKNOWN, 'unknown'),
  crossBorder: choiceOr(YES_NO_UNKNOWN, 'unknown'),
  crimeEstablished: choice(CRIME_ESTABLISHED),
  coercionDegree: choice(COERCION_DEGREES),
  controlMethods: checkboxes(CONTROL_METHODS),
  notes: optionalGuardedText(CASE_NOTES_MAX),
  parties: z
    .array(PartySchema)
    .max(PARTIES_MAX, 'validation.partiesMax')
    .nullish()
    .transform((list) => list ?? []),
};

/** Register a case. */
export const CaseSchema = z.object(caseFields);
export type CaseInput = z.input<typeof CaseSchema>;
export type CaseOutput = z.output<typeof CaseSchema>;

/** Edit a case: the same fields, the case's id and the version the form was loaded with. The county cannot change. */
export const CaseEditSchema = z.object({
  ...caseFields,
  // Left out, they would be emptied: an edit must say what the lists are now.
  parties: present(caseFields.parties),
  controlMethods: present(caseFields.controlMethods),
  id: caseId,
  version,
});
export type CaseEditInput = z.input<typeof CaseEditSchema>;
export type CaseEditOutput = z.output<typeof CaseEditSchema>;

// ---------------------------------------------------------------------------------------------
// Status pipeline

/** Every status a step can lead to ('reported' is only ever the first step, set on registration). */
export const STEP_STATUSES = CASE_STATUSES.filter(
  (s): s is Exclude<CaseStatus, 'reported'> => s !== 'reported',
) as unknown as readonly [Exclude<CaseStatus, 'reported'>, ...Exclude<CaseStatus, 'reported'>[]];

export const StatusStepSchema = z.object({
  id: caseId,
  version,
  status: choice(STEP_STATUSES),
  occurredOn: pastDate(),
  note: optionalGuardedText(STATUS_NOTE_MAX),
});
export type StatusStepInput = z.input<typeof StatusStepSchema>;
export type StatusStepOutput = z.output<typeof StatusStepSchema>;

/** Soft delete (the version guards against deleting what someone just changed) and restore. */
export const CaseDeleteSchema = z.object({ id: caseId, version });
export const CaseRestoreSchema = z.object({ id: caseId });

// ---------------------------------------------------------------------------------------------
// The list's URL query parameters

export const CASE_SORTS = ['reported_desc', 'reported_asc', 'reference_asc', 'reference_desc'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/**
 * URL parameters of the case list. Never throws: a value that does not fit (hand-edited URL, an
 * old bookmark) is dropped to undefined, so the page shows the list without that filter.
 */
export const CaseFilterSchema = z.object({
  county: countyParam,
  from: dateParam,
  to: dateParam,
  offence: paramIn(OFFENCES),
  status: paramIn(CASE_STATUSES),
  coercionDegree: paramIn(COERCION_DEGREES),
  reportingBody: paramIn(REPORTING_BODIES),
  crimeEstablished: paramIn(CRIME_ESTABLISHED),
  /** An exact reference (any case) or police report number. */
  q: paramMatching((v) => v.length <= SEARCH_MAX),
  sort: paramIn(CASE_SORTS).transform((value) => value ?? 'reported_desc'),
  /** Opaque keyset cursor from a previous page (nextCursor / prevCursor). */
  cursor: paramMatching((v) => v.length <= 300 && /^[A-Za-z0-9_-]+$/.test(v)),
  includeDeleted: flagParam,
});
export type CaseFilterOutput = z.output<typeof CaseFilterSchema>;

// ---------------------------------------------------------------------------------------------
// Each perpetrator's path (decision 012)

/** An optional select, '' → null. */
function optionalChoice<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .nullish()
    .transform((value) => (isBlank(value) ? null : (value as string)))
    .pipe(z.enum(values, { error: 'validation.choice' }).nullable());
}

/**
 * One step for one or several perpetrators of a case at once: the same date, offences and
 * sanction for each. Which fields a step needs (offences, sanction, prison band) is checked
 * here for the form and again, with each person's path, in the data layer.
 */
export const PerpetratorStepSchema = z
  .object({
    id: caseId,
    version,
    partyIds: idCheckboxes().refine((list) => list.length > 0, 'validation.personRequired'),
    step: choice(JUSTICE_STEPS),
    occurredOn: pastDate(),
    offences: checkboxes(OFFENCES),
    sanction: optionalChoice(RECORDABLE_SANCTIONS),
    prisonBand: optionalChoice(PRISON_BANDS),
  })
  .superRefine(
    (v, ctx) => {
      for (const { field, message } of stepFieldErrors(v)) ctx.addIssue({ code: 'custom', path: [field], message });
    },
    whenValid('step', 'offences', 'sanction', 'prisonBand'),
  );
export type PerpetratorStepInput = z.input<typeof PerpetratorStepSchema>;
export type PerpetratorStepOutput = z.output<typeof PerpetratorStepSchema>;
