import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { writeAudit } from './audit';
import { getDb } from './index';
import { listCounties } from './queries/counties';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS, signInWithPassword } from './queries/auth/sign-in';
import { createUser, listUsersForActor } from './queries/users/admin';
import { auditLog, users } from './schema';
import { loadCounties } from './seed/counties';
import { makeUser, readUser, TEST_PASSWORD, uniqueEmail } from './test/helpers';
import { rowsOf } from '@/db/rows';
import { databaseErrorDetail } from './errors';

describe('counties', () => {
  it('holds all 21 counties with their reference figures, and loading again changes nothing', async () => {
    const db = await getDb();
    await loadCounties(db);
    const counties = await listCounties();
    expect(counties).toHaveLength(21);
    const stockholm = counties.find((c) => c.code === '01')!;
    expect(stockholm).toMatchObject({
      letter: 'AB',
      nameSv: 'Stockholms län',
      nameEn: 'Stockholm County',
      seat: 'Stockholm',
      population: 2473307,
      populationDate: '2024-12-31',
      svgId: 'stockholm',
      policeRegion: 'Stockholm',
    });
    expect(counties.find((c) => c.code === '25')).toMatchObject({ letter: 'BD', policeRegion: 'Nord' });
    expect(counties.reduce((sum, c) => sum + c.population, 0)).toBe(10_587_710);
  });
});

