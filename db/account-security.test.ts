import { eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { authOptions } from '@/auth';
import { getDb } from './index';
import { hitRateLimit, rateLimitHits, rateLimitKey } from './queries/auth/rate-limits';
import { listTotpRequiredRoles, setTotpRequiredRoles } from './queries/auth/security-settings';
import { loadSessionState, type SessionUser } from './queries/auth/sessions';
import { MAX_FAILED_SIGN_INS, signInLimits, signInWithPassword, signInWithVerifiedEmail } from './queries/auth/sign-in';
import {
  changeOwnPassword,
  confirmTotpSetup,
  disableOwnTotp,
  getOwnTwoFactorStatus,
  regenerateRecoveryCodes,
  setOwnLocale,
  startTotpSetup,
} from './queries/users/account';
import {
  createUserByAdmin,
  resetPasswordByAdmin,
  resetTwoFactorByAdmin,
  setUserActiveByAdmin,
  updateUserByAdmin,
} from './queries/users/admin';
import type { Actor } from '@/lib/policy';
import { auditLog, rateLimits, recoveryCodes, users } from './schema';
import { makeUser, readUser, TEST_PASSWORD, uniqueEmail } from './test/helpers';

async function auditActions(entityId: string): Promise<{ action: string; changes: unknown }[]> {
  const db = await getDb();
  return db
    .select({ action: auditLog.action, changes: auditLog.changes })
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(auditLog.id);
}

/** Run the session callback as Auth.js does: at sign-in with the user, then on each request. */
const jwt = authOptions.callbacks.jwt as unknown as (
  params: Record<string, unknown>,
) => Promise<Record<string, unknown> | null>;

async function sessionFor(user: SessionUser): Promise<Record<string, unknown>> {
  const token = await jwt({
    token: { sub: user.id },
    user,
    account: { provider: 'credentials', type: 'credentials' },
    trigger: 'signIn',
  });
  expect(token).not.toBeNull();
  return token!;
}

async function signedIn(email: string, password = TEST_PASSWORD): Promise<SessionUser> {
  const result = await signInWithPassword({ email, password });
  if (result.status !== 'ok') throw new Error(`sign-in: ${result.status}`);
  return result.user;
}

/** A code from the authenticator app for the next time step (the current one may have been used). */
function nextCode(secret: string, steps = 1): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });
}

async function withTotp(actor: Actor): Promise<{ secret: string; codes: string[] }> {
  const { secret } = await startTotpSetup(actor);
  const { recoveryCodes: codes } = await confirmTotpSetup(actor, { code: await generate({ secret }) });
  return { secret, codes };
}

