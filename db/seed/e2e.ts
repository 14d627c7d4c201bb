import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../index';
import { createUser, findUserIdByEmail } from '../queries/users';
import type { Role } from '../roles';
import { users } from '../schema';
import { DEMO_PASSWORD } from './demo';

// Accounts only the browser tests use, so that a test which locks or changes an account never
// disturbs another. Reset on every run, so a second run on the same database starts clean.
export const E2E_ACCOUNTS: { email: string; displayName: string; role: Role; countyCode: string | null }[] = [
  { email: 'e2e.lockout@lagesbild.test', displayName: 'Lisa Låstest', role: 'county_staff', countyCode: '01' },
  { email: 'e2e.signout@lagesbild.test', displayName: 'Ulf Utloggning', role: 'county_staff', countyCode: '03' },
];

export async function seedE2eAccounts(db: Db): Promise<void> {
  for (const account of E2E_ACCOUNTS) {
    const id = await findUserIdByEmail(account.email);
    if (!id) await createUser(null, { ...account, password: DEMO_PASSWORD });
    else await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, active: true }).where(eq(users.id, id));
  }
}
