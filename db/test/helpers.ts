// Test data helpers: every test makes its own users with unique addresses, so tests never
// depend on each other or on the demo data, on PGlite and on a shared PostgreSQL database alike.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '../index';
import type { Actor } from '../../lib/policy';
import { createUser } from '../queries/users/admin';
import type { PoliceRegion } from '../../lib/regions';
import type { Role } from '../../lib/roles';
import { loadSessionState } from '../queries/auth/sessions';
import { users } from '../schema';
import { releaseYear } from '../statistics/releases';

export const TEST_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function makeUser(
  role: Role,
  county: string | null = null,
  password = TEST_PASSWORD,
): Promise<Actor & { email: string }> {
  const email = uniqueEmail(role);
  const { id } = await createUser(null, { email, displayName: `Test ${role}`, role, countyCode: county, password });
  return { id, role, county, email };
}

/** A regional coordinator of the region, its counties resolved as a session resolves them (from the counties table). */
export async function makeRegionalCoordinator(
  region: PoliceRegion,
  password = TEST_PASSWORD,
): Promise<Actor & { email: string }> {
  const email = uniqueEmail('regional');
  const { id } = await createUser(null, {
    email,
    displayName: `Test regional coordinator ${region}`,
    role: 'regional_coordinator',
    countyCode: null,
    policeRegion: region,
    password,
  });
  const state = await loadSessionState(id);
  return { id, role: 'regional_coordinator', county: null, region: state!.region, email };
}

export async function readUser(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

let releaser: Actor | null = null;

/**
 * Release the year's protected figures as they are now (issue 14), as the national coordinator
 * would after corrections: protected viewers see releases, so a test that wrote figures and reads
 * them protected releases them first (a new version only when they changed).
 */
export async function releaseNow(year: number, today: string): Promise<void> {
  releaser ??= await makeUser('national_coordinator');
  await releaseYear(releaser, { year, today });
}
