import { sql } from 'drizzle-orm';
import { boolean, char, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../roles';
import { counties } from './counties';

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
    active: boolean('active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
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
    check('users_failed_login_count_nonnegative', sql`${t.failedLoginCount} >= 0`),
    check('users_email_shape', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export type User = typeof users.$inferSelect;
