import 'server-only';
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { changedFields, writeAudit } from '../audit';
import { AppError } from '../../lib/errors';
import { getDb, type Db, type Tx } from '../index';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../passwords';
import { assertCan, type Actor } from '../../lib/policy';
import { isCountyRole, type Role } from '../../lib/roles';
import { endedSessions, recoveryCodes, roleSecuritySettings, users, type User } from '../schema';
import { decryptTotpSecret, hashRecoveryCode, isRecoveryCodeShape, isTotpCodeShape, verifyTotpCode } from '../totp';
import {
  clearRateLimit,
  hitRateLimit,
  isRateLimited,
  pruneRateLimits,
  rateLimitKey,
  type RateLimitRule,
} from './rate-limits';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  county: string | null;
  /** The users.session_version the session is issued with; a raised version ends it. */
  sessionVersion: number;
};

function envLimit(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Failed sign-ins allowed per client address and per account (whether or not the account
 * exists) before further attempts are refused for the rest of the window. On top of the
 * lockout (5 failures in a row lock an account for 15 minutes), the account limit caps the
 * guesses per hour, and the address limit stops one client from trying many accounts.
 */
export function signInLimits(): { address: RateLimitRule; account: RateLimitRule } {
  return {
    address: { limit: envLimit('SIGNIN_MAX_FAILURES_PER_ADDRESS', 50), windowSeconds: 15 * 60 },
    account: { limit: envLimit('SIGNIN_MAX_FAILURES_PER_ACCOUNT', 10), windowSeconds: 60 * 60 },
  };
}

export type SignInAttempt = {
  email: string;
  password: string;
  /** A 6-digit code from the authenticator app, or a recovery code. */
  code?: string;
  /** The client's address as the app sees it (app/_lib/client-address.ts); null if unknown. */
  clientAddress?: string | null;
};

export type SignInResult =
  | { status: 'ok'; user: SessionUser; factor: 'password' | 'totp' | 'recovery_code' }
  /** Unknown address, wrong password, inactive or locked: one answer for all. */
  | { status: 'failed' }
  /** The password was right and the account has two-factor sign-in: ask for the code. */
  | { status: 'code_required' }
  | { status: 'code_failed' }
  | { status: 'rate_limited' };

function sessionUser(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.displayName,
    role: user.role,
    county: user.countyCode,
    sessionVersion: user.sessionVersion,
  };
}

/** Count a failure against the account (the lockout) in one atomic statement, and audit it. */
async function recordAccountFailure(db: Db, user: User, factor: 'password' | 'code'): Promise<void> {
  // Concurrent attempts cannot slip past the limit; a lock that has run out starts the count again.
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
    changes: { failedLoginCount: after?.failedLoginCount, factor },
  });
}

/** Is the code right? TOTP codes are good once (the step is stored atomically); recovery codes too. */
async function checkSecondFactor(db: Db, user: User, code: string): Promise<'totp' | 'recovery_code' | null> {
  if (isTotpCodeShape(code)) {
    const secret = user.totpSecret ? decryptTotpSecret(user.totpSecret) : null;
    if (!secret) return null;
    const step = await verifyTotpCode(secret, code, user.totpLastUsedStep);
    if (step === null) return null;
    // A concurrent sign-in with the same code loses here: only one update finds the older step.
    const [claimed] = await db
      .update(users)
      .set({ totpLastUsedStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastUsedStep), sql`${users.totpLastUsedStep} < ${step}`)))
      .returning({ id: users.id });
    return claimed ? 'totp' : null;
  }
  if (isRecoveryCodeShape(code)) {
    const [used] = await db
      .update(recoveryCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(recoveryCodes.userId, user.id),
          eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (!used) return null;
    const [left] = await db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    await writeAudit(db, {
      actorId: user.id,
      action: 'auth.recovery_code_used',
      entityType: 'user',
      entityId: user.id,
      countyCode: user.countyCode,
      changes: { remaining: left?.n ?? 0 },
    });
    return 'recovery_code';
  }
  return null;
}

