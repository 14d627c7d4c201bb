import { char, date, index, integer, pgTable, primaryKey, smallint, uuid } from 'drizzle-orm/pg-core';
import { PARTY_COLUMNS, ROLLUP_COLUMNS } from '../statistics/measures';
import { coercionDegree, crimeEstablished, reportingBody } from './cases';
import { counties } from './counties';

// Rollups of the case register for the overviews (decision 005). Triggers on cases, case_offences,
// case_parties and case_status_events (custom migration "statistics_triggers", SQL made by
// db/statistics/rollup-sql.ts) keep them current in the same transaction as every write, so the
// figures always equal a GROUP BY over the rows. Never written by the application.

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
