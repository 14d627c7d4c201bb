import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../lib/roles';
import { counties, policeRegion } from './counties';

export const userRole = pgEnum('user_role', ROLES);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    countyCode: char('county_code', { length: 2 }).references(() => counties.code),
    /** The police region of a regional coordinator, whose scope is its counties; null for every other role. */
    policeRegion: policeRegion('police_region'),
    active: boolean('active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /** Set by an admin's password reset: the shell sends the person to change it before anything else. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /**
     * Every session carries the version it was issued with; raising it ends all of the person's
     * sessions at their next request (deactivation, role, county or region change, password reset).
     */
    sessionVersion: integer('session_version').notNull().default(0),
    /** The person's language ('sv' or 'en'); null: the browser's cookie, else Swedish. */
    locale: text('locale'),
    /** TOTP (RFC 6238) secret, encrypted (db/totp.ts); set once the person has confirmed a code. */
    totpSecret: text('totp_secret'),
    /** A secret being set up, encrypted; it becomes totp_secret when a code from it is confirmed. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last time step whose code was accepted: a code is good once (RFC 6238 §5.2). */
    totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One account per address whatever its case: "Anna@x" and "anna@x" are the same person.
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_county_code_idx').on(t.countyCode),
    // County roles belong to exactly one county; national roles and the admin to none.
    check(
      'users_county_matches_role',
      sql`(${t.role} in ('county_coordinator', 'county_staff')) = (${t.countyCode} is not null)`,
    ),
    // The regional coordinator belongs to exactly one police region (and no county); no one else
    // to any. Compared as text: the enum value is new in the same migration, and PostgreSQL
    // refuses a new enum value used in the transaction that adds it.
    check(
      'users_region_matches_role',
      sql`(${t.role}::text = 'regional_coordinator') = (${t.policeRegion} is not null)`,
    ),
    check('users_failed_login_count_nonnegative', sql`${t.failedLoginCount} >= 0`),
    check('users_email_shape', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check('users_locale_known', sql`${t.locale} is null or ${t.locale} in ('sv', 'en')`),
    check('users_session_version_nonnegative', sql`${t.sessionVersion} >= 0`),
    check('users_totp_enabled_has_secret', sql`(${t.totpSecret} is null) = (${t.totpEnabledAt} is null)`),
  ],
);

export type User = typeof users.$inferSelect;
