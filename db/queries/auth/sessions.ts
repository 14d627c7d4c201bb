import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db';
import { counties, endedSessions, roleSecuritySettings, users, type User } from '@/db/schema';
import { UUID_PATTERN } from '@/lib/forms/fields';
import type { ActorRegion } from '@/lib/policy';
import type { PoliceRegion } from '@/lib/regions';
import type { Role } from '@/lib/roles';

// The session: what it is issued with at sign-in, what is checked on every request, and how it
// ends at sign-out.

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  county: string | null;
  /** The regional coordinator's police region; null for every other role. */
  region: PoliceRegion | null;
  /** The users.session_version the session is issued with; a raised version ends it. */
  sessionVersion: number;
};

/** The account as a new session carries it. */
export function sessionUserOf(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.displayName,
    role: user.role,
    county: user.countyCode,
    region: user.policeRegion,
    sessionVersion: user.sessionVersion,
  };
}

export type SessionState = Omit<SessionUser, 'region'> & {
  /** The police region with its counties as the counties table has them now (a person's scope). */
  region: ActorRegion | null;
  active: boolean;
  /** This session was ended by signing out. */
  ended: boolean;
  locale: 'sv' | 'en' | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /** The admin requires two-factor sign-in of this role. */
  totpRequired: boolean;
};

/** What the session callback needs to know about a signed-in person, read fresh on each request. */
export async function loadSessionState(userId: string, sid?: string): Promise<SessionState | null> {
  if (!UUID_PATTERN.test(userId) || (sid !== undefined && !UUID_PATTERN.test(sid))) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.displayName,
      role: users.role,
      county: users.countyCode,
      region: users.policeRegion,
      regionCounties: sql<
        string | null
      >`(select string_agg(${counties.code}, ',' order by ${counties.code}) from ${counties} where ${counties.policeRegion} = ${users.policeRegion})`,
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
  const { totpEnabledAt, totpRequired, locale, region, regionCounties, ...rest } = row;
  return {
    ...rest,
    region: region ? { name: region, counties: regionCounties ? regionCounties.split(',') : [] } : null,
    locale: locale === 'en' || locale === 'sv' ? locale : null,
    totpEnabled: totpEnabledAt !== null,
    totpRequired: totpRequired ?? false,
  };
}

/** Sign-out: this session ends for good, even if its cookie comes back. Audited. */
export async function endSession(userId: string, sid: string, maxAgeSeconds: number): Promise<void> {
  if (!UUID_PATTERN.test(userId) || !UUID_PATTERN.test(sid)) return;
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
