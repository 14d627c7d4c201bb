import 'server-only';
import { randomInt } from 'node:crypto';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { changedFields, writeAudit } from '@/db/audit';
import { getDb, type Tx } from '@/db';
import { hashPassword } from '@/db/passwords';
import { clearRateLimit, rateLimitKey } from '@/db/queries/auth/rate-limits';
import { users, type User } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { UUID_PATTERN } from '@/lib/forms/fields';
import { assertCan, type Actor } from '@/lib/policy';
import type { PoliceRegion } from '@/lib/regions';
import { isCountyRole, isRegionalRole, type Role } from '@/lib/roles';
import { assertCountiesExist } from '../_shared/records';
import { clearTotp } from './account';

// User administration (user.manage): the list, one account, creating, changing, deactivating,
// and resetting a password or the two-factor sign-in. createUser also serves the operator's
// command line and the seeds. Every change is audited in its transaction; none lets the last
// active admin lose access.

export type UserListRow = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  policeRegion: PoliceRegion | null;
  active: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
};

const listColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  countyCode: users.countyCode,
  policeRegion: users.policeRegion,
  active: users.active,
  lockedUntil: users.lockedUntil,
  lastSignInAt: users.lastSignInAt,
  totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
  mustChangePassword: users.mustChangePassword,
};

export type UserFilter = { search?: string; role?: Role; status?: 'active' | 'inactive' };

export async function listUsersForActor(actor: Actor, filter: UserFilter = {}): Promise<UserListRow[]> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  const search = filter.search?.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select(listColumns)
    .from(users)
    .where(
      and(
        search ? or(ilike(users.email, `%${search}%`), ilike(users.displayName, `%${search}%`)) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.status ? eq(users.active, filter.status === 'active') : undefined,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.email));
}

export type UserDetail = UserListRow & {
  createdAt: Date;
  passwordChangedAt: Date | null;
  totpEnabledAt: Date | null;
  failedLoginCount: number;
};

export async function getUserForActor(actor: Actor, id: string): Promise<UserDetail> {
  assertCan(actor, 'user.manage');
  if (!UUID_PATTERN.test(id)) throw new AppError('not_found');
  const db = await getDb();
  const [row] = await db
    .select({
      ...listColumns,
      createdAt: users.createdAt,
      passwordChangedAt: users.passwordChangedAt,
      totpEnabledAt: users.totpEnabledAt,
      failedLoginCount: users.failedLoginCount,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

export type NewUser = {
  email: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  /** The regional coordinator's police region; null or absent for every other role. */
  policeRegion?: PoliceRegion | null;
  password: string;
  mustChangePassword?: boolean;
};

/** County roles have a county, the regional coordinator a region, everyone else neither (the CHECKs say it again). */
function assertScopeMatchesRole(role: Role, countyCode: string | null, policeRegion: PoliceRegion | null): void {
  if (isCountyRole(role) !== (countyCode !== null)) {
    throw new AppError('invalid', 'county_role_mismatch', { field: 'countyCode' });
  }
  if (isRegionalRole(role) !== (policeRegion !== null)) {
    throw new AppError('invalid', 'region_role_mismatch', { field: 'policeRegion' });
  }
}

/**
 * Create an account. `actor` is null only for the operator's command line (npm run user:create,
 * the demo seed), which runs with direct access to the database anyway.
 */
export async function createUser(actor: Actor | null, input: NewUser): Promise<{ id: string }> {
  if (actor) assertCan(actor, 'user.manage');
  const policeRegion = input.policeRegion ?? null;
  assertScopeMatchesRole(input.role, input.countyCode, policeRegion);
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (input.countyCode) await assertCountiesExist(tx, [input.countyCode], 'countyCode');
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()));
    if (existing) throw new AppError('conflict', 'email_taken', { field: 'email' });
    const [created] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        displayName: input.displayName.trim(),
        role: input.role,
        countyCode: input.countyCode,
        policeRegion,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      // The check above cannot see a creation of the same address that has not committed yet;
      // the unique index on lower(email) decides then, and the second is told the same.
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw new AppError('conflict', 'email_taken', { field: 'email' });
    await writeAudit(tx, {
      actorId: actor?.id ?? null,
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      countyCode: input.countyCode,
      changes: {
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        countyCode: input.countyCode,
        ...(policeRegion ? { policeRegion } : {}),
        via: actor ? 'app' : 'cli',
      },
    });
    return created;
  });
}

// Readable aloud and typed by hand once: no 0/O, 1/I/L.
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password like "Xk7p-Qm2d-W9tb-Rr4e" (16 random characters ≈ 93 bits). */
function newOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** An admin creates an account; the person signs in with a one-time password and must change it. */
export async function createUserByAdmin(
  actor: Actor,
  input: {
    email: string;
    displayName: string;
    role: Role;
    countyCode: string | null;
    policeRegion?: PoliceRegion | null;
  },
): Promise<{ id: string; oneTimePassword: string }> {
  assertCan(actor, 'user.manage');
  const oneTimePassword = newOneTimePassword();
  const { id } = await createUser(actor, { ...input, password: oneTimePassword, mustChangePassword: true });
  return { id, oneTimePassword };
}