describe('user administration', () => {
  it('an admin creates an account with a one-time password that must be changed at the first sign-in', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('new');
    const { id, oneTimePassword } = await createUserByAdmin(admin, {
      email,
      displayName: 'Nina Ny',
      role: 'county_staff',
      countyCode: '12',
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const row = await readUser(id);
    expect(row).toMatchObject({ email, role: 'county_staff', countyCode: '12', mustChangePassword: true });
    expect(row.passwordHash).not.toContain(oneTimePassword);
    const user = await signedIn(email, oneTimePassword);
    const token = await sessionFor(user);
    expect(token.pending).toBe('change_password');
    expect((await auditActions(id))[0]).toMatchObject({
      action: 'user.create',
      changes: { email, role: 'county_staff', countyCode: '12', via: 'app' },
    });
  });

  it('is for admins only, checked in the data layer', async () => {
    for (const actor of [await makeUser('national_coordinator'), await makeUser('county_coordinator', '01')]) {
      await expect(
        createUserByAdmin(actor, {
          email: uniqueEmail(),
          displayName: 'x',
          role: 'national_analyst',
          countyCode: null,
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(setUserActiveByAdmin(actor, { id: actor.id, active: false })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(resetPasswordByAdmin(actor, { id: actor.id })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(setTotpRequiredRoles(actor, ['admin'])).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('requires a county exactly for county roles', async () => {
    const admin = await makeUser('admin');
    await expect(
      createUserByAdmin(admin, {
        email: uniqueEmail(),
        displayName: 'x',
        role: 'county_coordinator',
        countyCode: null,
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      createUserByAdmin(admin, { email: uniqueEmail(), displayName: 'x', role: 'national_analyst', countyCode: '01' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    const user = await makeUser('county_staff', '01');
    await expect(
      updateUserByAdmin(admin, { id: user.id, displayName: 'x', role: 'national_analyst', countyCode: '01' }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('changes role and county, audits before and after, and ends the person’s sessions at once', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('county_staff', '01');
    const token = await sessionFor(await signedIn(user.email));
    expect(await jwt({ token })).not.toBeNull();

    await updateUserByAdmin(admin, {
      id: user.id,
      displayName: 'Test county_staff',
      role: 'county_coordinator',
      countyCode: '03',
    });
    expect(await readUser(user.id)).toMatchObject({ role: 'county_coordinator', countyCode: '03' });
    const [, change] = await auditActions(user.id).then((rows) =>
      rows.filter((r) => r.action === 'user.create' || r.action === 'user.update'),
    );
    expect(change).toEqual({
      action: 'user.update',
      changes: { role: { from: 'county_staff', to: 'county_coordinator' }, countyCode: { from: '01', to: '03' } },
    });
    // The next request with the old session is signed out.
    expect(await jwt({ token })).toBeNull();
    // A fresh sign-in carries the new role.
    expect(await sessionFor(await signedIn(user.email))).toMatchObject({ role: 'county_coordinator', county: '03' });
  });

  it('a name change alone keeps the session and shows the new name', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('national_analyst');
    const token = await sessionFor(await signedIn(user.email));
    await updateUserByAdmin(admin, {
      id: user.id,
      displayName: 'Ny Namnsdotter',
      role: 'national_analyst',
      countyCode: null,
    });
    expect(await jwt({ token })).toMatchObject({ name: 'Ny Namnsdotter' });
  });

  it('deactivation signs the person out on their next request and refuses new sign-ins; reactivation lets them in again', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('national_coordinator');
    const token = await sessionFor(await signedIn(user.email));
    await setUserActiveByAdmin(admin, { id: user.id, active: false });
    expect(await jwt({ token })).toBeNull();
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).toEqual({ status: 'failed' });
    await setUserActiveByAdmin(admin, { id: user.id, active: true });
    expect(await jwt({ token })).toBeNull(); // the old session stays ended
    await signedIn(user.email);
    expect((await auditActions(user.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['user.deactivate', 'auth.sign_in_refused_inactive', 'user.reactivate', 'auth.sign_in']),
    );
  });

  it('a password reset gives a new one-time password, unlocks the account and ends its sessions', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('county_staff', '01');
    const token = await sessionFor(await signedIn(user.email));
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      await signInWithPassword({ email: user.email, password: `wrong ${i}` });
    expect((await readUser(user.id)).lockedUntil).not.toBeNull();
    const { oneTimePassword } = await resetPasswordByAdmin(admin, { id: user.id });
    expect(await jwt({ token })).toBeNull();
    expect(await readUser(user.id)).toMatchObject({ lockedUntil: null, failedLoginCount: 0, mustChangePassword: true });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('failed');
    await signedIn(user.email, oneTimePassword);
    const reset = (await auditActions(user.id)).find((r) => r.action === 'user.reset_password')!;
    expect(JSON.stringify(reset.changes)).not.toContain(oneTimePassword);
  });

  it('the session version changes whatever path changes access (a trigger in the database)', async () => {
    const user = await makeUser('county_staff', '01');
    const db = await getDb();
    const before = (await readUser(user.id)).sessionVersion;
    await db.execute(sql`update users set county_code = '05' where id = ${user.id}`);
    await db.execute(sql`update users set display_name = 'Only a name' where id = ${user.id}`);
    expect((await readUser(user.id)).sessionVersion).toBe(before + 1);
  });
});

describe('the last active admin', () => {
  // The rule is about every admin in the database: park the others for the test, then restore them.
  let parked: string[] = [];
  async function onlyAdmins(...ids: string[]) {
    const db = await getDb();
    const others = await db
      .select({ id: users.id })
      .from(users)
      .where(
        sql`${users.role} = 'admin' and ${users.active} and ${users.id} not in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    parked = others.map((r) => r.id);
    if (parked.length)
      await db.execute(
        sql`update users set active = false where id in (${sql.join(
          parked.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
  }
  afterEach(async () => {
    const db = await getDb();
    if (parked.length)
      await db.execute(
        sql`update users set active = true where id in (${sql.join(
          parked.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    parked = [];
  });

  it('nobody deactivates or demotes themselves', async () => {
    const admin = await makeUser('admin');
    await expect(setUserActiveByAdmin(admin, { id: admin.id, active: false })).rejects.toMatchObject({
      code: 'invalid',
      message: 'own_account',
    });
    await expect(
      updateUserByAdmin(admin, { id: admin.id, displayName: 'x', role: 'national_coordinator', countyCode: null }),
    ).rejects.toMatchObject({ code: 'invalid', message: 'own_account' });
    await expect(resetPasswordByAdmin(admin, { id: admin.id })).rejects.toMatchObject({ message: 'own_account' });
    // Renaming oneself is fine.
    await updateUserByAdmin(admin, { id: admin.id, displayName: 'Renamed Admin', role: 'admin', countyCode: null });
  });

  it('cannot be deactivated or demoted, even by another admin who is leaving', async () => {
    const last = await makeUser('admin');
    const leaving = await makeUser('admin');
    await onlyAdmins(last.id, leaving.id);
    // Demote the other admin: allowed while two remain.
    await setUserActiveByAdmin(last, { id: leaving.id, active: false });
    // Now `last` is the only active admin; `leaving` is inactive and cannot act, but a third, non-admin cannot either.
    const newcomer = await makeUser('admin');
    await setUserActiveByAdmin(last, { id: newcomer.id, active: false });
    await expect(
      updateUserByAdmin(newcomer, { id: last.id, displayName: 'x', role: 'national_analyst', countyCode: null }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'last_admin' });
    await expect(setUserActiveByAdmin(newcomer, { id: last.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
      message: 'last_admin',
    });
    expect(await readUser(last.id)).toMatchObject({ role: 'admin', active: true });
  });

  it('holds when two admins remove each other at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await makeUser('admin');
      const b = await makeUser('admin');
      await onlyAdmins(a.id, b.id);
      const results = await Promise.allSettled([
        setUserActiveByAdmin(a, { id: b.id, active: false }),
        updateUserByAdmin(b, { id: a.id, displayName: 'x', role: 'national_coordinator', countyCode: null }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({
        reason: { code: 'conflict', message: 'last_admin' },
      });
      const db = await getDb();
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(sql`${users.role} = 'admin' and ${users.active} and ${users.id} in (${a.id}::uuid, ${b.id}::uuid)`);
      expect(row!.n).toBe(1);
      // Restore the others before the next round parks them again.
      await db.execute(
        sql`update users set active = true where id in (${sql.join(
          parked.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
      parked = [];
    }
  });
});

describe('own account', () => {
  it('changes the password with the current one, refusing short, common and e-mail-based passwords', async () => {
    const user = await makeUser('county_staff', '01');
    const local = user.email.split('@')[0]!;
    await expect(
      changeOwnPassword(user, { currentPassword: 'not it', newPassword: 'a fine long passphrase' }),
    ).rejects.toMatchObject({ message: 'current_password_wrong' });
    await expect(
      changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: 'short' }),
    ).rejects.toMatchObject({ message: 'validation.password.too_short' });
    await expect(
      changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: 'password1234' }),
    ).rejects.toMatchObject({ message: 'validation.password.common' });
    await expect(
      changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: `My ${local} secret` }),
    ).rejects.toMatchObject({ message: 'validation.password.contains_email' });
    await expect(
      changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({ message: 'validation.password.same' });

    const token = await sessionFor(await signedIn(user.email));
    await changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: 'violet elephants dance slowly' });
    expect(await jwt({ token })).toBeNull(); // every session ends, this one too
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('failed');
    await signedIn(user.email, 'violet elephants dance slowly');
    expect((await auditActions(user.id)).map((r) => r.action)).toContain('account.change_password');
  });

  it('a one-time password is changed for one of the person’s own, which ends the pending step', async () => {
    const admin = await makeUser('admin');
    const email = uniqueEmail('otp');
    const { id, oneTimePassword } = await createUserByAdmin(admin, {
      email,
      displayName: 'Otto',
      role: 'national_analyst',
      countyCode: null,
    });
    const actor = { id, role: 'national_analyst' as const, county: null };
    await changeOwnPassword(actor, { currentPassword: oneTimePassword, newPassword: 'green tea under the oak' });
    expect(await sessionFor(await signedIn(email, 'green tea under the oak'))).toMatchObject({ pending: null });
  });

  it('stops guessing the current password after five wrong attempts', async () => {
    const user = await makeUser('county_staff', '01');
    for (let i = 0; i < 5; i++)
      await expect(
        changeOwnPassword(user, { currentPassword: `guess ${i}`, newPassword: 'blue river stones 42' }),
      ).rejects.toMatchObject({ message: 'current_password_wrong' });
    await expect(
      changeOwnPassword(user, { currentPassword: TEST_PASSWORD, newPassword: 'blue river stones 42' }),
    ).rejects.toMatchObject({ message: 'too_many_attempts' });
  });

  it('stores the language on the account and the session carries it', async () => {
    const user = await makeUser('county_coordinator', '14');
    const token = await sessionFor(await signedIn(user.email));
    expect(token.locale).toBeNull();
    await setOwnLocale(user, 'en');
    expect(await jwt({ token })).toMatchObject({ locale: 'en' });
    expect((await readUser(user.id)).locale).toBe('en');
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('is on only once a code from the new secret is confirmed, and gives ten hashed recovery codes', async () => {
    const user = await makeUser('national_coordinator');
    const { secret } = await startTotpSetup(user);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Not yet on: a password alone still signs in.
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('ok');
    await expect(confirmTotpSetup(user, { code: '000000' })).rejects.toMatchObject({ message: 'code_wrong' });
    const { recoveryCodes: codes } = await confirmTotpSetup(user, { code: await generate({ secret }) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const row = await readUser(user.id);
    expect(row.totpSecret).not.toContain(secret); // encrypted at rest
    expect(row.totpPendingSecret).toBeNull();
    const db = await getDb();
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.codeHash) && !codes.some((c) => s.codeHash.includes(c)))).toBe(
      true,
    );
    expect(await getOwnTwoFactorStatus(user)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
  });

  it('asks for the code after the right password, accepts a real code once, and refuses its replay', async () => {
    const user = await makeUser('national_coordinator');
    const { secret } = await withTotp(user);
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).toEqual({
      status: 'code_required',
    });
    // A wrong password never reveals that a code would be asked for.
    expect(await signInWithPassword({ email: user.email, password: 'wrong', code: '123456' })).toEqual({
      status: 'failed',
    });
    const code = await nextCode(secret);
    const ok = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code });
    expect(ok).toMatchObject({ status: 'ok', factor: 'totp', user: { id: user.id } });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code })).toEqual({
      status: 'code_failed',
    });
    // The code used to confirm the setup cannot sign in either (same or older step).
    expect(
      await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: await generate({ secret }) }),
    ).toEqual({ status: 'code_failed' });
  });

  it('lets only one of two simultaneous sign-ins with the same code through', async () => {
    const user = await makeUser('national_analyst');
    const { secret } = await withTotp(user);
    const code = await nextCode(secret);
    const results = await Promise.all(
      [1, 2].map(() => signInWithPassword({ email: user.email, password: TEST_PASSWORD, code })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['code_failed', 'ok']);
  });

  it('accepts each recovery code once, in any case and with or without dashes', async () => {
    const user = await makeUser('national_analyst');
    const { codes } = await withTotp(user);
    const code = codes[3]!;
    expect(
      await signInWithPassword({
        email: user.email,
        password: TEST_PASSWORD,
        code: code.toLowerCase().replaceAll('-', ''),
      }),
    ).toMatchObject({ status: 'ok', factor: 'recovery_code' });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code })).toEqual({
      status: 'code_failed',
    });
    expect(await getOwnTwoFactorStatus(user)).toMatchObject({ recoveryCodesLeft: 9 });
    // New codes replace the old ones.
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(user, { currentPassword: TEST_PASSWORD });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: codes[0]! })).toEqual({
      status: 'code_failed',
    });
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: fresh[0]! })).toMatchObject({
      status: 'ok',
    });
  });

  it('counts wrong codes like wrong passwords: five lock the account', async () => {
    const user = await makeUser('national_coordinator');
    const { secret } = await withTotp(user);
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: String(100000 + i) });
    expect((await readUser(user.id)).lockedUntil).not.toBeNull();
    expect(
      await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: await nextCode(secret) }),
    ).toEqual({ status: 'failed' });
    expect(
      (await auditActions(user.id)).some(
        (r) => r.action === 'auth.sign_in_failed_locked' && (r.changes as { factor?: string }).factor === 'code',
      ),
    ).toBe(true);
  });

  it('an admin can require it per role; a person of that role without it must set it up first and cannot turn it off', async () => {
    const admin = await makeUser('admin');
    const before = await listTotpRequiredRoles(admin);
    try {
      await setTotpRequiredRoles(admin, [...before, 'national_analyst']);
      expect(await listTotpRequiredRoles(admin)).toContain('national_analyst');
      const user = await makeUser('national_analyst');
      const token = await sessionFor(await signedIn(user.email));
      expect(token.pending).toBe('set_up_two_factor');
      await withTotp(user);
      expect(await jwt({ token })).toMatchObject({ pending: null });
      await expect(disableOwnTotp(user, { currentPassword: TEST_PASSWORD })).rejects.toMatchObject({
        message: 'required_for_role',
      });
      const db = await getDb();
      const [entry] = await db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} = 'settings.two_factor_roles' and ${auditLog.actorId} = ${admin.id}`);
      expect(entry!.changes).toMatchObject({ totpRequired: { national_analyst: { from: false, to: true } } });
    } finally {
      await setTotpRequiredRoles(admin, before);
    }
  });

  it('a person may turn it off with their password; an admin may reset it for someone who lost their phone', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('county_coordinator', '01');
    await withTotp(user);
    await expect(disableOwnTotp(user, { currentPassword: 'wrong' })).rejects.toMatchObject({
      message: 'current_password_wrong',
    });
    await disableOwnTotp(user, { currentPassword: TEST_PASSWORD });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('ok');

    const { secret } = await withTotp(user);
    const signedInWithCode = await signInWithPassword({
      email: user.email,
      password: TEST_PASSWORD,
      code: await nextCode(secret),
    });
    if (signedInWithCode.status !== 'ok') throw new Error(signedInWithCode.status);
    const token = await sessionFor(signedInWithCode.user);
    await resetTwoFactorByAdmin(admin, { id: user.id });
    expect(await jwt({ token })).toBeNull();
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('ok');
    expect((await auditActions(user.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['account.enable_two_factor', 'account.disable_two_factor', 'user.reset_two_factor']),
    );
  });
});

describe('rate limits in the database', () => {
  it('counts concurrent hits exactly and starts a new window when the old one has run out', async () => {
    const db = await getDb();
    const key = rateLimitKey('test', uniqueEmail());
    await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(db, key, 60)));
    expect(await rateLimitHits(db, key, 60)).toBe(12);
    await db
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '2 minutes'` })
      .where(eq(rateLimits.key, key));
    expect(await rateLimitHits(db, key, 60)).toBe(0);
    expect(await hitRateLimit(db, key, 60)).toBe(1);
  });

  it('never keeps the e-mail address in clear', async () => {
    const email = uniqueEmail('private');
    await signInWithPassword({ email, password: 'nope' });
    const db = await getDb();
    const rows = await db.select().from(rateLimits);
    expect(rows.some((r) => r.key.includes(email) || r.key.includes(email.split('@')[0]!))).toBe(false);
    expect(await rateLimitHits(db, rateLimitKey('sign-in:account', email), 3600)).toBe(1);
  });

  it('refuses a client address after too many failures, even for another account with the right password', async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const db = await getDb();
    await db.delete(rateLimits).where(eq(rateLimits.key, rateLimitKey('sign-in:address', address)));
    const { limit } = signInLimits().address;
    for (let i = 0; i < limit; i++) {
      expect(
        (await signInWithPassword({ email: uniqueEmail('spray'), password: 'guess', clientAddress: address })).status,
      ).toBe('failed');
    }
    const victim = await makeUser('county_staff', '01');
    expect(await signInWithPassword({ email: victim.email, password: TEST_PASSWORD, clientAddress: address })).toEqual({
      status: 'rate_limited',
    });
    // Another address is not affected.
    expect(
      (await signInWithPassword({ email: victim.email, password: TEST_PASSWORD, clientAddress: '198.51.100.251' }))
        .status,
    ).toBe('ok');
  });

  it('refuses an account after too many failures from many addresses, whether or not it exists', async () => {
    const { limit } = signInLimits().account;
    const user = await makeUser('county_staff', '01');
    const db = await getDb();
    for (let i = 0; i < limit; i++) {
      await signInWithPassword({ email: user.email, password: `wrong ${i}`, clientAddress: `203.0.113.${i}` });
      // Keep the lockout out of the way: this is about the hourly limit.
      await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    }
    expect(
      await signInWithPassword({ email: user.email, password: TEST_PASSWORD, clientAddress: '203.0.113.200' }),
    ).toEqual({ status: 'rate_limited' });
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < limit; i++)
      await signInWithPassword({ email: ghost, password: 'x', clientAddress: `203.0.113.${i}` });
    expect(
      await signInWithPassword({ email: ghost.toUpperCase(), password: 'x', clientAddress: '203.0.113.201' }),
    ).toEqual({ status: 'rate_limited' });
  });
});