/**
 * Sign in with e-mail and password, and the second factor when the account has one. Every kind
 * of refusal of the first step (unknown address, wrong password, inactive, locked) gives the same
 * answer in about the same time. Failures count against the account (lockout) and against the
 * address and account rate limits, all in the database.
 */
export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  const db = await getDb();
  const email = attempt.email.trim().toLowerCase();
  const limits = signInLimits();
  const accountKey = rateLimitKey('sign-in:account', email);
  const addressKey = attempt.clientAddress ? rateLimitKey('sign-in:address', attempt.clientAddress) : null;

  if (
    (addressKey && (await isRateLimited(db, addressKey, limits.address))) ||
    (await isRateLimited(db, accountKey, limits.account))
  ) {
    return { status: 'rate_limited' };
  }
  const countFailure = async () => {
    await hitRateLimit(db, accountKey, limits.account.windowSeconds);
    if (addressKey) await hitRateLimit(db, addressKey, limits.address.windowSeconds);
    // Housekeeping now and then, so that the table holds only live windows.
    if (randomInt(100) === 0) await pruneRateLimits(db);
  };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (!user) {
    await verifyAgainstDummy(attempt.password);
    await countFailure();
    return { status: 'failed' };
  }

  const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
  const passwordOk = await verifyPassword(user.passwordHash, attempt.password);

  if (!user.active || locked) {
    await writeAudit(db, {
      actorId: user.id,
      action: locked ? 'auth.sign_in_refused_locked' : 'auth.sign_in_refused_inactive',
      entityType: 'user',
      entityId: user.id,
      countyCode: user.countyCode,
    });
    await countFailure();
    return { status: 'failed' };
  }

  if (!passwordOk) {
    await recordAccountFailure(db, user, 'password');
    await countFailure();
    return { status: 'failed' };
  }

  let factor: 'password' | 'totp' | 'recovery_code' = 'password';
  if (user.totpEnabledAt) {
    const code = attempt.code?.trim();
    if (!code) return { status: 'code_required' };
    const second = await checkSecondFactor(db, user, code);
    if (!second) {
      await recordAccountFailure(db, user, 'code');
      await countFailure();
      return { status: 'code_failed' };
    }
    factor = second;
  }

  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await writeAudit(db, {
    actorId: user.id,
    action: 'auth.sign_in',
    entityType: 'user',
    entityId: user.id,
    countyCode: user.countyCode,
    changes: factor === 'password' ? null : { factor },
  });
  return { status: 'ok', user: sessionUser(user), factor };
}

/** Password only, for accounts without a second factor: the user, or null for every refusal. */
export async function authenticateUser(email: string, password: string): Promise<SessionUser | null> {
  const result = await signInWithPassword({ email, password });
  return result.status === 'ok' ? result.user : null;
}

/**
 * Single sign-on: the identity provider has verified the address; it must belong to an active
 * account here (there is no self-registration). Audited either way.
 */
export async function signInWithVerifiedEmail(email: string, provider: string): Promise<SessionUser | null> {
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!user || !user.active) {
    if (user)
      await writeAudit(db, {
        actorId: user.id,
        action: 'auth.sign_in_refused_inactive',
        entityType: 'user',
        entityId: user.id,
        countyCode: user.countyCode,
        changes: { provider },
      });
    return null;
  }
  await db
    .update(users)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await writeAudit(db, {
    actorId: user.id,
    action: 'auth.sign_in',
    entityType: 'user',
    entityId: user.id,
    countyCode: user.countyCode,
    changes: { factor: 'sso', provider },
  });
  return sessionUser(user);
}

// ── The session, checked on every request ───────────────────────────────────────────────────

