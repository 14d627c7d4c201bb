import { boolean, check, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './users';

// Released figures (issue 14, decision 017): a calendar year's protected figures, frozen with
// their protection pattern, as every viewer outside a scope sees them. Append-only: a trigger
// (migration 0020) refuses UPDATE, DELETE and TRUNCATE; a corrected year is a new version.
export const statisticsReleases = pgTable(
  'statistics_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: smallint('year').notNull(),
    version: smallint('version').notNull(),
    threshold: smallint('threshold').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who released it; null when it was released automatically on the release day. */
    releasedBy: uuid('released_by').references(() => users.id),
    automatic: boolean('automatic').notNull(),
    /** A fingerprint of the full figures it was made from: a change to them asks for a new version. */
    sourceFingerprint: text('source_fingerprint').notNull(),
    /** Scope keys ('01', 'region:Syd', 'SE') and measure names: cell (s, m) = s × measures + m. */
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    measures: jsonb('measures').$type<string[]>().notNull(),
    /** Each cell as published: a count (≥ 0), -1 protected ("×"), -2 not published ("–"). Never a hidden value. */
    cells: jsonb('cells').$type<number[]>().notNull(),
    hiddenCells: integer('hidden_cells').notNull(),
    /**
     * 2: case counts readers rely on are never hidden, rounded cells coded in base 32; 1 (before
     * 2026-12-04): they could be hidden, rounded cells in base 4 (decision 017, cube.ts).
     */
    format: smallint('format').notNull().default(1),
    /**
     * The median days to each step, by scope key, for the scopes whose breakdowns are published
     * (the nation, police regions): frozen with the counts they are taken over.
     */
    medians: jsonb('medians').$type<ReleaseMedians>().notNull().default({}),
  },
  (t) => [
    unique('statistics_releases_year_version').on(t.year, t.version),
    check('statistics_releases_version_positive', sql`${t.version} >= 1`),
    check('statistics_releases_threshold_range', sql`${t.threshold} between 3 and 20`),
    check('statistics_releases_format_known', sql`${t.format} in (1, 2)`),
  ],
);

/** Per scope: the cases' median days to each step, and the persons' to each of their steps (null: none). */
export type ReleaseMedians = Record<
  string,
  { steps: Record<string, number | null>; persons: Record<string, number | null> }
>;

export type StatisticsRelease = typeof statisticsReleases.$inferSelect;

/** Settings the national coordinator changes in the app (one row per key). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
  version: integer('version').notNull().default(1),
});
