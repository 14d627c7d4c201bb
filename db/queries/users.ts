import 'server-only';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { getDb } from '../index';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../passwords';
import { assertCan, type Actor } from '../policy';
import { isCountyRole, type Role } from '../roles';
import { users } from '../schema';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type SessionUser = { id: string; email: string; name: string; role: Role; county: string | null };

/**
 * Check an e-mail and password. Returns the user, or null for every kind of refusal (unknown
 * address, wrong password, inactive, locked) so that the caller cannot tell them apart. The lock
 * lives in the database, so it holds however many app instances run.
 */
export async function authenticateUser(email: string, password: string): Promise<SessionUser | null> {
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);

  if (!user) {
    await verifyAgainstDummy(password);
    return null;
  }

  const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
  const passwordOk = await verifyPassword(user.passwordHash, password);

  if (!user.active || locked) {
    await writeAudit(db, {
      actorId: user.id,
      action: locked ? 'auth.sign_in_refused_locked' : 'auth.sign_in_refused_inactive',
      entityType: 'user',
      entityId: user.id,
      countyCode: user.countyCode,
    });
    return null;
  }

  if (!passwordOk) {
    // One atomic statement, so that concurrent attempts cannot slip past the limit; a lock that
    // has run out starts the count again.
    const [after] = await db
      .update(users)
      .set({
        failedLoginCount: sql`case when ${users.lockedUntil} is not null and ${users.lockedUntil} <= now() then 1 else ${users.failedLoginCount} + 1 end`,
        lockedUntil: sql`case
          when ${users.lockedUntil} is not null and ${users.lockedUntil} <= now() then null
          when ${users.failedLoginCount} + 1 >= ${MAX_FAILED_SIGN_INS} then now() + make_interval(mins => ${LOCK_MINUTES})
          else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
    await writeAudit(db, {
      actorId: user.id,
      action: after?.lockedUntil ? 'auth.sign_in_failed_locked' : 'auth.sign_in_failed',
      entityType: 'user',
      entityId: user.id,
      countyCode: user.countyCode,
      changes: { failedLoginCount: after?.failedLoginCount },
    });
    return null;
  }

  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await writeAudit(db, { actorId: user.id, action: 'auth.sign_in', entityType: 'user', entityId: user.id, countyCode: user.countyCode });
  return { id: user.id, email: user.email, name: user.displayName, role: user.role, county: user.countyCode };
}

export type UserListRow = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  active: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
};

export async function listUsersForActor(actor: Actor, filter: { search?: string } = {}): Promise<UserListRow[]> {
  assertCan(actor, 'user.manage');
  const db = await getDb();
  const search = filter.search?.trim();
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      countyCode: users.countyCode,
      active: users.active,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(search ? or(ilike(users.email, `%${search}%`), ilike(users.displayName, `%${search}%`)) : undefined)
    .orderBy(asc(users.displayName));
}

export type NewUser = { email: string; displayName: string; role: Role; countyCode: string | null; password: string };

/**
 * Create an account. `actor` is null only for the operator's command line (npm run user:create,
 * the demo seed), which runs with direct access to the database anyway.
 */
export async function createUser(actor: Actor | null, input: NewUser): Promise<{ id: string }> {
  if (actor) assertCan(actor, 'user.manage');
  if (isCountyRole(input.role) !== (input.countyCode !== null)) {
    throw new AppError('invalid', 'county roles need a county; national roles and admins have none');
  }
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()));
    if (existing) throw new AppError('conflict', 'email_taken');
    const [created] = await tx
      .insert(users)
      .values({ email: input.email.trim(), displayName: input.displayName, role: input.role, countyCode: input.countyCode, passwordHash })
      .returning({ id: users.id });
    await writeAudit(tx, {
      actorId: actor?.id ?? null,
      action: 'user.create',
      entityType: 'user',
      entityId: created!.id,
      countyCode: input.countyCode,
      changes: { email: input.email, displayName: input.displayName, role: input.role, countyCode: input.countyCode, via: actor ? 'app' : 'cli' },
    });
    return created!;
  });
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase())));
  return row?.id ?? null;
}
