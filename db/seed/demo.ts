import 'server-only';
import { count } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { createUser, findUserIdByEmail } from '@/db/queries/users/admin';
import type { PoliceRegion } from '@/lib/regions';
import type { Role } from '@/lib/roles';
import { users } from '@/db/schema';
import { seedDemoCases } from './demo-cases';
import { seedDemoCoordination } from './demo-coordination';
import { releaseUnreleasedYears } from '@/db/statistics/releases';
import { todayInStockholm } from '@/lib/forms/fields';

// Published in the README: demo installations only. A PostgreSQL database never gets these
// without `npm run db:seed -- --demo`.
export const DEMO_PASSWORD = 'Lagesbild-demo-2026';

const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  policeRegion?: PoliceRegion;
}[] = [
  { email: 'admin@lagesbild.test', displayName: 'Alva Admin', role: 'admin', countyCode: null },
  { email: 'nationell@lagesbild.test', displayName: 'Nora Nationell', role: 'national_coordinator', countyCode: null },
  { email: 'analytiker@lagesbild.test', displayName: 'Axel Analytiker', role: 'national_analyst', countyCode: null },
  {
    email: 'samordnare.ab@lagesbild.test',
    displayName: 'Sara Samordnare',
    role: 'county_coordinator',
    countyCode: '01',
  },
  { email: 'handlaggare.ab@lagesbild.test', displayName: 'Hugo Handläggare', role: 'county_staff', countyCode: '01' },
  {
    email: 'samordnare.o@lagesbild.test',
    displayName: 'Olle Samordnare',
    role: 'county_coordinator',
    countyCode: '14',
  },
  {
    email: 'samordnare.bd@lagesbild.test',
    displayName: 'Britt Samordnare',
    role: 'county_coordinator',
    countyCode: '25',
  },
  {
    email: 'region.syd@lagesbild.test',
    displayName: 'Rut Regionkoordinator',
    role: 'regional_coordinator',
    countyCode: null,
    policeRegion: 'Syd',
  },
  {
    email: 'region.nord@lagesbild.test',
    displayName: 'Nils Regionkoordinator',
    role: 'regional_coordinator',
    countyCode: null,
    policeRegion: 'Nord',
  },
];

/** The demo cases are registered in the name of Stockholm's county staff account. */
const DEMO_CASES_CREATOR = 'handlaggare.ab@lagesbild.test';
/** The demo's groups, meetings and trainings in the name of Stockholm's county coordinator. */
const DEMO_COORDINATION_CREATOR = 'samordnare.ab@lagesbild.test';

/**
 * Create the demo accounts that do not exist yet, then the demo cases and the demo's coordination
 * groups, meetings and trainings unless they are there (db/seed/demo-cases.ts,
 * demo-coordination.ts); returns how many accounts were created.
 */
export async function seedDemo(): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserIdByEmail(account.email)) continue;
    await createUser(null, { ...account, password: DEMO_PASSWORD });
    created += 1;
  }
  await seedDemoCases(await getDb(), await findUserIdByEmail(DEMO_CASES_CREATOR));
  await seedDemoCoordination(await getDb(), await findUserIdByEmail(DEMO_COORDINATION_CREATOR));
  // Every complete year released, so the protected views (the analyst's, other counties') show figures at once.
  await releaseUnreleasedYears(await getDb(), todayInStockholm());
  return created;
}

export function printDemoAccounts(log: (line: string) => void = console.log): void {
  log(`Lägesbild demo accounts (password: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS)
    log(
      `  ${a.email.padEnd(32)} ${a.role}${a.countyCode ? ` (${a.countyCode})` : a.policeRegion ? ` (${a.policeRegion})` : ''}`,
    );
}

/** The embedded database's first start: an empty users table gets the demo. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo();
  printDemoAccounts();
  return true;
}
