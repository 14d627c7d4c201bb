import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  AGE_BANDS,
  ARENAS,
  CASE_STATUSES,
  COERCION_DEGREES,
  CONTROL_METHODS,
  CRIME_ESTABLISHED,
  JUSTICE_STEPS,
  OFFENCES,
  ORIGIN_REGIONS,
  PARTY_ROLES,
  PERPETRATOR_ROLES,
  PRISON_BANDS,
  REPORTING_BODIES,
  RESIDENCE_PERMITS,
  SANCTIONS,
  SEXES,
  SUPPORT_MEASURES,
  YES_NO_UNKNOWN,
} from '../../lib/enums';
import { counties } from './counties';
import { users } from './users';

export const offence = pgEnum('offence', OFFENCES);
export const reportingBody = pgEnum('reporting_body', REPORTING_BODIES);
export const arena = pgEnum('arena', ARENAS);
export const yesNoUnknown = pgEnum('yes_no_unknown', YES_NO_UNKNOWN);
export const crimeEstablished = pgEnum('crime_established', CRIME_ESTABLISHED);
export const coercionDegree = pgEnum('coercion_degree', COERCION_DEGREES);
export const controlMethod = pgEnum('control_method', CONTROL_METHODS);
export const partyRole = pgEnum('party_role', PARTY_ROLES);
export const sex = pgEnum('sex', SEXES);
export const ageBand = pgEnum('age_band', AGE_BANDS);
export const originRegion = pgEnum('origin_region', ORIGIN_REGIONS);
export const residencePermit = pgEnum('residence_permit', RESIDENCE_PERMITS);
export const supportMeasure = pgEnum('support_measure', SUPPORT_MEASURES);
export const perpetratorRole = pgEnum('perpetrator_role', PERPETRATOR_ROLES);
export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const justiceStep = pgEnum('justice_step', JUSTICE_STEPS);
export const sanction = pgEnum('sanction', SANCTIONS);
export const prisonBand = pgEnum('prison_band', PRISON_BANDS);

export const NOTES_MAX = 2000;
/**
 * The police's format of a report number (lib/schemas/cases.ts POLICE_REPORT_NUMBER_PATTERN, the
 * same in JavaScript): 5000-K123456-25. NOT VALID (migration 0009): numbers stored before stay
 * readable; `npm run db:check` lists them.
 */
export const POLICE_REPORT_NUMBER_FORMAT = '^[0-9]{4}-K[0-9]{1,7}-[0-9]{2}$';
export const EVENT_NOTE_MAX = 1000;

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** <county letter>-<year of report>-<4 digits>, e.g. AB-2026-0007; never changes. */
    reference: text('reference').notNull().unique(),
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    reportedOn: date('reported_on').notNull(),
    reportingBody: reportingBody('reporting_body').notNull(),
    policeReportNumber: text('police_report_number'),
    arena: arena('arena').notNull(),
    onlinePlatform: yesNoUnknown('online_platform').notNull().default('unknown'),
    crossBorder: yesNoUnknown('cross_border').notNull().default('unknown'),
    crimeEstablished: crimeEstablished('crime_established').notNull(),
    coercionDegree: coercionDegree('coercion_degree').notNull(),
    controlMethods: controlMethod('control_methods')
      .array()
      .notNull()
      .default(sql`'{}'`),
    notes: text('notes'),
    /** The latest step of the status pipeline, kept with the events in one transaction. */
    status: caseStatus('status').notNull().default('reported'),
    statusOn: date('status_on').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id),
  },
  (t) => [
    // The list (db/queries/cases/list.ts), keyset-paginated within a county or across all counties.
    // Ascending on purpose: a btree is read backwards for `order by reported_on desc, id desc`,
    // while drizzle's .desc() makes DESC NULLS LAST, which that ORDER BY (NULLS FIRST) cannot use.
    // Not partial, so that the deleted cases a coordinator may restore are listed as fast.
    index('cases_county_reported_idx').on(t.countyCode, t.reportedOn, t.id),
    index('cases_reported_idx').on(t.reportedOn, t.id),
    index('cases_county_reference_idx').on(t.countyCode, t.reference),
    index('cases_police_report_number_idx')
      .on(t.policeReportNumber)
      .where(sql`${t.policeReportNumber} is not null`),
    // The list's filters: each leads with its own column so that a national filter can use it,
    // and the capped count of a rare value reads its matches instead of the whole table.
    index('cases_status_idx').on(t.status, t.countyCode),
    // A status filter over a period (the list's most common narrowing) without reading every case of that status.
    index('cases_status_reported_idx')
      .on(t.status, t.reportedOn, t.id)
      .where(sql`${t.deletedAt} is null`),
    index('cases_reporting_body_idx').on(t.reportingBody, t.countyCode),
    index('cases_coercion_degree_idx').on(t.coercionDegree, t.countyCode),
    index('cases_crime_established_idx').on(t.crimeEstablished, t.countyCode),
    // An offence filter walks case_offences_offence_idx and probes each case: with this index the
    // probe ("live, and in these counties?") needs no heap access.
    index('cases_live_id_county_idx')
      .on(t.id, t.countyCode)
      .where(sql`${t.deletedAt} is null`),
    check('cases_reference_format', sql`${t.reference} ~ '^[A-Z]{1,2}-[0-9]{4}-[0-9]{4,}$'`),
    check('cases_reported_on_range', sql`${t.reportedOn} >= date '1990-01-01' and ${t.reportedOn} <= current_date + 1`),
    check('cases_notes_length', sql`char_length(${t.notes}) <= ${sql.raw(String(NOTES_MAX))}`),
    check('cases_police_report_number_length', sql`char_length(${t.policeReportNumber}) between 1 and 40`),
    check(
      'cases_police_report_number_format',
      sql`${t.policeReportNumber} ~ ${sql.raw(`'${POLICE_REPORT_NUMBER_FORMAT}'`)}`,
    ),
    check('cases_version_positive', sql`${t.version} >= 1`),
    check('cases_deleted_pair', sql`(${t.deletedAt} is null) = (${t.deletedBy} is null)`),
  ],
);

