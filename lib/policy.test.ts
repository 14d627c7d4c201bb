import { describe, expect, it } from 'vitest';
import { ACTIONS, can, assertCan, countyScope, type Action, type Actor } from './policy';
import { ROLES, type Role } from './roles';

// The expected grants, written out by hand from the role descriptions (issue 2 and DOMAIN.md),
// independently of the GRANTS table in policy.ts. 'all' = every county, 'own' = own county only,
// '-' = nowhere.
type Expect = 'all' | 'own' | '-';
const EXPECTED: Record<Action, Record<Role, Expect>> = {
  //                          admin  national_coordinator national_analyst county_coordinator county_staff
  // regional_coordinator ('own': every county of the police region, here Stockholm: 01 and 09)
  'case.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'case.create': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'case.update': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'case.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
    regional_coordinator: '-',
  },
  'coordination.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'coordination.write': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'coordination.manage': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
    regional_coordinator: 'own',
  },
  'coordination.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
    regional_coordinator: '-',
  },
  'training.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'training.write': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'training.delete': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: '-',
    regional_coordinator: '-',
  },
  'statistics.read': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: 'own',
    county_staff: 'own',
    regional_coordinator: 'own',
  },
  'statistics.read_suppressed': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: 'all',
    county_coordinator: 'all',
    county_staff: 'all',
    regional_coordinator: 'all',
  },
  'statistics.release': {
    admin: '-',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: '-',
    county_staff: '-',
    regional_coordinator: '-',
  },
  'user.manage': {
    admin: 'all',
    national_coordinator: '-',
    national_analyst: '-',
    county_coordinator: '-',
    county_staff: '-',
    regional_coordinator: '-',
  },
  'audit.read': {
    admin: 'all',
    national_coordinator: 'all',
    national_analyst: '-',
    county_coordinator: '-',
    county_staff: '-',
    regional_coordinator: '-',
  },
};

const HOME = '01';
const OTHER = '14';
/** The regional coordinator's region here: Stockholm (HOME and Gotland); db/queries/_shared/regional-scope.test.ts walks all seven. */
const REGION = { name: 'Stockholm', counties: [HOME, '09'] } as const;

function actorFor(role: Role): Actor {
  if (role === 'regional_coordinator') return { id: `actor-${role}`, role, county: null, region: REGION };
  return { id: `actor-${role}`, role, county: role === 'county_coordinator' || role === 'county_staff' ? HOME : null };
}

describe('policy: every role × action × own/other county', () => {
  it('covers every action the policy knows', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  const cases = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action, expected: EXPECTED[action][role] })));

  it.each(cases)('$role · $action → $expected', ({ role, action, expected }) => {
    const actor = actorFor(role);
    expect(can(actor, action, HOME)).toBe(expected !== '-');
    expect(can(actor, action, OTHER)).toBe(expected === 'all');
    expect(can(actor, action)).toBe(expected !== '-');
    expect(can(actor, action, null)).toBe(expected === 'all');
    const scope = countyScope(actor, action);
    const own = role === 'regional_coordinator' ? REGION.counties : [HOME];
    expect(scope).toEqual(expected === 'all' ? 'all' : expected === 'own' ? own : []);
    for (const county of own) expect(can(actor, action, county)).toBe(expected !== '-');
    if (expected === 'all') expect(() => assertCan(actor, action, OTHER)).not.toThrow();
    else expect(() => assertCan(actor, action, OTHER)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('a county role without a county may do nothing county-scoped', () => {
    const broken: Actor = { id: 'x', role: 'county_staff', county: null };
    expect(can(broken, 'case.read')).toBe(false);
    expect(countyScope(broken, 'case.read')).toEqual([]);
  });

  it('a regional coordinator without a region may do nothing county-scoped, whatever county it names', () => {
    for (const broken of [
      { id: 'x', role: 'regional_coordinator', county: null },
      { id: 'x', role: 'regional_coordinator', county: '01', region: null },
    ] satisfies Actor[]) {
      expect(can(broken, 'case.read')).toBe(false);
      expect(can(broken, 'case.read', '01')).toBe(false);
      expect(countyScope(broken, 'case.create')).toEqual([]);
      expect(can(broken, 'statistics.read_suppressed', '01')).toBe(true);
    }
  });
});
