import 'server-only';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db';
import { hashPassword, verifyPassword } from '@/db/passwords';
import { hitRateLimit, isRateLimited, rateLimitKey } from '@/db/queries/auth/rate-limits';
import { recoveryCodes, roleSecuritySettings, users } from '@/db/schema';
import {
  decryptTotpSecret,
  encryptTotpSecret,
  formatTotpSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
  verifyTotpCode,
} from '@/db/totp';
import { AppError } from '@/lib/errors';
import { passwordProblem, passwordProblemMessage } from '@/lib/password-policy';
import type { Actor } from '@/lib/policy';

// A person's own account: password, language, two-factor sign-in. Every function acts on the
// actor's own row only (the id comes from the session, never from the form).

/** Wrong current passwords on the account pages: a stolen session must not become a password oracle. */
const REAUTH_LIMIT = { limit: 5, windowSeconds: 15 * 60 };

async function loadOwnRow(actor: Actor) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!row || !row.active) throw new AppError('forbidden');
  return { db, row };
}

/** The current password, for changes that must not be made with a session alone. */
async function assertCurrentPassword(actor: Actor, passwordHash: string, password: string): Promise<void> {
  const db = await getDb();
  const key = rateLimitKey('reauth', actor.id);
  if (await isRateLimited(db, key, REAUTH_LIMIT)) throw new AppError('invalid', 'too_many_attempts');
  if (!(await verifyPassword(passwordHash, password))) {
    await hitRateLimit(db, key, REAUTH_LIMIT.windowSeconds);
    throw new AppError('invalid', 'current_password_wrong', { field: 'currentPassword' });
  }
}

/**
 * Change one's own password. The new one must pass lib/password-policy.ts and differ from the
 * current one. All of the person's sessions end (the trigger raises session_version), this one
 * too: they sign in again with the new password.
 */
export async function changeOwnPassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { db, row } = await loadOwnRow(actor);
  await assertCurrentPassword(actor, row.passwordHash, input.currentPassword);
  const problem = passwordProblem(input.newPassword, row.email);
  if (problem) throw new AppError('invalid', passwordProblemMessage(problem), { field: 'newPassword' });
  if (await verifyPassword(row.passwordHash, input.newPassword))
    throw new AppError('invalid', 'validation.password.same', { field: 'newPassword' });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.id, actor.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'account.change_password',
      entityType: 'user',
      entityId: actor.id,
      countyCode: row.countyCode,
      changes: row.mustChangePassword ? { mustChangePassword: { from: true, to: false } } : null,
    });
  });
}

export async function setOwnLocale(actor: Actor, locale: 'sv' | 'en'): Promise<void> {
  const { db, row } = await loadOwnRow(actor);
  if (row.locale === locale) return;
  await db
    .update(users)
    .set({ locale, updatedAt: sql`now()` })
    .where(eq(users.id, actor.id));
  await writeAudit(db, {
    actorId: actor.id,
    action: 'account.set_locale',
    entityType: 'user',
    entityId: actor.id,
    countyCode: row.countyCode,
    changes: { locale: { from: row.locale, to: locale } },
  });
}

// ── Two-factor sign-in ──────────────────────────────────────────────────────────────────────

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
};

export async function getOwnTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const { db, row } = await loadOwnRow(actor);
  const [[left], [setting]] = await Promise.all([
    db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt))),
    db
      .select({ required: roleSecuritySettings.totpRequired })
      .from(roleSecuritySettings)
      .where(eq(roleSecuritySettings.role, row.role)),
  ]);
  return {
    enabled: row.totpEnabledAt !== null,
    enabledAt: row.totpEnabledAt,
    required: setting?.required ?? false,
    recoveryCodesLeft: left?.n ?? 0,
  };
}

/**
 * Begin setting up an authenticator: a new secret, kept as pending until a code from it is
 * confirmed, so that a half-finished setup never locks the person out.
 */
export async function startTotpSetup(actor: Actor): Promise<{ secret: string; formattedSecret: string; uri: string }> {
  const { db, row } = await loadOwnRow(actor);
  if (row.totpEnabledAt) throw new AppError('conflict', 'already_enabled');
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpPendingSecret: encryptTotpSecret(secret), updatedAt: sql`now()` })
    .where(eq(users.id, actor.id));
  return { secret, formattedSecret: formatTotpSecret(secret), uri: totpUri(secret, row.email) };
}

async function storeNewRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

/** Confirm the pending secret with a code from the app: two-factor sign-in is on from now. */
export async function confirmTotpSetup(actor: Actor, input: { code: string }): Promise<{ recoveryCodes: string[] }> {
  const { db, row } = await loadOwnRow(actor);
  if (row.totpEnabledAt) throw new AppError('conflict', 'already_enabled');
  const secret = row.totpPendingSecret ? decryptTotpSecret(row.totpPendingSecret) : null;
  if (!secret) throw new AppError('invalid', 'setup_missing');
  const key = rateLimitKey('totp-setup', actor.id);
  if (await isRateLimited(db, key, REAUTH_LIMIT)) throw new AppError('invalid', 'too_many_attempts');
  const step = await verifyTotpCode(secret, input.code, null);
  if (step === null) {
    await hitRateLimit(db, key, REAUTH_LIMIT.windowSeconds);
    throw new AppError('invalid', 'code_wrong', { field: 'code' });
  }
  return db.transaction(async (tx) => {
    const [enabled] = await tx
      .update(users)
      .set({
        totpSecret: row.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: sql`now()`,
        totpLastUsedStep: step,
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.id, actor.id), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!enabled) throw new AppError('conflict', 'already_enabled');
    const codes = await storeNewRecoveryCodes(tx, actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'account.enable_two_factor',
      entityType: 'user',
      entityId: actor.id,
      countyCode: row.countyCode,
      changes: { totpEnabled: { from: false, to: true } },
    });
    return { recoveryCodes: codes };
  });
}

/** Ten new recovery codes (the old ones stop working). Needs the current password. */
export async function regenerateRecoveryCodes(
  actor: Actor,
  input: { currentPassword: string },
): Promise<{ recoveryCodes: string[] }> {
  const { db, row } = await loadOwnRow(actor);
  if (!row.totpEnabledAt) throw new AppError('conflict', 'not_enabled');
  await assertCurrentPassword(actor, row.passwordHash, input.currentPassword);
  return db.transaction(async (tx) => {
    const codes = await storeNewRecoveryCodes(tx, actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'account.regenerate_recovery_codes',
      entityType: 'user',
      entityId: actor.id,
      countyCode: row.countyCode,
    });
    return { recoveryCodes: codes };
  });
}

/** Turn two-factor sign-in off, unless the admin requires it of the person's role. */
export async function disableOwnTotp(actor: Actor, input: { currentPassword: string }): Promise<void> {
  const { db, row } = await loadOwnRow(actor);
  if (!row.totpEnabledAt) return;
  const [setting] = await db
    .select({ required: roleSecuritySettings.totpRequired })
    .from(roleSecuritySettings)
    .where(eq(roleSecuritySettings.role, row.role));
  if (setting?.required) throw new AppError('invalid', 'required_for_role');
  await assertCurrentPassword(actor, row.passwordHash, input.currentPassword);
  await db.transaction(async (tx) => {
    await clearTotp(tx, actor.id);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'account.disable_two_factor',
      entityType: 'user',
      entityId: actor.id,
      countyCode: row.countyCode,
      changes: { totpEnabled: { from: true, to: false } },
    });
  });
}

/** Turn TOTP off and drop the recovery codes (the person themselves, or the admin's reset). */
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
