import { bigint, char, date, index, integer, pgEnum, pgTable, primaryKey, smallint, uuid } from 'drizzle-orm/pg-core';
import { PARTY_COLUMNS, PERSON_COLUMNS, PERSON_STATUSES, ROLLUP_COLUMNS } from '../statistics/measures';
import { caseStatus, coercionDegree, crimeEstablished, reportingBody, sex } from './cases';
import { counties } from './counties';

// Rollups of the case register for the overviews (decision 005). Triggers on cases, case_offences,
// case_parties and case_status_events (custom migration "statistics_triggers", SQL made by
// db/statistics/rollup-sql.ts) keep them current in the same transaction as every write, applied
// at its commit (decision 016), so the figures always equal a GROUP BY over the rows. Never
// written by the application.

/**
 * One row per live (not deleted) case: what it adds to the rollups, so a change can subtract
 * exactly what the case added before; and the days between the steps, for the medians.
 */
export const statCaseFacts = pgTable(
  'stat_case_facts',
  {
    // No foreign key on purpose: a cascade would delete the facts before the trigger on cases
    // could subtract them from the rollups. The triggers remove the facts of a deleted case.
    caseId: uuid('case_id').primaryKey(),
    countyCode: char('county_code', { length: 2 }).notNull(),
    reportedOn: date('reported_on').notNull(),
    /** Bit i set when the case has OFFENCES[i] (db/statistics/measures.ts offenceBit). */
    offenceMask: smallint('offence_mask').notNull(),
    crimeEstablished: crimeEstablished('crime_established').notNull(),
    coercionDegree: coercionDegree('coercion_degree').notNull(),
    reportingBody: reportingBody('reporting_body').notNull(),
    /** Days from the report to the preliminary investigation; null while not reached. */
    investigationDays: integer('investigation_days'),
    /** Days from the investigation to the prosecution. */
    prosecutedDays: integer('prosecuted_days'),
    /** Days from the prosecution to the conviction. */
    convictedDays: integer('convicted_days'),
    ...Object.fromEntries(PARTY_COLUMNS.map((c) => [c, smallint(c).notNull().default(0)])),
  },
  (t) => [
    // The medians of a county's or the nation's period: read from the index alone.
    index('stat_case_facts_county_idx').on(
      t.countyCode,
      t.reportedOn,
      t.offenceMask,
      t.investigationDays,
      t.prosecutedDays,
      t.convictedDays,
    ),
    index('stat_case_facts_reported_idx').on(
      t.reportedOn,
      t.offenceMask,
      t.investigationDays,
      t.prosecutedDays,
      t.convictedDays,
    ),
  ],
);

const rollupColumns = () => Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, integer(c).notNull().default(0)]));

/** Sums per county, report day and offence combination: the edges of a period. */
export const statCaseDays = pgTable(
  'stat_case_days',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    day: date('day').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...rollupColumns(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.day, t.offenceMask] }), index('stat_case_days_day_idx').on(t.day)],
);

/** The same per calendar month (month = its first day): the whole months of a period. */
export const statCaseMonths = pgTable(
  'stat_case_months',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    month: date('month').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...rollupColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.month, t.offenceMask] }),
    index('stat_case_months_month_idx').on(t.month),
  ],
);

/** The same per calendar year (year = 1 January): the cubes of the suppressed views and long trends. */
export const statCaseYears = pgTable(
  'stat_case_years',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    year: date('year').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...rollupColumns(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.year, t.offenceMask] }), index('stat_case_years_year_idx').on(t.year)],
);

/**
 * How many cases of a county and report year took how many days to a funnel step (from the step
 * before): the medians of the whole years of a period, the facts giving the days of the months
 * around them (decision 018). No offence combination: a dashboard filtered by offence reads the facts.
 */
export const statCaseStepYears = pgTable(
  'stat_case_step_years',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    year: date('year').notNull(),
    step: caseStatus('step').notNull(),
    days: integer('days').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year, t.step, t.days] }),
    // A county's year and the nation's, each read from the index alone.
    index('stat_case_step_years_year_idx').on(t.year, t.countyCode, t.step, t.days, t.cases),
  ],
);

// ── Persons by legal status (decision 014) ──────────────────────────────────────────────────
// Kept by the triggers of the custom migration "person_figures_triggers" (SQL made by
// db/statistics/person-sql.ts): each perpetrator once per case and status, in the year of the step.