export type SessionState = SessionUser & {
  active: boolean;
  /** This session was ended by signing out. */
  ended: boolean;
  locale: 'sv' | 'en' | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /** The admin requires two-factor sign-in of this role. */
  totpRequired: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the session callback needs to know about a signed-in person, read fresh on each request. */
export async function loadSessionState(userId: string, sid?: string): Promise<SessionState | null> {
  if (!UUID.test(userId) || (sid !== undefined && !UUID.test(sid))) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.displayName,
      role: users.role,
      county: users.countyCode,
      sessionVersion: users.sessionVersion,
      active: users.active,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      totpEnabledAt: users.totpEnabledAt,
      totpRequired: roleSecuritySettings.totpRequired,
      ended: sid
        ? sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sid} = ${sid})`
        : sql<boolean>`false`,
    })
    .from(users)
    .leftJoin(roleSecuritySettings, eq(roleSecuritySettings.role, users.role))
    .where(eq(users.id, userId));
  if (!row) return null;
  const { totpEnabledAt, totpRequired, locale, ...rest } = row;
  return {
    ...rest,
    locale: locale === 'en' || locale === 'sv' ? locale : null,
    totpEnabled: totpEnabledAt !== null,
    totpRequired: totpRequired ?? false,
  };
}

/** Sign-out: this session ends for good, even if its cookie comes back. Audited. */
export async function endSession(userId: string, sid: string, maxAgeSeconds: number): Promise<void> {
  if (!UUID.test(userId) || !UUID.test(sid)) return;
  const db = await getDb();
  const [user] = await db.select({ countyCode: users.countyCode }).from(users).where(eq(users.id, userId));
  if (!user) return;
  await db.insert(endedSessions).values({ sid, userId }).onConflictDoNothing();
  // A session cannot outlive the absolute limit: older records are of no use.
  await db
    .delete(endedSessions)
    .where(sql`${endedSessions.endedAt} < now() - make_interval(secs => ${maxAgeSeconds + 3600})`);
  await writeAudit(db, {
    actorId: userId,
    action: 'auth.sign_out',
    entityType: 'user',
    entityId: userId,
    countyCode: user.countyCode,
  });
}

// ── Administration ──────────────────────────────────────────────────────────────────────────

export type UserListRow = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
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
  if (!UUID.test(id)) throw new AppError('not_found');
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
  password: string;
  mustChangePassword?: boolean;
};

function assertCountyMatchesRole(role: Role, countyCode: string | null): void {
  if (isCountyRole(role) !== (countyCode !== null)) {
    throw new AppError('invalid', 'county_role_mismatch', { field: 'countyCode' });
  }
}

/**
 * Create an account. `actor` is null only for the operator's command line (npm run user:create,
 * the demo seed), which runs with direct access to the database anyway.
 */
export async function createUser(actor: Actor | null, input: NewUser): Promise<{ id: string }> {
  if (actor) assertCan(actor, 'user.manage');
  assertCountyMatchesRole(input.role, input.countyCode);
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
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
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning({ id: users.id });
    await writeAudit(tx, {
      actorId: actor?.id ?? null,
      action: 'user.create',
      entityType: 'user',
      entityId: created!.id,
      countyCode: input.countyCode,
      changes: {
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        countyCode: input.countyCode,
        via: actor ? 'app' : 'cli',
      },
    });
    return created!;
  });
}

// Readable aloud and typed by hand once: no 0/O, 1/I/L.
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password like "Xk7p-Qm2d-W9tb-Rr4e" (16 random characters ≈ 93 bits). */
export function newOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** An admin creates an account; the person signs in with a one-time password and must change it. */
export async function createUserByAdmin(
  actor: Actor,
  input: { email: string; displayName: string; role: Role; countyCode: string | null },
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
 * Change a person's role, county or name. A role or county change ends their sessions at once
 * (a database trigger raises session_version, migration account_security_triggers).
 */
export async function updateUserByAdmin(
  actor: Actor,
  input: { id: string; displayName: string; role: Role; countyCode: string | null },
): Promise<{ id: string }> {
  assertCan(actor, 'user.manage');
  assertCountyMatchesRole(input.role, input.countyCode);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { target, activeAdmins } = await lockForAdminChange(tx, input.id);
    assertAdminRemains(actor, target, { role: input.role, active: target.active }, activeAdmins);
    const after = { displayName: input.displayName.trim(), role: input.role, countyCode: input.countyCode };
    const changes = changedFields(
      { displayName: target.displayName, role: target.role, countyCode: target.countyCode },
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

/** Turn TOTP off and drop the recovery codes. */
export async function clearTotp(tx: Db | Tx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastUsedStep: null,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase())));
  return row?.id ?? null;
}
