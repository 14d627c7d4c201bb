// Who may do what, in one place. Pure: no I/O, so the UI can use it to hide what a person
// cannot do, and every query in db/queries uses it again to refuse it.
import { AppError } from './errors';
import type { PoliceRegion } from './regions';
import type { Role } from './roles';

/** A regional coordinator's police region and its counties, as the counties table has them. */
export type ActorRegion = { name: PoliceRegion; counties: readonly string[] };

export type Actor = {
  id: string;
  role: Role;
  /** Home county for county roles ("01"), null for national and regional roles and the admin. */
  county: string | null;
  /** The regional coordinator's police region, resolved at each request; null or absent for everyone else. */
  region?: ActorRegion | null;
};

export const ACTIONS = [
  'case.read',
  'case.create',
  'case.update',
  'case.delete',
  'coordination.read',
  'coordination.write',
  'coordination.manage',
  'coordination.delete',
  'training.read',
  'training.write',
  'training.delete',
  /** Figures in full (no suppression). */
  'statistics.read',
  /** Figures with small counts suppressed, as shown outside a county. */
  'statistics.read_suppressed',
  /** Release a year's protected figures, and set the day they are released automatically. */
  'statistics.release',
  'user.manage',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Scope = 'own-county' | 'any-county';
export type Permission = `${Action}:${Scope}`;

const COUNTY_WORK = [
  'case.read',
  'case.create',
  'case.update',
  'coordination.read',
  'coordination.write',
  'training.read',
  'training.write',
  'statistics.read',
] as const;

function grant(scope: Scope, actions: readonly Action[]): Permission[] {
  return actions.map((action) => `${action}:${scope}` as const);
}

export const GRANTS: Record<Role, readonly Permission[]> = {
  admin: grant('any-county', ['user.manage', 'audit.read']),
  national_coordinator: grant('any-county', [
    ...COUNTY_WORK,
    'case.delete',
    'coordination.manage',
    'coordination.delete',
    'training.delete',
    'statistics.read_suppressed',
    'statistics.release',
    'audit.read',
  ]),
  national_analyst: grant('any-county', ['statistics.read_suppressed']),
  county_coordinator: [
    ...grant('own-county', [
      ...COUNTY_WORK,
      'case.delete',
      'coordination.manage',
      'coordination.delete',
      'training.delete',
    ]),
    ...grant('any-county', ['statistics.read_suppressed']),
  ],
  county_staff: [...grant('own-county', COUNTY_WORK), ...grant('any-county', ['statistics.read_suppressed'])],
  // 'own-county' is every county of the region (homeCounties): the county work and the groups
  // there, but no deleting and no user administration; outside it what a county role sees.
  regional_coordinator: [
    ...grant('own-county', [...COUNTY_WORK, 'coordination.manage']),
    ...grant('any-county', ['statistics.read_suppressed']),
  ],
};

/**
 * The counties a person works in (their scope): one county for county roles, the counties of the
 * police region for the regional coordinator, all for national roles.
 */
export function homeCounties(actor: Actor): 'all' | readonly string[] {
  if (actor.role === 'county_coordinator' || actor.role === 'county_staff') return actor.county ? [actor.county] : [];
  if (actor.role === 'regional_coordinator') return actor.region?.counties ?? [];
  return 'all';
}

/** The counties in which the actor may perform the action: 'all', a list, or none ([]). */
export function countyScope(actor: Actor, action: Action): 'all' | readonly string[] {
  const grants = GRANTS[actor.role];
  if (grants.includes(`${action}:any-county`)) return 'all';
  if (grants.includes(`${action}:own-county`)) return homeCounties(actor);
  return [];
}

/**
 * May the actor perform the action in this county? Without a county: anywhere at all
 * (used to decide whether to show a feature).
 */
export function can(actor: Actor, action: Action, countyCode?: string | null): boolean {
  const scope = countyScope(actor, action);
  if (scope === 'all') return true;
  if (countyCode === undefined) return scope.length > 0;
  return countyCode !== null && scope.includes(countyCode);
}

export function assertCan(actor: Actor, action: Action, countyCode?: string | null): void {
  if (!can(actor, action, countyCode)) throw new AppError('forbidden', `${actor.role} may not ${action}`);
}