export const caseOffences = pgTable(
  'case_offences',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    offence: offence('offence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.offence] }), index('case_offences_offence_idx').on(t.offence, t.caseId)],
);

/** Victims and perpetrators, described only by category: never a name, number or contact detail. */
export const caseParties = pgTable(
  'case_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    role: partyRole('role').notNull(),
    sex: sex('sex').notNull(),
    ageBand: ageBand('age_band').notNull(),
    originRegion: originRegion('origin_region').notNull(),
    /** ISO 3166-1 alpha-2, optional. */
    citizenship: char('citizenship', { length: 2 }),
    plaintiffStatus: yesNoUnknown('plaintiff_status'),
    residencePermit: residencePermit('residence_permit'),
    support: supportMeasure('support').array(),
    perpetratorRole: perpetratorRole('perpetrator_role'),
  },
  (t) => [
    index('case_parties_case_idx').on(t.caseId),
    unique('case_parties_position_key').on(t.caseId, t.position),
    // The target of perpetrator_steps' (party_id, case_id) key: a step's person belongs to its case.
    unique('case_parties_id_case_key').on(t.id, t.caseId),
    check('case_parties_citizenship_format', sql`${t.citizenship} ~ '^[A-Z]{2}$'`),
    // Victim facts only on victims, perpetrator facts only on perpetrators.
    check(
      'case_parties_role_fields',
      sql`(${t.role} = 'victim' and ${t.perpetratorRole} is null and ${t.plaintiffStatus} is not null and ${t.residencePermit} is not null and ${t.support} is not null)
       or (${t.role} = 'perpetrator' and ${t.perpetratorRole} is not null and ${t.plaintiffStatus} is null and ${t.residencePermit} is null and ${t.support} is null)`,
    ),
  ],
);

export const caseStatusEvents = pgTable(
  'case_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    status: caseStatus('status').notNull(),
    occurredOn: date('occurred_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Each step happens at most once in a case's life.
    unique('case_status_events_step_key').on(t.caseId, t.status),
    index('case_status_events_case_idx').on(t.caseId, t.occurredOn),
    check('case_status_events_note_length', sql`char_length(${t.note}) <= ${sql.raw(String(EVENT_NOTE_MAX))}`),
  ],
);

/**
 * One step of one perpetrator's path (decision 012). The case's status is derived from these when
 * the case has perpetrators. A party with steps cannot be deleted (NO ACTION: checked at the end
 * of the statement, so deleting the whole case still cascades through both tables).
 */
export const perpetratorSteps = pgTable(
  'perpetrator_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id').notNull(),
    step: justiceStep('step').notNull(),
    occurredOn: date('occurred_on').notNull(),
    sanction: sanction('sanction'),
    prisonBand: prisonBand('prison_band'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'perpetrator_steps_party_fk',
      columns: [t.partyId, t.caseId],
      foreignColumns: [caseParties.id, caseParties.caseId],
    }),
    // Each step happens at most once in a person's path.
    unique('perpetrator_steps_party_step_key').on(t.partyId, t.step),
    index('perpetrator_steps_case_idx').on(t.caseId),
    check(
      'perpetrator_steps_occurred_on_range',
      sql`${t.occurredOn} >= date '1990-01-01' and ${t.occurredOn} <= current_date + 1`,
    ),
    // A sanction on an order or a conviction, required there, refused elsewhere.
    check(
      'perpetrator_steps_sanction',
      sql`(${t.step} in ('penalty_order', 'convicted', 'convicted_on_appeal')) = (${t.sanction} is not null)`,
    ),
    // A strafföreläggande imposes a fine or a conditional sentence (RB 48:2), nothing else.
    check(
      'perpetrator_steps_penalty_order_sanction',
      sql`${t.step} <> 'penalty_order' or ${t.sanction} in ('fine', 'conditional_sentence')`,
    ),
    check(
      'perpetrator_steps_prison_band',
      sql`(${t.sanction} is not distinct from 'prison') = (${t.prisonBand} is not null)`,
    ),
  ],
);

/** Which of the case's offences a prosecution, order or judgment concerns: chosen, never copied. */
export const perpetratorStepOffences = pgTable(
  'perpetrator_step_offences',
  {
    stepId: uuid('step_id')
      .notNull()
      .references(() => perpetratorSteps.id, { onDelete: 'cascade' }),
    offence: offence('offence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stepId, t.offence] })],
);

/** The last number given per county and year: an upsert on it serialises concurrent creations. */
export const caseReferenceCounters = pgTable(
  'case_reference_counters',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.year] })],
);

export type Case = typeof cases.$inferSelect;
export type CaseParty = typeof caseParties.$inferSelect;
export type CaseStatusEvent = typeof caseStatusEvents.$inferSelect;
export type PerpetratorStep = typeof perpetratorSteps.$inferSelect;
export type PerpetratorStepOffence = typeof perpetratorStepOffences.$inferSelect;