export const personStatus = pgEnum('person_status', PERSON_STATUSES);

/** One row per perpetrator of a live case and status reached: what it adds to the person rollups, and its days for the medians. */
export const statPersonFacts = pgTable(
  'stat_person_facts',
  {
    // No foreign keys, as in stat_case_facts: the triggers remove the facts of what is deleted.
    partyId: uuid('party_id').notNull(),
    status: personStatus('status').notNull(),
    caseId: uuid('case_id').notNull(),
    countyCode: char('county_code', { length: 2 }).notNull(),
    /** The day of the step; the report's for 'suspected'. */
    occurredOn: date('occurred_on').notNull(),
    /** The offences the step names (OFFENCES bits); the case's when it names none (suspected, discontinued, waived). */
    offenceMask: smallint('offence_mask').notNull(),
    sex: sex('sex').notNull(),
    /** Days from the person's step before (the report for a first step); null for 'suspected'. */
    days: integer('days'),
  },
  (t) => [
    primaryKey({ columns: [t.partyId, t.status] }),
    index('stat_person_facts_case_idx').on(t.caseId),
    // The medians of a period: read from the index alone.
    index('stat_person_facts_status_idx').on(t.status, t.occurredOn, t.countyCode, t.offenceMask, t.days),
  ],
);

const personColumns = () => Object.fromEntries(PERSON_COLUMNS.map((c) => [c, integer(c).notNull().default(0)]));

/** Persons per county, day of the step, status and offence combination: the edges of a period. */
export const statPersonDays = pgTable(
  'stat_person_days',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    day: date('day').notNull(),
    status: personStatus('status').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...personColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.day, t.status, t.offenceMask] }),
    index('stat_person_days_day_idx').on(t.day),
  ],
);

/** The same per calendar month (month = its first day). */
export const statPersonMonths = pgTable(
  'stat_person_months',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    month: date('month').notNull(),
    status: personStatus('status').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...personColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.month, t.status, t.offenceMask] }),
    index('stat_person_months_month_idx').on(t.month),
  ],
);

/** The same per calendar year (year = 1 January): the suppressed views. */
export const statPersonYears = pgTable(
  'stat_person_years',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    year: date('year').notNull(),
    status: personStatus('status').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...personColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year, t.status, t.offenceMask] }),
    index('stat_person_years_year_idx').on(t.year),
  ],
);

/** The same for the persons: how many took how many days to a status (from their step before), per year of the step (decision 018). */
export const statPersonStepYears = pgTable(
  'stat_person_step_years',
  {
    countyCode: char('county_code', { length: 2 })
      .notNull()
      .references(() => counties.code),
    year: date('year').notNull(),
    status: personStatus('status').notNull(),
    days: integer('days').notNull(),
    persons: integer('persons').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.year, t.status, t.days] }),
    index('stat_person_step_years_year_idx').on(t.year, t.countyCode, t.status, t.days, t.persons),
  ],
);

/**
 * What a committing transaction adds to the person rollups: written and applied at commit by the
 * deferred trigger of stat_case_pending, in the rollups' key order, so that writers never take the
 * rollups' row locks in different orders (decisions 014, 016). Empty outside a transaction.
 */
export const statPersonPending = pgTable(
  'stat_person_pending',
  {
    tx: bigint('tx', { mode: 'number' }).notNull(),
    countyCode: char('county_code', { length: 2 }).notNull(),
    day: date('day').notNull(),
    status: personStatus('status').notNull(),
    offenceMask: smallint('offence_mask').notNull(),
    ...personColumns(),
  },
  (t) => [index('stat_person_pending_tx_idx').on(t.tx)],
);

/**
 * The cases each open transaction has touched: every statement on cases, their offences, parties,
 * status events and perpetrators' steps records its cases here (nothing else), and one deferred
 * trigger recomputes their facts at commit and applies the differences to the person and case
 * rollups in one global order (decision 016). Empty outside a transaction.
 */
export const statCasePending = pgTable(
  'stat_case_pending',
  { tx: bigint('tx', { mode: 'number' }).notNull(), caseId: uuid('case_id').notNull() },
  (t) => [primaryKey({ columns: [t.tx, t.caseId] })],
);