describe('single sign-on', () => {
  it('matches an active account by e-mail and refuses unknown or inactive ones (no self-registration)', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('county_coordinator', '14');
    expect(await signInWithVerifiedEmail(user.email.toUpperCase(), 'Test IdP')).toMatchObject({
      id: user.id,
      role: 'county_coordinator',
      county: '14',
    });
    expect(await signInWithVerifiedEmail(uniqueEmail('stranger'), 'Test IdP')).toBeNull();
    await setUserActiveByAdmin(admin, { id: user.id, active: false });
    expect(await signInWithVerifiedEmail(user.email, 'Test IdP')).toBeNull();
    const db = await getDb();
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) like 'stranger-%'`);
    expect(count!.n).toBe(0);
  });

  it('the sign-in callback refuses an unverified address and turns a verified one into the account here', async () => {
    const user = await makeUser('national_coordinator');
    const signIn = authOptions.callbacks.signIn as unknown as (p: Record<string, unknown>) => Promise<boolean | string>;
    const account = { provider: 'oidc', type: 'oidc' };
    expect(
      await signIn({ user: { id: 'sub-1' }, account, profile: { email: user.email, email_verified: false } }),
    ).toBe('/login?error=sso_no_account');
    expect(
      await signIn({ user: { id: 'sub-1' }, account, profile: { email: uniqueEmail(), email_verified: true } }),
    ).toBe('/login?error=sso_no_account');
    const idpUser: Record<string, unknown> = { id: 'sub-2', email: user.email };
    expect(await signIn({ user: idpUser, account, profile: { email: user.email, email_verified: true } })).toBe(true);
    expect(idpUser).toMatchObject({ id: user.id, role: 'national_coordinator' });
    const token = await jwt({ token: { sub: 'sub-2' }, user: idpUser, account, trigger: 'signIn' });
    // Single sign-on leaves the second factor to the identity provider.
    expect(token).toMatchObject({ sub: user.id, method: 'sso', pending: null });
  });
});

describe('session limits', () => {
  it('ends a session 8 hours after sign-in however active it is', async () => {
    const user = await makeUser('county_staff', '01');
    const token = await sessionFor(await signedIn(user.email));
    expect(
      await jwt({ token: { ...token, signedInAt: Math.floor(Date.now() / 1000) - 8 * 3600 + 60 } }),
    ).not.toBeNull();
    expect(await jwt({ token: { ...token, signedInAt: Math.floor(Date.now() / 1000) - 8 * 3600 - 1 } })).toBeNull();
  });

  it('ends a session whose account no longer exists or whose token lacks a version', async () => {
    const user = await makeUser('county_staff', '01');
    const token = await sessionFor(await signedIn(user.email));
    expect(await jwt({ token: { ...token, sub: '00000000-0000-4000-8000-000000000000' } })).toBeNull();
    const { sv: _sv, ...withoutVersion } = token;
    void _sv;
    expect(await jwt({ token: withoutVersion })).toBeNull();
  });

  it('signing out ends that session for good, even if its cookie comes back; other sessions go on', async () => {
    const user = await makeUser('county_staff', '01');
    const here = await sessionFor(await signedIn(user.email));
    const elsewhere = await sessionFor(await signedIn(user.email));
    expect(here.sid).not.toEqual(elsewhere.sid);
    const signOut = authOptions.events.signOut as unknown as (message: {
      token: Record<string, unknown>;
    }) => Promise<void>;
    await signOut({ token: here });
    expect(await jwt({ token: here })).toBeNull();
    expect(await jwt({ token: elsewhere })).not.toBeNull();
    expect((await auditActions(user.id)).map((r) => r.action)).toContain('auth.sign_out');
  });

  it('reads what the person must do first from the database, never from the cookie', async () => {
    const user = await makeUser('county_staff', '01');
    const token = await sessionFor(await signedIn(user.email));
    expect(await jwt({ token: { ...token, pending: null, role: 'admin' } })).toMatchObject({
      pending: null,
      role: 'county_staff',
    });
    const state = await loadSessionState(user.id);
    expect(state).toMatchObject({ active: true, mustChangePassword: false, totpEnabled: false });
  });
});
