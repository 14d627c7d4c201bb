import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userRole, users } from './users';

// Account security beside the users table (issue 6): recovery codes for two-factor sign-in, the
// per-role two-factor requirement, and the sign-in rate limits.

/** Ten one-time codes per person, for when the authenticator is lost. Only a hash is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the normalised code: the codes carry 60 random bits, so a slow hash adds nothing. */
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

/** What the admin requires of each role. A role without a row requires nothing beyond a password. */
export const roleSecuritySettings = pgTable('role_security_settings', {
  role: userRole('role').primaryKey(),
  totpRequired: boolean('totp_required').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Fixed-window counters (e.g. failed sign-ins per client address), in the database so that the
 * limit holds however many app instances run. One atomic upsert per hit (db/queries/auth/rate-limits.ts).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
    hits: integer('hits').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rate_limits_window_start_idx').on(t.windowStart),
    check('rate_limits_hits_nonnegative', sql`${t.hits} >= 0`),
  ],
);

/**
 * Sessions ended by signing out. A JWT session cannot be taken back from the browser, and a
 * request still in flight when the person signs out may even set the cookie again: so the
 * session's id is remembered here until the session could not be valid anyway (8 hours).
 */
export const endedSessions = pgTable(
  'ended_sessions',
  {
    sid: uuid('sid').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ended_sessions_ended_at_idx').on(t.endedAt)],
);

export type RecoveryCode = typeof recoveryCodes.$inferSelect;
export type RoleSecuritySetting = typeof roleSecuritySettings.$inferSelect;
export type RateLimit = typeof rateLimits.$inferSelect;