describe('users table', () => {
  it('refuses a second account whose e-mail differs only in case', async () => {
    const email = uniqueEmail('case');
    await createUser(null, { email, displayName: 'A', role: 'admin', countyCode: null, password: TEST_PASSWORD });
    await expect(
      createUser(null, {
        email: email.toUpperCase(),
        displayName: 'B',
        role: 'admin',
        countyCode: null,
        password: TEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const db = await getDb();
    // The database refuses it too, whatever the app does.
    await expect(
      db.insert(users).values({ email: email.toUpperCase(), displayName: 'C', role: 'admin', passwordHash: 'x' }),
    ).rejects.toThrow();
  });

  it('tells the second of two simultaneous creations of one e-mail that it is taken (no database error)', async () => {
    const email = uniqueEmail('race');
    const db = await getDb();
    // A first creation that has inserted the row but not yet committed: the second one's check
    // cannot see it, so only the database's unique index can tell (on PGlite, which runs one
    // transaction at a time, the second one waits and its check sees the row).
    let inserted!: () => void;
    let finish!: () => void;
    const rowIsThere = new Promise<void>((resolve) => (inserted = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const first = db.transaction(async (tx) => {
      await tx.insert(users).values({ email, displayName: 'First', role: 'admin', passwordHash: 'x' });
      inserted();
      await gate;
    });
    await rowIsThere;
    const second = createUser(null, {
      email,
      displayName: 'Second',
      role: 'admin',
      countyCode: null,
      password: TEST_PASSWORD,
    });
    const outcome = second.then(
      () => 'created',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    finish();
    await first;
    expect(await outcome).toMatchObject({ code: 'conflict', message: 'email_taken' });
  });

  it('requires a county for county roles and forbids one for national roles, in the database', async () => {
    const db = await getDb();
    await expect(
      db.insert(users).values({ email: uniqueEmail(), displayName: 'x', role: 'county_staff', passwordHash: 'x' }),
    ).rejects.toThrow();
    await expect(
      db
        .insert(users)
        .values({
          email: uniqueEmail(),
          displayName: 'x',
          role: 'national_analyst',
          countyCode: '01',
          passwordHash: 'x',
        }),
    ).rejects.toThrow();
    await expect(
      db
        .insert(users)
        .values({ email: uniqueEmail(), displayName: 'x', role: 'county_staff', countyCode: '99', passwordHash: 'x' }),
    ).rejects.toThrow();
    await expect(
      createUser(null, {
        email: uniqueEmail(),
        displayName: 'x',
        role: 'county_staff',
        countyCode: null,
        password: TEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const user = await makeUser('county_staff', '01');
    const row = await readUser(user.id);
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

describe('sign-in', () => {
  it('accepts the right password with any case of the address and records the sign-in', async () => {
    const user = await makeUser('county_coordinator', '14');
    const result = await signInWithPassword({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
    expect(result).toMatchObject({ status: 'ok', user: { id: user.id, role: 'county_coordinator', county: '14' } });
    expect((await readUser(user.id)).lastSignInAt).not.toBeNull();
  });

  it('refuses unknown addresses and wrong passwords alike', async () => {
    const user = await makeUser('national_analyst');
    expect((await signInWithPassword({ email: uniqueEmail('nobody'), password: TEST_PASSWORD })).status).not.toBe('ok');
    expect((await signInWithPassword({ email: user.email, password: 'wrong password' })).status).not.toBe('ok');
  });

  it(`locks the account for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} failures, even for the right password`, async () => {
    const user = await makeUser('county_staff', '01');
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++)
      expect((await signInWithPassword({ email: user.email, password: `wrong ${i}` })).status).not.toBe('ok');
    expect((await readUser(user.id)).lockedUntil).toBeNull();
    expect((await signInWithPassword({ email: user.email, password: 'wrong again' })).status).not.toBe('ok');
    const locked = await readUser(user.id);
    expect(locked.failedLoginCount).toBe(MAX_FAILED_SIGN_INS);
    const minutes = (locked.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCK_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCK_MINUTES);
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).not.toBe('ok');
  });

  it('counts concurrent failures exactly (the lock holds with several app instances)', async () => {
    const user = await makeUser('county_staff', '01');
    await Promise.all(
      Array.from({ length: 7 }, (_, i) => signInWithPassword({ email: user.email, password: `wrong ${i}` })),
    );
    const row = await readUser(user.id);
    expect(row.failedLoginCount).toBe(7);
    expect(row.lockedUntil).not.toBeNull();
  });

  it('lets a person in again once the lock has run out, and resets the count', async () => {
    const user = await makeUser('county_staff', '01');
    const db = await getDb();
    await db.execute(
      sql`update users set failed_login_count = 5, locked_until = now() - interval '1 minute' where id = ${user.id}`,
    );
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).toBe('ok');
    expect(await readUser(user.id)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('starts a new count after an expired lock instead of locking at the first new failure', async () => {
    const user = await makeUser('county_staff', '01');
    const db = await getDb();
    await db.execute(
      sql`update users set failed_login_count = 5, locked_until = now() - interval '1 minute' where id = ${user.id}`,
    );
    await signInWithPassword({ email: user.email, password: 'wrong' });
    expect(await readUser(user.id)).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
  });

  it('refuses inactive accounts', async () => {
    const user = await makeUser('national_coordinator');
    const db = await getDb();
    await db.execute(sql`update users set active = false where id = ${user.id}`);
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD })).status).not.toBe('ok');
  });

  it('takes about as long for an unknown address as for a wrong password', async () => {
    const user = await makeUser('county_staff', '01');
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    // Warm up the dummy hash, then compare medians of a few runs.
    await signInWithPassword({ email: uniqueEmail('warm'), password: 'x' });
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknown.push(await time(() => signInWithPassword({ email: uniqueEmail('ghost'), password: 'guess' })));
      wrong.push(await time(() => signInWithPassword({ email: user.email, password: 'guess' })));
      await (
        await getDb()
      ).execute(sql`update users set failed_login_count = 0, locked_until = null where id = ${user.id}`);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // Both verify an argon2id hash; without the dummy verification the unknown address would
    // answer in well under a tenth of the time.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it('writes sign-ins and failures to the audit log', async () => {
    const user = await makeUser('county_staff', '01');
    await signInWithPassword({ email: user.email, password: 'wrong' });
    await signInWithPassword({ email: user.email, password: TEST_PASSWORD });
    const db = await getDb();
    const rows = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${user.id}`)
      .orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'auth.sign_in_failed', 'auth.sign_in']);
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = await getDb();
    const entityId = uniqueEmail('audit');
    await writeAudit(db, { actorId: null, action: 'case.read', entityType: 'case', entityId, changes: { a: 1 } });
    expect(
      databaseErrorDetail(
        await db
          .execute(sql`update audit_log set action = 'tampered' where entity_id = ${entityId}`)
          .catch((e: unknown) => e),
      ),
    ).toMatch(/append-only/);
    expect(
      databaseErrorDetail(
        await db.execute(sql`delete from audit_log where entity_id = ${entityId}`).catch((e: unknown) => e),
      ),
    ).toMatch(/append-only/);
    expect(databaseErrorDetail(await db.execute(sql`truncate audit_log`).catch((e: unknown) => e))).toMatch(
      /append-only/,
    );
    const rows = rowsOf<{ action: string }>(
      await db.execute(sql`select action from audit_log where entity_id = ${entityId}`),
    );
    expect(rows).toEqual([{ action: 'case.read' }]);
  });
});

describe('user list', () => {
  it('is for admins only, and searches by name or e-mail', async () => {
    const admin = await makeUser('admin');
    const coordinator = await makeUser('national_coordinator');
    const found = await listUsersForActor(admin, { search: coordinator.email.slice(0, 20) });
    expect(found.map((u) => u.id)).toContain(coordinator.id);
    expect(found[0]).not.toHaveProperty('passwordHash');
    for (const role of ['national_coordinator', 'national_analyst'] as const) {
      await expect(listUsersForActor(await makeUser(role))).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(listUsersForActor(await makeUser('county_coordinator', '01'))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
