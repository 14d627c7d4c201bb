import 'server-only';
import { randomInt } from 'node:crypto';
import { and, count, eq, isNull, or, sql } from 'drizzle-orm';
import type { AuditAction } from '@/lib/audit-events';
import { writeAudit } from '@/db/audit';
import { getDb, type Db } from '@/db';
import { verifyAgainstDummy, verifyPassword } from '@/db/passwords';
import { recoveryCodes, users, type User } from '@/db/schema';
import { decryptTotpSecret, hashRecoveryCode, isRecoveryCodeShape, isTotpCodeShape, verifyTotpCode } from '@/db/totp';
import { hitRateLimit, isRateLimited, pruneRateLimits, rateLimitKey, type RateLimitRule } from './rate-limits';
import { sessionUserOf, type SessionUser } from './sessions';

// Signing in: with a password (and the second factor when the account has one), or through
// single sign-on. The lockout and the sign-in rate limits are decided here.

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

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
  /** The client's address as the app sees it (lib/client-address.ts); null if unknown. */
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

/** A person signs in, or is refused, as themselves: every sign-in audit row is theirs. */
function auditSignIn(db: Db, user: User, action: AuditAction, changes?: Record<string, unknown> | null): Promise<void> {
  return writeAudit(db, {
    actorId: user.id,
    action,
    entityType: 'user',
    entityId: user.id,
    countyCode: user.countyCode,
    changes,
  });
}

async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user;
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
  await auditSignIn(db, user, after?.lockedUntil ? 'auth.sign_in_failed_locked' : 'auth.sign_in_failed', {
    failedLoginCount: after?.failedLoginCount,
    factor,
  });
}

/** A TOTP code is good once: the step is stored atomically, so a concurrent sign-in with the same code loses. */
async function claimTotpCode(db: Db, user: User, code: string): Promise<boolean> {
  const secret = user.totpSecret ? decryptTotpSecret(user.totpSecret) : null;
  if (!secret) return false;
  const step = await verifyTotpCode(secret, code, user.totpLastUsedStep);
  if (step === null) return false;
  const [claimed] = await db
    .update(users)
    .set({ totpLastUsedStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastUsedStep), sql`${users.totpLastUsedStep} < ${step}`)))
    .returning({ id: users.id });
  return claimed !== undefined;
}

/** A recovery code is good once too; its use is audited with the number left. */
async function redeemRecoveryCode(db: Db, user: User, code: string): Promise<boolean> {
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
  if (!used) return false;
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  await auditSignIn(db, user, 'auth.recovery_code_used', { remaining: left?.n ?? 0 });
  return true;
}

/** Is the code right, and which kind of code was it? */
async function checkSecondFactor(db: Db, user: User, code: string): Promise<'totp' | 'recovery_code' | null> {
  if (isTotpCodeShape(code)) return (await claimTotpCode(db, user, code)) ? 'totp' : null;
  if (isRecoveryCodeShape(code)) return (await redeemRecoveryCode(db, user, code)) ? 'recovery_code' : null;
  return null;
}

/** The address and account windows of one attempt: refused before anything is checked, and how a failure counts. */
async function signInWindows(db: Db, email: string, clientAddress: string | null | undefined) {
  const limits = signInLimits();
  const accountKey = rateLimitKey('sign-in:account', email);
  const addressKey = clientAddress ? rateLimitKey('sign-in:address', clientAddress) : null;
  const limited =
    (addressKey !== null && (await isRateLimited(db, addressKey, limits.address))) ||
    (await isRateLimited(db, accountKey, limits.account));
  const countFailure = async () => {
    await hitRateLimit(db, accountKey, limits.account.windowSeconds);
    if (addressKey) await hitRateLimit(db, addressKey, limits.address.windowSeconds);
    // Housekeeping now and then, so that the table holds only live windows.
    if (randomInt(100) === 0) await pruneRateLimits(db);
  };
  return { limited, countFailure };
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
  const { limited, countFailure } = await signInWindows(db, email, attempt.clientAddress);
  if (limited) return { status: 'rate_limited' };

  const user = await findUserByEmail(db, email);
  if (!user) {
    await verifyAgainstDummy(attempt.password);
    await countFailure();
    return { status: 'failed' };
  }

  const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
  const passwordOk = await verifyPassword(user.passwordHash, attempt.password);

  if (!user.active || locked) {
    await auditSignIn(db, user, locked ? 'auth.sign_in_refused_locked' : 'auth.sign_in_refused_inactive');
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
  await auditSignIn(db, user, 'auth.sign_in', factor === 'password' ? null : { factor });
  return { status: 'ok', user: sessionUserOf(user), factor };
}

/**
 * Single sign-on: the identity provider has verified the address; it must belong to an active
 * account here (there is no self-registration). Audited either way.
 */
export async function signInWithVerifiedEmail(email: string, provider: string): Promise<SessionUser | null> {
  const db = await getDb();
  const user = await findUserByEmail(db, email);
  if (!user || !user.active) {
    if (user) await auditSignIn(db, user, 'auth.sign_in_refused_inactive', { provider });
    return null;
  }
  await db
    .update(users)
    .set({ lastSignInAt: sql`now()` })
    .where(eq(users.id, user.id));
  await auditSignIn(db, user, 'auth.sign_in', { factor: 'sso', provider });
  return sessionUserOf(user);
}