/**
 * Lock the rows of every active admin, then the target's, for the rest of the transaction. Two
 * admins removing each other at the same moment are thereby serialised: the second sees the
 * first's change and is refused (the last-admin rule holds under concurrency).
 */
async function lockForAdminChange(tx: Tx, id: string): Promise<{ target: User; activeAdmins: number }> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for('update');
  const [target] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!target) throw new AppError('not_found');
  return { target, activeAdmins: admins.length };
}

/** Nobody removes their own access, nor the last active admin's. */
function assertAdminRemains(
  actor: Actor,
  target: User,
  after: { role: Role; active: boolean },
  activeAdmins: number,
): void {
  const losesAdmin = target.role === 'admin' && target.active && !(after.role === 'admin' && after.active);
  if (target.id === actor.id && (after.role !== target.role || !after.active))
    throw new AppError('invalid', 'own_account');
  if (losesAdmin && activeAdmins <= 1) throw new AppError('conflict', 'last_admin');
}

/**
 * Change a person's role, county, region or name. A role, county or region change ends their
 * sessions at once (a database trigger raises session_version, migrations
 * account_security_triggers and regional_coordinators).
 */
export async function updateUserByAdmin(
  actor: Actor,
  input: { id: string; displayName: string; role: Role; countyCode: string | null; policeRegion?: PoliceRegion | null },
): Promise<{ id: string }> {
  assertCan(actor, 'user.manage');
  const policeRegion = input.policeRegion ?? null;
  assertScopeMatchesRole(input.role, input.countyCode, policeRegion);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (input.countyCode) await assertCountiesExist(tx, [input.countyCode], 'countyCode');
    const { target, activeAdmins } = await lockForAdminChange(tx, input.id);
    assertAdminRemains(actor, target, { role: input.role, active: target.active }, activeAdmins);
    const after = {
      displayName: input.displayName.trim(),
      role: input.role,
      countyCode: input.countyCode,
      policeRegion,
    };
    const changes = changedFields(
      {
        displayName: target.displayName,
        role: target.role,
        countyCode: target.countyCode,
        policeRegion: target.policeRegion,
      },
      after,
    );
    if (Object.keys(changes).length === 0) return { id: target.id };
    await tx
      .update(users)
      .set({ ...after, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.update',
      entityType: 'user',
      entityId: target.id,
      countyCode: input.countyCode ?? target.countyCode,
      changes,
    });
    return { id: target.id };
  });
}

/** Deactivate (ending every session at once) or reactivate an account. */
export async function setUserActiveByAdmin(
  actor: Actor,
  input: { id: string; active: boolean },
): Promise<{ id: string }> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { target, activeAdmins } = await lockForAdminChange(tx, input.id);
    assertAdminRemains(actor, target, { role: target.role, active: input.active }, activeAdmins);
    if (target.active === input.active) return { id: target.id };
    await tx
      .update(users)
      .set({
        active: input.active,
        updatedAt: sql`now()`,
        ...(input.active ? { failedLoginCount: 0, lockedUntil: null } : {}),
      })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: input.active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: target.id,
      countyCode: target.countyCode,
      changes: { active: { from: target.active, to: input.active } },
    });
    return { id: target.id };
  });
}

/**
 * A new one-time password, shown once to the admin; the person must change it at their next
 * sign-in. Unlocks the account and ends its sessions (the trigger sees the new hash).
 */
export async function resetPasswordByAdmin(
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; oneTimePassword: string }> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const result = await db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
    if (!target) throw new AppError('not_found');
    if (target.id === actor.id) throw new AppError('invalid', 'own_account');
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        passwordChangedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.reset_password',
      entityType: 'user',
      entityId: target.id,
      countyCode: target.countyCode,
      changes: {
        mustChangePassword: { from: target.mustChangePassword, to: true },
        unlocked: target.lockedUntil !== null,
      },
    });
    return target;
  });
  await clearRateLimit(db, rateLimitKey('sign-in:account', result.email));
  return { id: result.id, oneTimePassword };
}

/** For a person who lost their authenticator and their recovery codes: they set it up again. */
export async function resetTwoFactorByAdmin(actor: Actor, input: { id: string }): Promise<{ id: string }> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, input.id)).for('update');
    if (!target) throw new AppError('not_found');
    if (target.id === actor.id) throw new AppError('invalid', 'own_account');
    if (!target.totpEnabledAt) return { id: target.id };
    await clearTotp(tx, target.id);
    // Whoever holds a session signed in with the lost authenticator is signed out.
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.reset_two_factor',
      entityType: 'user',
      entityId: target.id,
      countyCode: target.countyCode,
      changes: { totpEnabled: { from: true, to: false } },
    });
    return { id: target.id };
  });
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row?.id ?? null;
}
