import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { hashPassword } from '@/db/passwords';
import { createUser, findUserIdByEmail } from '@/db/queries/users/admin';
import type { Role } from '@/lib/roles';
import { rateLimits, recoveryCodes, roleSecuritySettings, users } from '@/db/schema';
import { DEMO_PASSWORD } from './demo';

// Accounts only the browser tests use, so that a test which locks, deactivates, renames or
// re-secures an account never disturbs another test or the demo accounts. Reset on every run
// (password, role, county, two-factor, language, lock), so a second run on the same database
// starts clean.
const E2E_ACCOUNTS: { email: string; displayName: string; role: Role; countyCode: string | null; active?: boolean }[] =
  [
    { email: 'e2e.lockout@lagesbild.test', displayName: 'Lisa Låstest', role: 'county_staff', countyCode: '01' },
    { email: 'e2e.signout@lagesbild.test', displayName: 'Ulf Utloggning', role: 'county_staff', countyCode: '03' },
    // e2e/admin.spec.ts
    { email: 'e2e.deactivate@lagesbild.test', displayName: 'Dora Deaktiveras', role: 'county_staff', countyCode: '01' },
    { email: 'e2e.rolechange@lagesbild.test', displayName: 'Rolf Rollbyte', role: 'county_staff', countyCode: '01' },
    { email: 'e2e.reset@lagesbild.test', displayName: 'Rut Återställs', role: 'national_analyst', countyCode: null },
    // e2e/account.spec.ts
    { email: 'e2e.password@lagesbild.test', displayName: 'Pia Lösenord', role: 'county_coordinator', countyCode: '25' },
    // e2e/two-factor.spec.ts
    { email: 'e2e.totp@lagesbild.test', displayName: 'Tore Tvåsteg', role: 'national_coordinator', countyCode: null },
    {
      email: 'e2e.recovery@lagesbild.test',
      displayName: 'Rebecka Reservkod',
      role: 'county_coordinator',
      countyCode: '12',
    },
    // e2e/english.spec.ts (the language is stored on the account)
    { email: 'e2e.english@lagesbild.test', displayName: 'Elin English', role: 'county_coordinator', countyCode: '01' },
    {
      email: 'e2e.english.switch@lagesbild.test',
      displayName: 'Eskil Engelska',
      role: 'county_staff',
      countyCode: '03',
    },
    { email: 'e2e.english.admin@lagesbild.test', displayName: 'Edith English', role: 'admin', countyCode: null },
    // e2e/coordination.spec.ts: Södermanland has one coordination group
    { email: 'e2e.onegroup@lagesbild.test', displayName: 'Olle Engrupp', role: 'county_coordinator', countyCode: '04' },
    // e2e/security.spec.ts
    { email: 'e2e.ratelimit@lagesbild.test', displayName: 'Rasmus Gräns', role: 'county_staff', countyCode: '03' },
    // The isolated server (e2e/sso.spec.ts, e2e/session.spec.ts)
    { email: 'e2e.sso@lagesbild.test', displayName: 'Sven Singel', role: 'county_coordinator', countyCode: '14' },
    {
      email: 'e2e.sso.inactive@lagesbild.test',
      displayName: 'Ines Inaktiv',
      role: 'county_staff',
      countyCode: '14',
      active: false,
    },
    { email: 'e2e.idle@lagesbild.test', displayName: 'Ida Stilla', role: 'county_staff', countyCode: '01' },
    { email: 'e2e.required@lagesbild.test', displayName: 'Rakel Krav', role: 'national_analyst', countyCode: null },
  ];

export async function seedE2eAccounts(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: string[] = [];
  for (const account of E2E_ACCOUNTS) {
    const id = await findUserIdByEmail(account.email);
    if (!id) {
      const created = await createUser(null, { ...account, password: DEMO_PASSWORD });
      ids.push(created.id);
      if (account.active === false) await db.update(users).set({ active: false }).where(eq(users.id, created.id));
      continue;
    }
    ids.push(id);
    await db
      .update(users)
      .set({
        displayName: account.displayName,
        role: account.role,
        countyCode: account.countyCode,
        policeRegion: null,
        active: account.active ?? true,
        passwordHash,
        mustChangePassword: false,
        failedLoginCount: 0,
        lockedUntil: null,
        locale: null,
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastUsedStep: null,
      })
      .where(eq(users.id, id));
  }
  await db.delete(recoveryCodes).where(inArray(recoveryCodes.userId, ids));
  // A fresh run: no requirement of two-factor sign-in, no sign-in counters from the last run.
  // Emptying both tables is the point here: every e2e run starts from no settings and no counters.
  /* eslint-disable drizzle/enforce-delete-with-where */
  await db.delete(roleSecuritySettings);
  await db.delete(rateLimits);
  /* eslint-enable drizzle/enforce-delete-with-where */
}
